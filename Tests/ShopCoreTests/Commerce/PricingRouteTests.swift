import Foundation
import ShopAdminTesting
import Testing

/// The price endpoints over a real socket against a real shop database: the engine's lists
/// through the HTTP API, the explanation, the default group deciding, and the errors.
@Suite struct PricingRouteTests {
    @Test func productGrossPriceTakesTheDiscountGroupBase() async throws {
        try await CommerceShop.with { shop in
            let line = try await shop.price("HAM-1", quantity: 3)
            #expect(line["unitPrice"] as? Int == 1000)
            #expect(line["priceLevel"] as? String == "product gross price")
            #expect((line["discount"] as? [String: Any])?["percentage"] as? String == "5")
            #expect(line["lineTotal"] as? Int == 2850)
            let explanation = try #require(line["explanation"] as? [[String: Any]])
            #expect(explanation.contains { $0["outcome"] as? String == "won" && $0["level"] as? String == "product gross price" })
        }
    }

    @Test func customerDiscountTiersAndValidity() async throws {
        try await CommerceShop.with { shop in
            let tier1 = try await shop.rule([
                "kind": "discount", "customerId": shop.customerID, "sku": "HAM-1", "percentage": "10", "validFrom": "2026-06-01",
                "validTo": "2026-06-30",
            ])
            let tier6 = try await shop.rule([
                "kind": "discount", "customerId": shop.customerID, "sku": "HAM-1", "percentage": "15", "minimumQuantity": 6,
                "validFrom": "2026-06-01", "validTo": "2026-06-30",
            ])
            let five = try await shop.price("HAM-1", quantity: 5)
            #expect((five["discount"] as? [String: Any])?["ruleId"] as? Int == tier1)
            #expect(five["lineTotal"] as? Int == 4500)
            let six = try await shop.price("HAM-1", quantity: 6)
            #expect((six["discount"] as? [String: Any])?["ruleId"] as? Int == tier6)
            #expect(six["lineTotal"] as? Int == 5100)
            // First and last day inclusive; the day after falls back to the group's base.
            #expect(((try await shop.price("HAM-1", date: "2026-06-01"))["discount"] as? [String: Any])?["ruleId"] as? Int == tier1)
            #expect(((try await shop.price("HAM-1", date: "2026-06-30"))["discount"] as? [String: Any])?["ruleId"] as? Int == tier1)
            let after = try await shop.price("HAM-1", date: "2026-07-01")
            #expect((after["discount"] as? [String: Any])?["level"] as? String == "discount group's base discount")
        }
    }

    @Test func customerPriceSuppressesCustomerDiscountAndNetTypesLimitDiscounts() async throws {
        try await CommerceShop.with { shop in
            try await shop.rule(["kind": "discount", "customerId": shop.customerID, "sku": "HAM-1", "percentage": "20"])
            let price = try await shop.rule([
                "kind": "price", "customerId": shop.customerID, "sku": "HAM-1", "currency": "EUR", "amount": 900, "priceType": "gross",
            ])
            let gross = try await shop.price("HAM-1")
            #expect(gross["priceRuleId"] as? Int == price)
            // The customer's own 20 % is suppressed; the discount group's base 5 % still applies.
            #expect((gross["discount"] as? [String: Any])?["percentage"] as? String == "5")
            #expect(gross["lineTotal"] as? Int == 855)
            let explanation = try #require(gross["explanation"] as? [[String: Any]])
            #expect(explanation.contains { ($0["reason"] as? String ?? "").contains("customer price exists") })

            try await shop.rule([
                "kind": "price", "customerId": shop.customerID, "sku": "NUT-2", "currency": "EUR", "amount": 120, "priceType": "n-net",
            ])
            let net = try await shop.price("NUT-2", quantity: 10, extra: ["userDiscountPercentage": "50"])
            #expect(net["discount"] is NSNull)
            #expect(net["lineTotal"] as? Int == 1200)
            // The product net price is E-net: only a typed discount applies.
            #expect(try await shop.api("DELETE", "/price-rules/\(price)").status == 200)
            let eNet = try await shop.price("NUT-2", extra: ["userDiscountPercentage": "10"])
            #expect(eNet["priceLevel"] as? String == "customer's price for the product")
        }
    }

