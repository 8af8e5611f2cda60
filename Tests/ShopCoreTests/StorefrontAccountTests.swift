import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// The storefront account API over loopback: registration, sign-in and the shared sign-in
/// check, "my account" and what a customer may see and change of it.
@Suite("Storefront accounts")
struct StorefrontAccountTests {
    @Test func registrationPutsTheCustomerInGeneralWithAHashedPassword() async throws {
        try await StorefrontShop.with { shop in
            let response = try await shop.register("Aino@Example.fi", extra: ["newsletter": true, "phone": "040 123 4567"])
            #expect(response.status == 201, "\(response.text)")
            #expect(response.jsonObject?["activation"] as? String == "active")
            let session = try #require(response.jsonObject?["session"] as? [String: Any])
            #expect((session["token"] as? String)?.hasPrefix("sa_cs_") == true)
            #expect(((session["token"] as? String)?.count ?? 0) >= 6 + 22)
            let account = try #require(response.jsonObject?["account"] as? [String: Any])
            #expect(account["phone"] as? String == "+358401234567")

            let id = try await shop.customerID("aino@example.fi")
            let groups = try await shop.api("/groups")
            let general = try #require(
                (groups.jsonObject?["groups"] as? [[String: Any]])?.first { $0["name"] as? String == "General" }?["id"] as? Int)
            let record = try #require(try await shop.api("/customers/\(id)").jsonObject?["customer"] as? [String: Any])
            #expect(record["defaultGroupId"] as? Int == general)
            #expect(record["groupIds"] as? [Int] == [general])
            #expect(record["activation"] as? String == "active")

            let stored = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.queryRow("SELECT password_hash, newsletter_consent FROM customer WHERE id = ?", [id])
            }
            let hash = try #require(stored?["password_hash"].storedText)
            #expect(hash.hasPrefix("$pbkdf2-sha256$"))
            #expect(!hash.contains(StorefrontShop.password))
            // The consent records the storefront as its source.
            #expect(stored?["newsletter_consent"].storedText?.contains("storefront web-fi") == true)

