import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// The delivery worker sending shops' outboxes to a real SMTP server (aiosmtpd), which decodes
/// what arrives with Python's own email package.
@Suite("Email delivery over SMTP", .enabled(if: SMTPTestServer.isAvailable, Comment(rawValue: SMTPTestServer.skipReason)))
struct SMTPDeliveryTests {
    @Test func aWelcomeEmailArrivesInUTF8AsTextAndHTML() async throws {
        let smtp = try await SMTPTestServer.start()
        defer { smtp.stop() }
        try await DeliveryShop.with { shop in
            try await shop.useRelay(smtp)
            _ = try await shop.shop.registerSignedIn(
                "asa@example.se", store: "web-sv", extra: ["firstName": "Åsa", "lastName": "Öberg"])
            let logged = try await shop.waitForEmail(to: "asa@example.se", status: ["sent"])
            let mail = try #require(try await smtp.waitForMessages(1).first)

            // Python decodes the RFC 2047 subject and display name back to the Nordic letters.
            #expect(mail.subject == "Välkommen som kund – Åkerö Ström & Söner")
            #expect(mail.fromDisplayName == "Åkerö Ström")
            #expect(mail.mailFrom == "kauppa@akero.example")
            #expect(mail.rcptTos == ["asa@example.se"])
            #expect(mail.contentType == "multipart/alternative")
            #expect(mail.defects.isEmpty)
            #expect(mail.parts.map(\.contentType) == ["text/plain", "text/html"])
            #expect(mail.parts.allSatisfy { $0.charset == "utf-8" && $0.defects.isEmpty })
            let text = try #require(mail.parts.first?.text)
            #expect(text.contains("Hej Åsa,"))
            #expect(text.contains("tack för att du registrerade dig hos Åkerö Ström & Söner"))
            #expect(text.contains("/shops/\(shop.slug)/storefront/web-sv/sign-in"))
            #expect(mail.parts.last?.text.contains("<html lang=\"sv\">") == true)
            #expect(mail.parts.last?.text.contains("Åkerö Ström &amp; Söner") == true)
            // Every line of the message is CRLF-terminated and at most 76 characters.
            for line in mail.rawText.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 76) }

