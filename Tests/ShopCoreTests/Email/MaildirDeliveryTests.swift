import Foundation
import SQLite
import ShopAdminTesting
import Testing

@testable import ShopCore

/// Without an SMTP relay (the embedded demo), email goes to the shop's maildir under its folder
/// in the data directory, readable through the email log.
@Suite("Email delivery to the shop's maildir")
struct MaildirDeliveryTests {
    static func maildir(_ shop: DeliveryShop) -> String { "\(shop.server.dataDirectory)/\(shop.slug)/maildir" }

    static func files(_ shop: DeliveryShop, _ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(maildir(shop))/\(folder)")) ?? []).sorted()
    }

    @Test func aShopWithoutARelayDeliversToItsMaildir() async throws {
        try await DeliveryShop.with { shop in
            let settings = try await shop.shop.api("/email-settings")
            #expect((settings.jsonObject?["emailSettings"] as? [String: Any])?["delivery"] as? String == "maildir")
            _ = try await shop.shop.registerSignedIn("aino@example.fi", extra: ["firstName": "Äinö"])
            _ = try await shop.shop.storefront("POST", "/password-reset", json: ["email": "aino@example.fi"])
            let reset = try await shop.waitForEmail(to: "aino@example.fi", status: ["sent"])
            #expect(reset["template"] as? String == "password-reset")
            #expect(reset["transport"] as? String == "maildir")
            #expect(reset["hasSource"] as? Bool == true)
            try await Task.sleep(for: .milliseconds(300))
            #expect(Self.files(shop, "new").count == 2)
            #expect(Self.files(shop, "tmp").isEmpty)
            #expect(Self.files(shop, "cur").isEmpty)

            // The raw message, with the single-use link masked for staff.
            let id = try #require(reset["id"] as? Int)
            let source = try await shop.shop.api("/email-log/\(id)/source")
            #expect(source.status == 200)
            #expect(source.headers.first { $0.0.lowercased() == "content-type" }?.1.hasPrefix("text/plain") == true)
            #expect(source.text.contains("Message-ID: <\(reset["messageId"] as? String ?? "-")>"))
            #expect(source.text.contains("Subject: =?UTF-8?Q?Salasanan_vaihtaminen"))
            #expect(source.text.contains("From: =?UTF-8?Q?=C3=85ker=C3=B6_Str=C3=B6m"))
            #expect(source.text.contains("<no-reply@\(shop.slug).shopadmin.localhost>"))
            #expect(source.text.contains("token=3Dsa_ct_hidden"))
            let token = try await shop.shop.tokenFromOutbox("password-reset")
            #expect(!source.text.contains(token) && !source.text.contains(String(token.dropFirst(6).prefix(12))))
            // The file itself holds the working token, whole on one line.
            let file = try #require(
                Self.files(shop, "new").first { name in
                    (try? String(contentsOfFile: "\(Self.maildir(shop))/new/\(name)", encoding: .utf8))?.contains(token) == true
                })
            #expect(!file.isEmpty)
            // A mail reader moving it to cur/ with flags does not lose it.
            try FileManager.default.moveItem(atPath: "\(Self.maildir(shop))/new/\(file)", toPath: "\(Self.maildir(shop))/cur/\(file):2,S")
            #expect(try await shop.shop.api("/email-log/\(id)/source").status == 200)
        }
    }

    @Test func anErasedCustomersEmailsLeaveTheMaildir() async throws {
        try await DeliveryShop.with { shop in
            _ = try await shop.shop.registerSignedIn("gone@example.fi")
            _ = try await shop.shop.registerSignedIn("stays@example.fi")
            _ = try await shop.waitForEmail(to: "gone@example.fi", status: ["sent"])
            _ = try await shop.waitForEmail(to: "stays@example.fi", status: ["sent"])
            #expect(Self.files(shop, "new").count == 2)
            let id = try await shop.shop.customerID("gone@example.fi")
            let number = try #require(
                (try await shop.shop.api("/customers/\(id)").jsonObject?["customer"] as? [String: Any])?["customerNumber"] as? String)
            let erased = try await shop.shop.api("POST", "/customers/\(id)/gdpr-erase", json: ["confirmCustomerNumber": number])
            #expect(erased.status == 200, "\(erased.text)")
            let left = Self.files(shop, "new")
            #expect(left.count == 1)
            let text = try String(contentsOfFile: "\(Self.maildir(shop))/new/\(left[0])", encoding: .utf8)
            #expect(text.contains("stays@example.fi") && !text.contains("gone@example.fi"))
        }
    }

    @Test func anAttemptCutShortByACrashIsSentAgainWithTheSameMessageID() async throws {
        try await DeliveryShop.with(startWorker: false) { shop in
            _ = try await shop.shop.registerSignedIn("crash@example.fi")
            // A process claimed the email, wrote its attempt, and died before recording it.
            let slug = try #require(ShopSlug(shop.slug))
            let claimed = try await shop.server.withShopDatabase(shop.slug) { db in
                let id = try #require(try OutboxDeliveryStore.dueIDs(db, now: Date(), limit: 1).first)
                return try OutboxDeliveryStore.claim(
                    db, id: id, transport: "maildir", messageIDDomain: "akero.example", shop: slug, now: Date(), lease: 600)
            }
            let messageID = try #require(claimed?.messageID)
            let before = try #require(try await shop.log().first)
            #expect(before["status"] as? String == "sending")

            shop.server.app.emailDelivery.start(DeliveryShop.fastDelivery)
            let sent = try await shop.waitForEmail(to: "crash@example.fi", status: ["sent"])
            #expect(sent["messageId"] as? String == messageID)
            #expect(sent["attempts"] as? Int == 2)
            let attempts = try await shop.attempts(sent)
            #expect(attempts.map { $0["outcome"] as? String } == ["interrupted", "sent"])
            try await Task.sleep(for: .milliseconds(300))
            let files = Self.files(shop, "new")
            #expect(files.count == 1)
            let text = try String(contentsOfFile: "\(Self.maildir(shop))/new/\(files[0])", encoding: .utf8)
            #expect(text.contains("Message-ID: <\(messageID)>"))
        }
    }

    @Test func emailQueuedBeforeTheWorkerStartsIsFoundAtStart() async throws {
        try await DeliveryShop.with(startWorker: false) { shop in
            _ = try await shop.shop.registerSignedIn("early@example.fi")
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await shop.log().first?["status"] as? String == "queued")
            #expect(Self.files(shop, "new").isEmpty)
            shop.server.app.emailDelivery.start(DeliveryShop.fastDelivery)
            _ = try await shop.waitForEmail(to: "early@example.fi", status: ["sent"])
        }
    }

    @Test func theSourceOfAnEmailWithoutALocalCopyIsA404() async throws {
        try await DeliveryShop.with(startWorker: false) { shop in
            _ = try await shop.shop.registerSignedIn("later@example.fi")
            let id = try #require(try await shop.log().first?["id"] as? Int)
            let missing = try await shop.shop.api("/email-log/\(id)/source")
            #expect(missing.status == 404)
            #expect(missing.errorObject?["code"] as? String == "no_local_copy")
            #expect(try await shop.shop.api("/email-log/999999/source").status == 404)
            #expect(try await shop.shop.api("/email-log/999999").status == 404)
            let notAnID = try await shop.shop.api("/email-log/abc")
            #expect(notAnID.status == 404)
        }
    }
}
