import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// The email outbox: rows written with the change that causes them, in the store's
/// language, links at the storefront base URL, and never a password.
@Suite("Email outbox")
struct OutboxTests {
    /// A phrase of each locale's welcome email that no other language has.
    static let welcomePhrases = [
        "fi": ("Tervetuloa asiakkaaksi", "kiitos rekisteröitymisestä"),
        "sv": ("Välkommen som kund", "tack för att du registrerade dig"),
        "nb": ("Velkommen som kunde", "takk for at du registrerte deg"),
        "da": ("Velkommen som kunde", "tak fordi du har oprettet dig"),
        "en": ("Welcome to", "thank you for registering"),
    ]

    @Test func welcomeEmailsAreWrittenInEachStoresLanguage() async throws {
        try await StorefrontShop.with { shop in
            for store in StorefrontShop.stores {
                _ = try await shop.registerSignedIn("\(store.locale)@example.com", store: store.code, extra: ["firstName": "Eeva"])
            }
            let rows = try await shop.outbox()
            #expect(rows.count == StorefrontShop.stores.count)
            for store in StorefrontShop.stores {
                let row = try #require(rows.first { $0["to_address"] == "\(store.locale)@example.com" })
                let (subject, phrase) = try #require(OutboxTests.welcomePhrases[store.locale])
                #expect(row["locale"] == store.locale)
                #expect(row["template"] == "welcome")
                #expect(row["status"] == "queued")
                #expect(row["subject"]?.hasPrefix(subject) == true, "\(store.locale): \(row["subject"] ?? "")")
                #expect(row["subject"]?.contains("Kauppa \(shop.slug)") == true)
                #expect(row["text_body"]?.contains(phrase) == true, "\(store.locale)")
                #expect(row["text_body"]?.contains("Eeva") == true)
                #expect(row["text_body"]?.contains("http://localhost:8080/shops/\(shop.slug)/storefront/\(store.code)/sign-in") == true)
                #expect(row["html_body"]?.contains("<html lang=\"\(store.locale)\">") == true)
                #expect(row["html_body"]?.contains(phrase) == true)
                #expect(row["customer_id"] != nil)
                #expect(row["created_at"] != nil)
                #expect(row["sent_at"] == nil)
            }
            let finnish = try #require(rows.first { $0["locale"] == "fi" })
            #expect(finnish["subject"] == "Tervetuloa asiakkaaksi – Kauppa \(shop.slug)")
        }
    }

    @Test func activationPendingEmailInsteadOfWelcome() async throws {
        try await StorefrontShop.with { shop in
            try await shop.settings(["requireActivation": true])
            #expect(try await shop.register("odottaa@example.fi").status == 201)
            let row = try #require(try await shop.outbox().first)
            #expect(row["template"] == "activation-pending")
            #expect(row["subject"]?.hasPrefix("Tilisi odottaa aktivointia") == true)
        }
    }