            // The log matches the copy by Message-ID and shows how it went.
            #expect(mail.messageId == "<\(logged["messageId"] as? String ?? "")>")
            #expect(logged["attempts"] as? Int == 1)
            #expect(logged["transport"] as? String == "smtp")
            #expect(logged["error"] is NSNull)
            let attempts = try await shop.attempts(logged)
            #expect(attempts.count == 1)
            #expect(attempts.first?["outcome"] as? String == "sent")
            #expect((attempts.first?["reply"] as? String)?.hasPrefix("250 2.0.0 Ok: queued as msg-0001.json") == true)
            // The customer's own email log shows the delivery too.
            let customer = try await shop.shop.customerID("asa@example.se")
            let customerLog = try await shop.shop.api("/customers/\(customer)/emails")
            let row = try #require((customerLog.jsonObject?["emails"] as? [[String: Any]])?.first)
            #expect(row["status"] as? String == "sent")
            #expect(row["messageId"] as? String == logged["messageId"] as? String)
        }
    }

    @Test func aPasswordResetLinkArrivesWorking() async throws {
        let smtp = try await SMTPTestServer.start()
        defer { smtp.stop() }
        try await DeliveryShop.with { shop in
            try await shop.useRelay(smtp)
            _ = try await shop.shop.registerSignedIn("eeva@example.fi", store: "web-fi", extra: ["firstName": "Eeva"])
            _ = try await shop.shop.storefront("POST", "/password-reset", json: ["email": "eeva@example.fi"])
            let received = try await smtp.waitForMessages(2)
            let reset = try #require(received.first { $0.subject?.hasPrefix("Salasanan vaihtaminen") == true })
            #expect(reset.subject == "Salasanan vaihtaminen – Åkerö Ström & Söner")
            let text = try #require(reset.parts.first?.text)
            let range = try #require(text.range(of: "sa_ct_[A-Za-z0-9_-]+", options: .regularExpression))
            // The token decoded from the email sets a new password: the link survived the encoding.
            let done = try await shop.shop.storefront(
                "POST", "/password-reset/complete", json: ["token": String(text[range]), "password": "Uusi-Salasana-99"])
            #expect(done.status == 200, "\(done.text)")
            #expect(reset.parts.last?.text.contains("token=\(text[range])") == true)
        }
    }

    @Test func aServerAnswering451Then250GetsTheMailExactlyOnce() async throws {
        let smtp = try await SMTPTestServer.start(.init(transientRecipients: ["later@example.fi"]))
        defer { smtp.stop() }
        try await DeliveryShop.with { shop in
            try await shop.useRelay(smtp)
            _ = try await shop.shop.registerSignedIn("later@example.fi")
            let logged = try await shop.waitForEmail(to: "later@example.fi", status: ["sent"])
            // Time for a wrong second delivery to show up, had there been one.
            try await Task.sleep(for: .milliseconds(800))
            #expect(try smtp.messages().filter { $0.rcptTos == ["later@example.fi"] }.count == 1)
            #expect(smtp.recipientReplies().map { String($0.reply.prefix(3)) } == ["451", "250"])
            #expect(logged["attempts"] as? Int == 2)
            #expect(logged["error"] is NSNull)
            let attempts = try await shop.attempts(logged)
            #expect(attempts.map { $0["outcome"] as? String } == ["transient", "sent"])
            #expect((attempts.first?["reply"] as? String)?.contains("451 4.3.0") == true)
        }
    }

    @Test func aPermanentRefusalIsRecordedWithTheServersReplyAndNotRetried() async throws {
        let smtp = try await SMTPTestServer.start(.init(rejectedRecipients: ["nobody@example.fi"]))
        defer { smtp.stop() }
        try await DeliveryShop.with { shop in
            try await shop.useRelay(smtp)
            _ = try await shop.shop.registerSignedIn("nobody@example.fi")
            let failed = try await shop.waitForEmail(to: "nobody@example.fi", status: ["failed"])
            let error = try #require(failed["error"] as? String)
            #expect(error.contains("550 5.1.1 <nobody@example.fi>: Recipient address rejected: no such user"), "\(error)")
            try await Task.sleep(for: .milliseconds(800))
            let again = try #require(try await shop.log("?status=failed").first)
            #expect(again["attempts"] as? Int == 1)
            #expect(try smtp.messages().isEmpty)
            #expect(smtp.recipientReplies().count == 1)
            let customer = try await shop.shop.customerID("nobody@example.fi")
            let customerLog = try await shop.shop.api("/customers/\(customer)/emails")
            #expect((customerLog.jsonObject?["emails"] as? [[String: Any]])?.first?["status"] as? String == "failed")
        }
    }

    @Test func startTLSWithAuthAgainstASelfSignedRelay() async throws {
        let certificate = try await SelfSignedCertificate.make()
        let smtp = try await SMTPTestServer.start(.init(credentials: ("kauppa", "Relay-Salasana"), certificate: certificate))
        defer { smtp.stop() }
        try await DeliveryShop.with { shop in
            // Verified by default: the self-signed certificate is refused, and the email waits.
            try await shop.useRelay(smtp, security: "starttls", extra: ["username": "kauppa", "password": "Relay-Salasana"])
            _ = try await shop.shop.registerSignedIn("tls@example.fi")
            let deadline = Date().addingTimeInterval(10)
            var error = ""
            while Date() < deadline {
                error = try await shop.log().first?["error"] as? String ?? ""
                if !error.isEmpty { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(error.contains("not trusted"), "\(error)")
            // Allowing the self-signed certificate (the password is kept: same host and user).
            try await shop.useRelay(smtp, security: "starttls", extra: ["username": "kauppa", "verifyCertificate": false])
            _ = try await shop.waitForEmail(to: "tls@example.fi", status: ["sent"])
            let mail = try #require(try smtp.messages().first)
            #expect(mail.tls && mail.authenticated && mail.login == "kauppa")
            #expect(smtp.authAttempts().map(\.mechanism) == ["PLAIN"])
        }
    }

    @Test func anUnreachableRelayIsRetriedWithBackoffThenGivenUp() async throws {
        let closed = try await SMTPTestServer.start()
        let port = closed.port
        closed.stop()
        try await Task.sleep(for: .milliseconds(100))
        try await DeliveryShop.with { shop in
            let response = try await shop.shop.api(
                "PUT", "/email-settings",
                json: ["fromAddress": "kauppa@akero.example", "smtp": ["host": "127.0.0.1", "port": port, "security": "none"]])
            try #require(response.status == 200)
            _ = try await shop.shop.registerSignedIn("down@example.fi")
            let failed = try await shop.waitForEmail(to: "down@example.fi", status: ["failed"])
            #expect(failed["attempts"] as? Int == 5)
            #expect((failed["error"] as? String)?.hasPrefix("Gave up after 5 attempts. Last: 127.0.0.1:\(port): cannot connect") == true)
            let attempts = try await shop.attempts(failed)
            let started = attempts.compactMap { ($0["startedAt"] as? String).flatMap(Self.date) }
            #expect(started.count == 5)
            // Each wait is longer than the one before (0.2 s, 0.4 s, 0.8 s, 1 s).
            let gaps = zip(started.dropFirst(), started).map { $0.timeIntervalSince($1) }
            #expect(gaps.allSatisfy { $0 >= 0.19 }, "\(gaps)")
            #expect(gaps[2] >= 0.79, "\(gaps)")
        }
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
