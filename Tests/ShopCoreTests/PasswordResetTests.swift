import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// Forgotten passwords and staff-sent "set your password" links: single-use, expiring tokens
/// stored hashed, the same answer for unknown emails, and the shared sign-in check.
@Suite("Password reset")
struct PasswordResetTests {
    static let newPassword = "Uusi-salasana-2026"

    @Test func requestAnswersTheSameWhetherOrNotTheEmailExists() async throws {
        try await StorefrontShop.with { shop in
            _ = try await shop.registerSignedIn("known@example.fi")
            let known = try await shop.storefront("POST", "/password-reset", json: ["email": "KNOWN@example.fi"])
            let unknown = try await shop.storefront("POST", "/password-reset", json: ["email": "nobody@example.fi"])
            #expect(known.status == 202)
            #expect(unknown.status == 202)
            #expect(known.body == unknown.body)
            let resets = try await shop.outbox().filter { $0["template"] == "password-reset" }
            #expect(resets.count == 1)
            #expect(resets.first?["to_address"] == "known@example.fi")
            // Only the hash of the token is stored.
            let token = try await shop.tokenFromOutbox("password-reset")
            let stored = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.query("SELECT token_hash, kind FROM customer_token").map { ($0["token_hash"].storedText, $0["kind"].storedText) }
            }
            #expect(stored.count == 1)
            #expect(stored.first?.1 == "reset")
            #expect(stored.first?.0 != token)
            #expect(stored.first?.0?.count == 64)
        }
    }

    @Test func completionSetsThePasswordEndsOtherSessionsAndWorksOnce() async throws {
        try await StorefrontShop.with { shop in
            let old = try await shop.registerSignedIn("reset@example.fi")
            #expect(try await shop.storefront("POST", "/password-reset", json: ["email": "reset@example.fi"]).status == 202)
            let token = try await shop.tokenFromOutbox("password-reset")
            #expect(token.count >= 6 + 43)

            let short = try await shop.storefront("POST", "/password-reset/complete", json: ["token": token, "password": "abc"])
            #expect(short.errorField == "password")
            let done = try await shop.storefront(
                "POST", "/password-reset/complete", json: ["token": token, "password": PasswordResetTests.newPassword])
            #expect(done.status == 200, "\(done.text)")
            let session = try #require(done.jsonObject?["token"] as? String)
            #expect(try await shop.storefront("/account", token: session).status == 200)
            #expect(try await shop.storefront("/account", token: old).status == 401)
            #expect(try await shop.signIn("reset@example.fi").status == 401)
            #expect(try await shop.signIn("reset@example.fi", password: PasswordResetTests.newPassword).status == 201)

            let again = try await shop.storefront(
                "POST", "/password-reset/complete", json: ["token": token, "password": "Kolmas-salasana-3"])
            #expect(again.status == 410)
            #expect(again.errorCode == "token_used")
            #expect(try await shop.signIn("reset@example.fi", password: "Kolmas-salasana-3").status == 401)

            let forged = try await shop.storefront(
                "POST", "/password-reset/complete", json: ["token": "sa_ct_forged", "password": "Kolmas-salasana-3"])
            #expect(forged.status == 400)
            #expect(forged.errorCode == "invalid_token")

            let id = try await shop.customerID("reset@example.fi")
            let audit = try await shop.api("/audit?entity=customer&entityId=\(id)")
            let actions = (audit.jsonObject?["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            #expect(actions.contains("customer.password_reset_requested"))
            #expect(actions.contains("customer.password_reset"))
            #expect(!audit.text.contains(token))
            #expect(!audit.text.contains(PasswordResetTests.newPassword))
        }
    }

    @Test func anExpiredTokenIsRefused() async throws {
        try await StorefrontShop.with { shop in
            _ = try await shop.registerSignedIn("late@example.fi")
            #expect(try await shop.storefront("POST", "/password-reset", json: ["email": "late@example.fi"]).status == 202)
            let token = try await shop.tokenFromOutbox("password-reset")
            // The token is valid for an hour.
            let expires = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.scalar("SELECT expires_at FROM customer_token", as: String.self)
            }
            let expiry = try #require(expires)
            let expiresAt = try #require(ISO8601DateFormatter.withFractions.date(from: expiry))
            #expect(abs(expiresAt.timeIntervalSinceNow - 3600) < 120)
            try await shop.server.withShopDatabase(shop.slug) { db in
                try db.execute("UPDATE customer_token SET expires_at = '2020-01-01T00:00:00.000Z'")
            }
            let late = try await shop.storefront(
                "POST", "/password-reset/complete", json: ["token": token, "password": PasswordResetTests.newPassword])
            #expect(late.status == 410)
            #expect(late.errorCode == "token_expired")
            #expect(try await shop.signIn("late@example.fi").status == 201)
        }
    }

    @Test func aNewerLinkReplacesAnOlderOne() async throws {
        try await StorefrontShop.with { shop in
            _ = try await shop.registerSignedIn("twice@example.fi")
            _ = try await shop.storefront("POST", "/password-reset", json: ["email": "twice@example.fi"])
            let first = try await shop.tokenFromOutbox("password-reset")
            _ = try await shop.storefront("POST", "/password-reset", json: ["email": "twice@example.fi"])
            let second = try await shop.tokenFromOutbox("password-reset")
            #expect(first != second)
            let stale = try await shop.storefront(
                "POST", "/password-reset/complete", json: ["token": first, "password": PasswordResetTests.newPassword])
            #expect(stale.status == 400)
            #expect(
                try await shop.storefront(
                    "POST", "/password-reset/complete", json: ["token": second, "password": PasswordResetTests.newPassword]
                ).status == 200)
        }
    }

    @Test func completionPassesTheSharedSignInCheck() async throws {
        try await StorefrontShop.with { shop in
            _ = try await shop.registerSignedIn("blocked-reset@example.fi")
            let id = try await shop.customerID("blocked-reset@example.fi")
            #expect(try await shop.api("POST", "/customers/\(id)/block", json: ["reason": "Chargeback fraud"]).status == 200)
            _ = try await shop.storefront("POST", "/password-reset", json: ["email": "blocked-reset@example.fi"])
            let token = try await shop.tokenFromOutbox("password-reset")
            let refused = try await shop.storefront(
                "POST", "/password-reset/complete", json: ["token": token, "password": PasswordResetTests.newPassword])
            #expect(refused.status == 403)
            #expect(refused.errorCode == "account_blocked")
            #expect(refused.errorMessage?.contains("Chargeback fraud") == true)
            #expect(refused.jsonObject?["token"] == nil)
            let sessions = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.scalar("SELECT count(*) FROM customer_session WHERE customer_id = ?", [id], as: Int.self)
            }
            #expect(sessions == 0)
        }
    }

    @Test func staffSendASetPasswordLinkNeverAPassword() async throws {
        try await StorefrontShop.with { shop in
            let created = try await shop.api(
                "POST", "/customers", json: ["firstName": "Sven", "lastName": "Svensson", "email": "sven@example.se", "storeId": 2])
            #expect(created.status == 201, "\(created.text)")
            let id = try #require((created.jsonObject?["customer"] as? [String: Any])?["id"] as? Int)

            let sent = try await shop.api("POST", "/customers/\(id)/send-password-link")
            #expect(sent.status == 202, "\(sent.text)")
            #expect(!sent.text.contains("sa_ct_"))
            let row = try #require(try await shop.outbox().last)
            #expect(row["template"] == "set-password")
            #expect(row["locale"] == "sv")
            #expect(row["subject"]?.hasPrefix("Välj ditt lösenord") == true)
            #expect(row["text_body"]?.contains("/shops/\(shop.slug)/storefront/web-sv/set-password?token=sa_ct_") == true)
            #expect(row["status"] == "queued")

            // The staff's email log masks the link.
            let log = try await shop.api("/customers/\(id)/emails")
            #expect(log.status == 200)
            let emails = try #require(log.jsonObject?["emails"] as? [[String: Any]])
            #expect(emails.count == 1)
            #expect(emails.first?["template"] as? String == "set-password")
            let token = try await shop.tokenFromOutbox("set-password")
            #expect(!log.text.contains(token))

            let done = try await shop.storefront(
                "POST", "/password-reset/complete", store: "web-sv", json: ["token": token, "password": PasswordResetTests.newPassword])
            #expect(done.status == 200, "\(done.text)")
            #expect(try await shop.signIn("sven@example.se", password: PasswordResetTests.newPassword, store: "web-sv").status == 201)
            let used = try await shop.storefront(
                "POST", "/password-reset/complete", store: "web-sv", json: ["token": token, "password": "Ett-annat-losen-1"])
            #expect(used.errorCode == "token_used")

            #expect(try await shop.api("POST", "/customers/999999/send-password-link").status == 404)
        }
    }
}

extension ISO8601DateFormatter {
    /// Parses the API's timestamps (`2026-11-23T13:20:37.123Z`).
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