            let audit = try await shop.api("/audit?entity=customer&entityId=\(id)")
            let entries = try #require(audit.jsonObject?["entries"] as? [[String: Any]])
            let registered = try #require(entries.first { $0["action"] as? String == "customer.registered" })
            #expect((registered["actor"] as? [String: Any])?["kind"] as? String == "customer")
            #expect((registered["actor"] as? [String: Any])?["id"] as? Int == Int(id))
            #expect(!audit.text.contains(StorefrontShop.password))
        }
    }

    @Test func registrationChecksTheShopsMinimumPasswordLengthAndTheFields() async throws {
        try await StorefrontShop.with { shop in
            try await shop.settings(["minimumPasswordLength": 12])
            let short = try await shop.register("short@example.fi", password: "elevenchars")
            #expect(short.status == 422)
            #expect(short.errorField == "password")
            #expect(short.errorMessage?.contains("12") == true)
            #expect(try await shop.register("long@example.fi", password: "twelve-chars").status == 201)
            // The platform minimum of 5 holds whatever the settings say.
            try await shop.settings(["minimumPasswordLength": 5])
            #expect(try await shop.register("four@example.fi", password: "abcd").errorField == "password")

            let sneaky = try await shop.register("sneaky@example.fi", extra: ["defaultGroupId": 3])
            #expect(sneaky.status == 422)
            #expect(sneaky.errorField == "defaultGroupId")
            #expect(try await shop.register("note@example.fi", extra: ["staffNote": "vip"]).errorField == "staffNote")
            let missing = try await shop.storefront("POST", "/register", json: ["firstName": "A", "lastName": "B", "password": "secret-1"])
            #expect(missing.errorField == "email")
            let taken = try await shop.register("LONG@example.fi")
            #expect(taken.status == 409)
            #expect(taken.errorCode == "email_taken")
        }
    }

    @Test func unknownStoreIsNotFound() async throws {
        try await StorefrontShop.with { shop in
            let token = try await shop.registerSignedIn("someone@example.fi")
            #expect(try await shop.register("x@example.fi", store: "web-xx").status == 404)
            let account = try await shop.storefront("/account", store: "web-xx", token: token)
            #expect(account.status == 404)
            #expect(account.errorCode == "store_not_found")
            #expect(
                try await shop.server.request(
                    "POST", "/shops/no-such-shop/storefront/web-fi/sessions", json: ["email": "a@b.fi", "password": "x"]
                ).status == 404)
        }
    }

    @Test func pendingAccountsWaitForTheMerchantsActivation() async throws {
        try await StorefrontShop.with { shop in
            try await shop.settings(["requireActivation": true])
            let response = try await shop.register("pending@example.fi")
            #expect(response.status == 201)
            #expect(response.jsonObject?["activation"] as? String == "pending")
            #expect(response.jsonObject?["session"] == nil)
            #expect((response.jsonObject?["message"] as? String)?.contains("activate") == true)

            let refused = try await shop.signIn("pending@example.fi")
            #expect(refused.status == 403)
            #expect(refused.errorCode == "account_pending")
            #expect(refused.errorMessage?.contains("waiting for activation") == true)
            // A wrong password says nothing about the account's state.
            #expect(try await shop.signIn("pending@example.fi", password: "wrong-password").status == 401)

            let id = try await shop.customerID("pending@example.fi")
            #expect(try await shop.api("POST", "/customers/\(id)/activate").status == 200)
            let emails = try await shop.outbox().map { $0["template"] }
            #expect(emails == ["activation-pending", "account-activated"])
            #expect(try await shop.signIn("pending@example.fi").status == 201)
        }
    }

    @Test func blockedCustomersSeeTheMerchantsReasonAndLoseTheirSessions() async throws {
        try await StorefrontShop.with { shop in
            let token = try await shop.registerSignedIn("blocked@example.fi")
            let id = try await shop.customerID("blocked@example.fi")
            let block = try await shop.api("POST", "/customers/\(id)/block", json: ["reason": "Unpaid invoices since March"])
            #expect(block.status == 200)

            let refused = try await shop.signIn("blocked@example.fi")
            #expect(refused.status == 403)
            #expect(refused.errorCode == "account_blocked")
            #expect(refused.errorMessage?.contains("Unpaid invoices since March") == true)
            let wrong = try await shop.signIn("blocked@example.fi", password: "not-the-password")
            #expect(wrong.status == 401)
            #expect(!wrong.text.contains("Unpaid"))

            let account = try await shop.storefront("/account", token: token)
            #expect(account.status == 403)
            #expect(account.errorCode == "account_blocked")

            #expect(try await shop.api("POST", "/customers/\(id)/unblock").status == 200)
            #expect(try await shop.storefront("/account", token: token).status == 200)
            // Disabled by the merchant: no way in either.
            #expect(try await shop.api("PATCH", "/customers/\(id)", json: ["enabled": false]).status == 200)
            let disabled = try await shop.signIn("blocked@example.fi")
            #expect(disabled.status == 403)
            #expect(disabled.errorCode == "account_disabled")
        }
    }

    @Test func wrongPasswordAndUnknownEmailGetTheSameAnswer() async throws {
        try await StorefrontShop.with { shop in
            _ = try await shop.registerSignedIn("known@example.fi")
            let wrong = try await shop.signIn("known@example.fi", password: "wrong-password")
            let unknown = try await shop.signIn("unknown@example.fi")
            #expect(wrong.status == 401)
            #expect(unknown.status == 401)
            #expect(wrong.errorMessage == unknown.errorMessage)
            #expect(wrong.errorCode == unknown.errorCode)
            // Case and spaces do not matter in the email.
            #expect(try await shop.signIn("  KNOWN@example.fi ").status == 201)
        }
    }

    @Test func signInRotatesTheTokenStoresTheVisitAndSignOutEndsTheSession() async throws {
        try await StorefrontShop.with { shop in
            let first = try await shop.registerSignedIn("visit@example.fi")
            let id = try await shop.customerID("visit@example.fi")
            try await shop.server.withShopDatabase(shop.slug) { db in
                try db.execute("UPDATE customer SET last_visit_at = NULL WHERE id = ?", [id])
            }
            let again = try await shop.signIn("visit@example.fi", token: first)
            #expect(again.status == 201)
            let second = try #require(again.jsonObject?["token"] as? String)
            #expect(second != first)
            #expect(second.hasPrefix("sa_cs_"))
            // The token the request carried is gone: a planted session is worthless after sign-in.
            #expect(try await shop.storefront("/account", token: first).status == 401)
            let account = try await shop.storefront("/account", token: second)
            #expect((account.jsonObject?["account"] as? [String: Any])?["lastVisitAt"] as? String != nil)

            let stored = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.query("SELECT token_hash FROM customer_session").map { try $0.get("token_hash", as: String.self) }
            }
            #expect(!stored.contains(second))
            #expect(stored.count == 1)

            #expect(try await shop.storefront("DELETE", "/sessions/current", token: second).status == 204)
            #expect(try await shop.storefront("/account", token: second).status == 401)
            #expect(try await shop.storefront("/account").status == 401)
        }
    }

    @Test func myAccountHidesStaffOnlyFields() async throws {
        try await StorefrontShop.with { shop in
            let token = try await shop.registerSignedIn("private@example.fi")
            let id = try await shop.customerID("private@example.fi")
            let staffEdit = try await shop.api(
                "PATCH", "/customers/\(id)",
                json: [
                    "staffNote": "Pays late, call first", "erpCustomerId": "ERP-991", "erpBillingAddressId": "BILL-7",
                    "receivableAccount": "1701", "salesAccount": "3001", "freeShippingLimit": 5000,
                ])
            #expect(staffEdit.status == 200, "\(staffEdit.text)")
            let response = try await shop.storefront("/account", token: token)
            #expect(response.status == 200)
            let account = try #require(response.jsonObject?["account"] as? [String: Any])
            #expect(account["email"] as? String == "private@example.fi")
            #expect(account["firstName"] as? String == "Aino")
            #expect(account["modules"] as? [String: Any] != nil)
            #expect(account["addresses"] as? [Any] != nil)
            for hidden in [
                "staffNote", "erpCustomerId", "erpBillingAddressId", "receivableAccount", "salesAccount", "blockedReason", "defaultGroupId",
                "groupIds", "totalSales", "freeShippingLimit", "id", "version", "birthday",
            ] {
                #expect(account[hidden] == nil, "\(hidden) is shown to the customer")
            }
            for secret in ["Pays late", "ERP-991", "BILL-7", "1701", "password"] {
                #expect(!response.text.contains(secret), "\(secret) leaks")
            }
        }
    }

    @Test func patchChangesOnlySelfServiceFieldsAndRefusesOthersByName() async throws {
        try await StorefrontShop.with { shop in
            let token = try await shop.registerSignedIn("patch@example.fi")
            let id = try await shop.customerID("patch@example.fi")
            for (field, value) in [
                ("defaultGroupId", 1 as Any), ("groupIds", [1] as Any), ("staffNote", "hi" as Any), ("id", 99 as Any),
                ("email", "new@example.fi" as Any),
                ("creditLimit", 100000 as Any), ("activation", "active" as Any), ("blockedReason", "x" as Any), ("enabled", true as Any),
                ("erpCustomerId", "E1" as Any), ("password", "new-password-1" as Any), ("customerNumber", "1" as Any),
            ] {
                let refused = try await shop.storefront("PATCH", "/account", token: token, json: ["firstName": "Aili", field: value])
                #expect(refused.status == 422, "\(field): \(refused.text)")
                #expect(refused.errorField == field)
            }
            // Birthday is refused while the shop has it off (GDPR), accepted once on.
            #expect(try await shop.storefront("PATCH", "/account", token: token, json: ["birthday": "1990-05-01"]).errorField == "birthday")
            try await shop.settings(["birthdayEnabled": true])

            let changed = try await shop.storefront(
                "PATCH", "/account", token: token,
                json: [
                    "firstName": "Aili", "phone": "+358 50 765 4321", "birthday": "1990-05-01", "smsMarketing": true,
                    "addresses": [["street": "Mannerheimintie 1", "postalCode": "00100", "city": "Helsinki"]],
                ])
            #expect(changed.status == 200, "\(changed.text)")
            let account = try #require(changed.jsonObject?["account"] as? [String: Any])
            #expect(account["firstName"] as? String == "Aili")
            #expect(account["phone"] as? String == "+358507654321")
            #expect(account["birthday"] as? String == "1990-05-01")
            #expect(account["smsMarketing"] as? Bool == true)
            #expect((account["addresses"] as? [[String: Any]])?.first?["city"] as? String == "Helsinki")

            let record = try #require(try await shop.api("/customers/\(id)").jsonObject?["customer"] as? [String: Any])
            #expect(record["staffNote"] is NSNull)
            #expect(record["firstName"] as? String == "Aili")
            let audit = try await shop.api("/audit?entity=customer&entityId=\(id)")
            let update = try #require(
                (audit.jsonObject?["entries"] as? [[String: Any]])?.first { $0["action"] as? String == "customer.updated" })
            #expect((update["actor"] as? [String: Any])?["kind"] as? String == "customer")
        }
    }

    @Test func oneCustomerNeverReachesAnothersData() async throws {
        try await StorefrontShop.with { shop in
            let anna = try await shop.registerSignedIn(
                "anna@example.fi", extra: ["addresses": [["street": "Annankatu 1", "postalCode": "00120", "city": "Helsinki"]]])
            let bertil = try await shop.registerSignedIn(
                "bertil@example.fi", extra: ["addresses": [["street": "Bertilinkatu 2", "postalCode": "00130", "city": "Helsinki"]]])
            let bertilID = try await shop.customerID("bertil@example.fi")
            let bertilAccount = try #require(try await shop.storefront("/account", token: bertil).jsonObject?["account"] as? [String: Any])
            let bertilAddress = try #require((bertilAccount["addresses"] as? [[String: Any]])?.first?["id"] as? Int)

            // An address id in the body must be one of the caller's own.
            let stolen = try await shop.storefront(
                "PATCH", "/account", token: anna,
                json: ["addresses": [["id": bertilAddress, "street": "Varastettu 3", "postalCode": "00140", "city": "Helsinki"]]])
            #expect(stolen.status == 422)
            #expect(stolen.errorField == "addresses[0].id")
            let after = try #require(try await shop.storefront("/account", token: bertil).jsonObject?["account"] as? [String: Any])
            #expect((after["addresses"] as? [[String: Any]])?.first?["street"] as? String == "Bertilinkatu 2")
            // A customer's own address id round-trips.
            let annaAccount = try #require(try await shop.storefront("/account", token: anna).jsonObject?["account"] as? [String: Any])
            let own = try #require((annaAccount["addresses"] as? [[String: Any]])?.first)
            var edited = own
            edited["street"] = "Annankatu 5"
            for key in own.keys where own[key] is NSNull { edited[key] = nil }
            #expect(try await shop.storefront("PATCH", "/account", token: anna, json: ["addresses": [edited]]).status == 200)

            // Ids in the path reach nothing: there is no such route, and staff routes refuse a customer token.
            #expect(try await shop.storefront("/account/\(bertilID)", token: anna).status == 404)
            #expect(try await shop.server.request("/shops/\(shop.slug)/api/customers/\(bertilID)", token: anna).status == 401)
            #expect(try await shop.server.request("/shops/\(shop.slug)/api/customers/\(bertilID)/emails", token: anna).status == 401)
            let mine = try await shop.storefront("/account", token: anna)
            #expect(!mine.text.contains("bertil"))
            // A staff token is not a customer session.
            #expect(try await shop.storefront("/account", token: shop.staffToken).status == 401)
        }
    }

    @Test func storeScopedAccountsStayInTheirStore() async throws {
        try await StorefrontShop.with { shop in
            let stores = try #require(try await shop.api("/stores").jsonObject?["stores"] as? [[String: Any]])
            for code in ["web-sv", "web-nb"] {
                let id = try #require(stores.first { $0["code"] as? String == code }?["id"] as? Int)
                #expect(try await shop.api("PATCH", "/stores/\(id)", json: ["accountScope": "store"]).status == 200)
            }
            let swedish = try await shop.registerSignedIn("same@example.se", store: "web-sv")
            // The same email registers separately in another per-store store.
            _ = try await shop.registerSignedIn("same@example.se", password: "Norsk-passord-1", store: "web-nb")
            #expect(try await shop.storefront("/account", store: "web-nb", token: swedish).status == 401)
            #expect(try await shop.storefront("/account", store: "web-sv", token: swedish).status == 200)
            #expect(try await shop.signIn("same@example.se", store: "web-nb").status == 401)
            #expect(try await shop.signIn("same@example.se", password: "Norsk-passord-1", store: "web-nb").status == 201)
            #expect(try await shop.signIn("same@example.se", store: "web-fi").status == 401)
        }
    }

    @Test func passwordChangeNeedsTheCurrentPasswordAndEndsOtherSessions() async throws {
        try await StorefrontShop.with { shop in
            let here = try await shop.registerSignedIn("change@example.fi")
            let elsewhere = try #require(try await shop.signIn("change@example.fi").jsonObject?["token"] as? String)
            let wrong = try await shop.storefront(
                "POST", "/account/password", token: here, json: ["currentPassword": "not-it", "newPassword": "Uusi-salasana-9"])
            #expect(wrong.status == 422)
            #expect(wrong.errorField == "currentPassword")
            let short = try await shop.storefront(
                "POST", "/account/password", token: here, json: ["currentPassword": StorefrontShop.password, "newPassword": "abc"])
            #expect(short.errorField == "newPassword")
            let changed = try await shop.storefront(
                "POST", "/account/password", token: here,
                json: ["currentPassword": StorefrontShop.password, "newPassword": "Uusi-salasana-9"])
            #expect(changed.status == 204)
            #expect(try await shop.storefront("/account", token: here).status == 200)
            #expect(try await shop.storefront("/account", token: elsewhere).status == 401)
            #expect(try await shop.signIn("change@example.fi").status == 401)
            #expect(try await shop.signIn("change@example.fi", password: "Uusi-salasana-9").status == 201)
            let id = try await shop.customerID("change@example.fi")
            let audit = try await shop.api("/audit?entity=customer&entityId=\(id)")
            #expect(audit.text.contains("customer.password_changed"))
            #expect(!audit.text.contains("Uusi-salasana-9"))
        }
    }

    @Test func myAccountShowsWhatTheShopsModulesShowTheCustomer() async throws {
        let modules: [any FeatureModule] = TestModules.all + [LoyaltyModule()]
        let matrix = TierMatrix([
            "notes": .tiers([.pro, .platinum]), "ledger": .addOn(.accountBalance), "hotline": .flag(.b2b), "loyalty": .tiers([.pro]),
        ])
        try await StorefrontShop.with(modules: modules, matrix: matrix) { shop in
            let token = try await shop.registerSignedIn("points@example.fi")
            let id = try await shop.customerID("points@example.fi")
            let account = try #require(try await shop.storefront("/account", token: token).jsonObject?["account"] as? [String: Any])
            let loyalty = try #require((account["modules"] as? [String: Any])?["loyalty"] as? [String: Any])
            #expect(loyalty["customer"] as? Int == Int(id))
            #expect((account["modules"] as? [String: Any])?["ledger"] == nil)
        }
    }
}

/// A module that shows the signed-in customer something in "my account".
struct LoyaltyModule: FeatureModule {
    let id = "loyalty"
    let name = "Loyalty points"
    func addRoutes(to routes: RouteGroup) {}
    func accountData(_ db: Database, customerID: Int64) throws -> JSONValue? {
        .object(["customer": .int(customerID), "points": .int(120)])
    }
}
