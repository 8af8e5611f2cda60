import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The staff API of limits (set, read, clear, audited; bad input by name), the customer list's
/// columns and filter, what the signed-in customer sees, and the customer's privacy.
@Suite("Credit limit module: routes, list, account and privacy")
struct CreditLimitRoutesTests {
    @Test func aLimitIsSetReplacedAndClearedEachAuditedInTheCustomersTimeline() async throws {
        try await CreditShop.with { shop in
            let customer = try await shop.customer("Kallio")
            let empty = try await shop.position(customer)
            #expect(empty["limit"] is NSNull)
            #expect(empty["available"] is NSNull)
            #expect(empty["outstanding"] as? Int == 0)
            #expect(empty["currency"] as? String == "EUR")

            let set = try await shop.setLimit(customer, 250_000)
            #expect((set["limit"] as? [String: Any])?["amount"] as? Int == 250_000)
            #expect((set["limit"] as? [String: Any])?["currency"] as? String == "EUR")
            #expect(set["available"] as? Int == 250_000)
            let replaced = try await shop.api("PUT", "/customers/\(customer)/credit-limit", json: ["amount": 300_000, "currency": "EUR"])
            #expect(replaced.status == 200, "\(replaced.text)")

            let entries = try await shop.audit("credit_limit.set")
            #expect(entries.count == 2)
            #expect(entries.allSatisfy { $0["entity"] as? String == "customer" && $0["entityId"] as? String == String(customer) })
            #expect((entries.first?["before"] as? [String: Any])?["amount"] as? Int == 250_000)
            #expect((entries.first?["after"] as? [String: Any])?["amount"] as? Int == 300_000)
            #expect(entries.last?["before"] is NSNull)
            let timeline = try #require(
                try await shop.api("GET", "/customers/\(customer)/timeline").jsonObject?["entries"] as? [[String: Any]])
            #expect(timeline.contains { $0["action"] as? String == "credit_limit.set" })

            let cleared = try await shop.api("DELETE", "/customers/\(customer)/credit-limit")
            #expect(cleared.status == 200, "\(cleared.text)")
            #expect(cleared.jsonObject?["limit"] is NSNull)
            #expect((try await shop.audit("credit_limit.cleared").first?["before"] as? [String: Any])?["amount"] as? Int == 300_000)
            let again = try await shop.api("DELETE", "/customers/\(customer)/credit-limit")
            #expect(again.status == 404 && again.errorCode == "no_credit_limit", "\(again.text)")
            // Without a limit nothing is refused.
            #expect(try await shop.place(try await shop.draft(customer, total: 1_000_000)).status == 200)
        }
    }

    @Test func badInputIsRefusedNamingTheField() async throws {
        try await CreditShop.with { shop in
            let customer = try await shop.customer("Virhe")
            let path = "/customers/\(customer)/credit-limit"
            let cases: [([String: Any], String, Int)] = [
                ([:], "amount", 422), (["amount": -1], "amount", 422), (["amount": 12.5], "amount", 422),
                (["amount": "100"], "amount", 422), (["amount": 100_000_000_001], "amount", 422),
                (["amount": 100, "currency": "SEK"], "currency", 422), (["amount": 100, "currency": "GBP"], "currency", 422),
                (["amount": 100, "limit": 5], "limit", 422),
            ]
            for (body, field, status) in cases {
                let response = try await shop.api("PUT", path, json: body)
                #expect(response.status == status, "\(body): \(response.text)")
                #expect(response.errorField == field, "\(body): \(response.text)")
            }
            #expect(try await shop.api("PUT", "/customers/999999/credit-limit", json: ["amount": 1]).errorCode == "customer_not_found")
            #expect(try await shop.api("GET", "/customers/999999/credit-limit").status == 404)
            #expect(try await shop.api("GET", "/customers/abc/credit-limit").status == 404, "an id that cannot exist finds nothing")
            // Companies come from b2b, which this shop does not have.
            let company = try await shop.api("PUT", "/companies/1/credit-limit", json: ["amount": 1])
            #expect(company.status == 404 && company.errorCode == "company_not_found", "\(company.text)")
            #expect(company.errorMessage?.contains("b2b") == true)
            #expect(try await shop.audit("credit_limit.set").isEmpty)
            #expect(try await shop.position(customer)["limit"] is NSNull)
        }
    }

    @Test func theListShowsLimitUsedAndAvailableAndFiltersOverAPercentage() async throws {
        try await CreditShop.with { shop in
            let nearly = try await shop.customer("Melkein")
            let half = try await shop.customer("Puoli")
            let none = try await shop.customer("Ei")
            try await shop.setLimit(nearly, 10_000)
            try await shop.setLimit(half, 10_000)
            _ = try await shop.placed(nearly, total: 9_000)
            _ = try await shop.placed(half, total: 5_000)
            _ = try await shop.placed(none, total: 7_000)

            let list = try #require(try await shop.api("GET", "/customers").jsonObject?["customers"] as? [[String: Any]])
            let byID = Dictionary(uniqueKeysWithValues: list.compactMap { row in (row["id"] as? Int).map { ($0, row) } })
            #expect(byID[nearly]?["creditLimit"] as? Int == 10_000)
            #expect(byID[nearly]?["creditUsed"] as? Int == 9_000)
            #expect(byID[nearly]?["creditAvailable"] as? Int == 1_000)
            #expect(byID[none]?["creditLimit"] is NSNull)
            #expect(byID[none]?["creditUsed"] as? Int == 7_000)
            #expect(byID[none]?["creditAvailable"] is NSNull)

            func ids(_ percent: String) async throws -> Set<Int> {
                let response = try await shop.api("GET", "/customers?creditUsedOverPercent=\(percent)")
                try #require(response.status == 200, "\(percent): \(response.text)")
                return Set((response.jsonObject?["customers"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int })
            }
            #expect(try await ids("80") == [nearly])
            #expect(try await ids("89.99") == [nearly])
            #expect(try await ids("90") == [], "over, not at: 90 % is not over 90 %")
            #expect(try await ids("40") == [nearly, half])
            #expect(try await ids("50") == [nearly])
            #expect(try await ids("0") == [nearly, half], "a customer without a limit is never over one")
            for bad in ["abc", "-5", "80.123", "1000.01", "", "8e1"] {
                let response = try await shop.api("GET", "/customers?creditUsedOverPercent=\(bad)")
                #expect(response.status == 400, "\(bad): \(response.text)")
                #expect(response.errorField == "creditUsedOverPercent")
            }
        }
    }

    @Test func theSignedInCustomerSeesLimitUsedAndAvailable() async throws {
        try await CreditShop.with(b2b: true) { shop in
            let registered = try await shop.server.request(
                "POST", "/shops/\(shop.slug)/storefront/default/register",
                json: ["firstName": "Aino", "lastName": "Asiakas", "email": "aino@example.fi", "password": "Sala-sana-4711"])
            try #require(registered.status == 201, "\(registered.text)")
            let token = try #require((registered.jsonObject?["session"] as? [String: Any])?["token"] as? String)
            let account = { () async throws -> [String: Any]? in
                let response = try await shop.server.request("/shops/\(shop.slug)/storefront/default/account", token: token)
                try #require(response.status == 200, "\(response.text)")
                return ((response.jsonObject?["account"] as? [String: Any])?["modules"] as? [String: Any])?["credit-limit"]
                    as? [String: Any]
            }
            #expect(try await account() == nil, "no limit, nothing to show")

            let id = try #require(
                try await shop.server.withShopDatabase(shop.slug) { db in
                    try db.scalar("SELECT id FROM customer WHERE email_key = 'aino@example.fi'", as: Int.self)
                })
            try await shop.setLimit(id, 50_000)
            _ = try await shop.placed(id, total: 12_345)
            let own = try #require(try await account())
            #expect(own["limit"] as? Int == 50_000)
            #expect(own["used"] as? Int == 12_345)
            #expect(own["available"] as? Int == 37_655)
            #expect(own["currency"] as? String == "EUR")
            #expect(own["availableToOrder"] as? Int == 37_655)

            // In a company with a tighter limit, the company's figures show too and decide what is left.
            let colleague = try await shop.customer("Kollega")
            let company = try await shop.company("Oy Pohjola Tuote Ab", businessID: "1572860-0", people: [id, colleague])
            try await shop.setLimit(company, 20_000, company: true)
            _ = try await shop.placed(colleague, total: 5_000)
            let both = try #require(try await account())
            let companyView = try #require(both["company"] as? [String: Any])
            #expect(companyView["limit"] as? Int == 20_000)
            #expect(companyView["used"] as? Int == 17_345)
            #expect(companyView["available"] as? Int == 2_655)
            #expect(both["availableToOrder"] as? Int == 2_655)
        }
    }

    @Test func deletionShowsTheLimitExportCarriesItAndErasureRemovesIt() async throws {
        try await CreditShop.with { shop in
            let customer = try await shop.customer("Yksityinen")
            try await shop.setLimit(customer, 75_000)
            let dryRun = try await shop.api("DELETE", "/customers/\(customer)?dryRun=true")
            #expect(dryRun.status == 200, "\(dryRun.text)")
            let modules = (dryRun.jsonObject?["impact"] as? [String: Any])?["modules"] as? [String: Any]
            #expect(((modules?["credit-limit"] as? [String: Any])?["creditLimit"] as? [String: Any])?["amount"] as? Int == 75_000)

            let export = try await shop.api("GET", "/customers/\(customer)/gdpr-export")
            #expect(export.status == 200, "\(export.text)")
            let part = (export.jsonObject?["modules"] as? [String: Any])?["credit-limit"] as? [String: Any]
            #expect((part?["creditLimit"] as? [String: Any])?["amount"] as? Int == 75_000)

            let record = try #require(try await shop.api("GET", "/customers/\(customer)").jsonObject?["customer"] as? [String: Any])
            let number = try #require(record["customerNumber"] as? String)
            let erase = try await shop.api("POST", "/customers/\(customer)/gdpr-erase", json: ["confirmCustomerNumber": number])
            #expect(erase.status == 200, "\(erase.text)")
            #expect(try await shop.position(customer)["limit"] is NSNull)
            let refused = try await shop.api("PUT", "/customers/\(customer)/credit-limit", json: ["amount": 1])
            #expect(refused.status == 409 && refused.errorCode == "customer_erased", "\(refused.text)")

            // A real delete takes the limit with the customer.
            let other = try await shop.customer("Poistettava")
            try await shop.setLimit(other, 1_000)
            #expect(try await shop.api("DELETE", "/customers/\(other)").status == 200)
            let left = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.scalar("SELECT count(*) FROM credit_limit_customer WHERE customer_id = ?", [other], as: Int.self)
            }
            #expect(left == 0)
        }
    }
}