    @Test func defaultGroupDecidesAndExplanationNamesIt() async throws {
        try await CommerceShop.with { shop in
            let groups = try await shop.api("GET", "/groups")
            let all = try #require(groups.jsonObject?["groups"] as? [[String: Any]])
            let wholesale = try #require(all.first { $0["name"] as? String == "Wholesale" }?["id"] as? Int)
            let retailer = try #require(all.first { $0["name"] as? String == "Retailer" }?["id"] as? Int)
            let wholesaleRule = try await shop.rule(["kind": "discount", "groupId": wholesale, "sku": "HAM-1", "percentage": "30"])
            try await shop.rule(["kind": "discount", "groupId": retailer, "sku": "HAM-1", "percentage": "40"])
            let moved = try await shop.api(
                "PATCH", "/customers/\(shop.customerID)", json: ["groupIds": [wholesale, retailer], "defaultGroupId": wholesale])
            #expect(moved.status == 200, "\(moved.text)")
            let line = try await shop.price("HAM-1")
            #expect((line["discount"] as? [String: Any])?["ruleId"] as? Int == wholesaleRule)
            #expect((line["why"] as? String ?? "").contains("customer group's discount for the product"))
        }
    }

    @Test func currencyConversionAndMissingRate() async throws {
        try await CommerceShop.with { shop in
            let sek = try await shop.price("HAM-1", currency: "SEK")
            #expect(sek["unitPrice"] as? Int == 11500)
            #expect(sek["convertedFrom"] as? String == "EUR")
            let early = try await shop.api(
                "POST", "/prices",
                json: ["customerId": shop.customerID, "currency": "SEK", "date": "2025-12-31", "items": [["sku": "HAM-1"]]])
            #expect(early.status == 409)
            #expect(early.errorObject?["code"] as? String == "no_exchange_rate")
        }
    }

    @Test func badInputNamesTheField() async throws {
        try await CommerceShop.with { shop in
            let unknown = try await shop.api(
                "POST", "/prices", json: ["customerId": shop.customerID, "items": [["sku": "HAM-1"], ["sku": "NOPE"]]])
            #expect(unknown.status == 404)
            #expect(unknown.errorField == "items[1].sku")
            let quantity = try await shop.api("POST", "/prices", json: ["items": [["sku": "HAM-1", "quantity": 0]]])
            #expect(quantity.status == 422)
            #expect(quantity.errorField == "items[0].quantity")
            let misspelt = try await shop.api(
                "POST", "/price-rules", json: ["kind": "discount", "customerId": shop.customerID, "sku": "HAM-1", "percent": "5"])
            #expect(misspelt.status == 422)
            #expect(misspelt.errorField == "percent")
            let percentage = try await shop.api(
                "POST", "/price-rules", json: ["kind": "discount", "customerId": shop.customerID, "sku": "HAM-1", "percentage": "12.34567"])
            #expect(percentage.errorField == "percentage")
            let twoScopes = try await shop.api(
                "POST", "/price-rules",
                json: ["kind": "discount", "customerId": shop.customerID, "segment": "x", "sku": "HAM-1", "percentage": "5"])
            #expect(twoScopes.status == 422)
            let duplicate = try await shop.api("POST", "/products", json: ["sku": "HAM-1", "name": "Again", "grossPrice": 1])
            #expect(duplicate.status == 409)
            #expect(duplicate.errorField == "sku")
            let money = try await shop.api("POST", "/products", json: ["sku": "X-1", "name": "X", "grossPrice": 12.5])
            #expect(money.errorField == "grossPrice")
        }
    }

    @Test func copyRulesToAnotherCustomerIsAudited() async throws {
        try await CommerceShop.with { shop in
            try await shop.rule(["kind": "discount", "customerId": shop.customerID, "sku": "HAM-1", "percentage": "12.5"])
            try await shop.rule(["kind": "price", "customerId": shop.customerID, "sku": "NUT-2", "currency": "EUR", "amount": 100])
            let other = try await shop.shop.create(CustomerShop.minimal("other"))
            let otherID = try #require(other["id"] as? Int)
            let copy = try await shop.api("POST", "/customers/\(otherID)/price-rules/copy", json: ["fromCustomerId": shop.customerID])
            #expect(copy.status == 200, "\(copy.text)")
            #expect(copy.jsonObject?["copied"] as? Int == 2)
            let rules = try await shop.api("GET", "/price-rules?customerId=\(otherID)")
            #expect((rules.jsonObject?["rules"] as? [[String: Any]])?.count == 2)
            let audit = try await shop.api("GET", "/audit?entity=customer&entityId=\(otherID)")
            #expect((audit.jsonObject?["entries"] as? [[String: Any]])?.contains { $0["action"] as? String == "price_rule.copied" } == true)
        }
    }
}