    @Test func noPasswordEverAppearsInTheOutboxOrTheAuditLog() async throws {
        try await StorefrontShop.with { shop in
            let passwords = ["Rekisteri-Salasana-1", "Vaihdettu-Salasana-2", "Palautettu-Salasana-3", "Asetettu-Salasana-4"]
            let token = try await shop.registerSignedIn("secret@example.fi", password: passwords[0], extra: ["newsletter": true])
            #expect(
                try await shop.storefront(
                    "POST", "/account/password", token: token, json: ["currentPassword": passwords[0], "newPassword": passwords[1]]
                ).status == 204)
            _ = try await shop.storefront("POST", "/password-reset", json: ["email": "secret@example.fi"])
            let reset = try await shop.tokenFromOutbox("password-reset")
            #expect(
                try await shop.storefront("POST", "/password-reset/complete", json: ["token": reset, "password": passwords[2]]).status
                    == 200)
            let created = try await shop.api(
                "POST", "/customers", json: ["firstName": "Matti", "lastName": "M", "email": "matti@example.fi"])
            let id = try #require((created.jsonObject?["customer"] as? [String: Any])?["id"] as? Int)
            #expect(try await shop.api("POST", "/customers/\(id)/send-password-link").status == 202)
            let link = try await shop.tokenFromOutbox("set-password")
            #expect(
                try await shop.storefront("POST", "/password-reset/complete", json: ["token": link, "password": passwords[3]]).status == 200
            )

            let rows = try await shop.outbox()
            #expect(Set(rows.compactMap { $0["template"] }) == ["welcome", "password-reset", "set-password"])
            let audit = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.query("SELECT * FROM audit_log").map { row in row.columns.compactMap { row[$0].storedText }.joined(separator: " ") }
            }
            for password in passwords {
                for row in rows {
                    for (column, value) in row {
                        #expect(!value.contains(password), "\(column) of email \(row["id"] ?? "") holds a password")
                    }
                }
                for entry in audit { #expect(!entry.contains(password)) }
            }
            for entry in audit { #expect(!entry.contains(reset) && !entry.contains(link)) }
        }
    }

    @Test func linksFollowTheStorefrontBaseURL() async throws {
        try await StorefrontShop.with { shop in
            let current = try await shop.api("/storefront-settings")
            #expect(
                (current.jsonObject?["settings"] as? [String: Any])?["baseUrl"] as? String
                    == "http://localhost:8080/shops/{shop}/storefront/{store}")
            #expect(try await shop.api("PUT", "/storefront-settings", json: ["baseUrl": "javascript:alert(1)"]).errorField == "baseUrl")
            #expect(try await shop.api("PUT", "/storefront-settings", json: ["baseUrl": "https://a.fi", "x": 1]).errorField == "x")
            let set = try await shop.api("PUT", "/storefront-settings", json: ["baseUrl": "https://kauppa.example.fi/{store}/"])
            #expect(set.status == 200, "\(set.text)")
            _ = try await shop.registerSignedIn("link@example.fi", store: "web-da")
            _ = try await shop.storefront("POST", "/password-reset", store: "web-da", json: ["email": "link@example.fi"])
            let row = try #require(try await shop.outbox().last)
            #expect(row["locale"] == "da")
            #expect(row["subject"]?.hasPrefix("Nulstil din adgangskode") == true)
            #expect(row["text_body"]?.contains("https://kauppa.example.fi/web-da/password-reset?token=sa_ct_") == true)
            #expect(row["html_body"]?.contains("<a href=\"https://kauppa.example.fi/web-da/password-reset?token=sa_ct_") == true)
        }
    }

    @Test func namesAreEscapedInHTMLAndNeverExpandPlaceholders() async throws {
        try await StorefrontShop.with { shop in
            _ = try await shop.registerSignedIn("html@example.fi", store: "web-en", extra: ["firstName": "<b>{link}</b>"])
            let row = try #require(try await shop.outbox().first)
            #expect(row["html_body"]?.contains("&lt;b&gt;{link}&lt;/b&gt;") == true)
            #expect(row["html_body"]?.contains("<b>") == false)
            #expect(row["text_body"]?.hasPrefix("Hello <b>{link}</b>,") == true)
        }
    }

    @Test func theEmailLogListsTheCustomersRowsForStaff() async throws {
        try await StorefrontShop.with { shop in
            _ = try await shop.registerSignedIn("log@example.fi")
            _ = try await shop.registerSignedIn("other@example.fi")
            _ = try await shop.storefront("POST", "/password-reset", json: ["email": "log@example.fi"])
            let id = try await shop.customerID("log@example.fi")
            let log = try await shop.api("/customers/\(id)/emails")
            #expect(log.status == 200)
            let emails = try #require(log.jsonObject?["emails"] as? [[String: Any]])
            #expect(emails.map { $0["template"] as? String } == ["password-reset", "welcome"])
            #expect(emails.allSatisfy { $0["to"] as? String == "log@example.fi" && $0["status"] as? String == "queued" })
            #expect((emails.first?["textBody"] as? String)?.contains("token=sa_ct_hidden") == true)
            #expect(try await shop.api("/customers/999999/emails").status == 404)
            // A customer's session does not open the staff log.
            let customer = try await shop.registerSignedIn("nosy@example.fi")
            #expect(try await shop.server.request("/shops/\(shop.slug)/api/customers/\(id)/emails", token: customer).status == 401)
        }
    }
}
