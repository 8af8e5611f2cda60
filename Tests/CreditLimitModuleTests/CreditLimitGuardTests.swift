import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The order guard through `POST /orders/{id}/place`: the exact boundary, what counts as
/// outstanding, 50 placements at once against one limit, the override, and company limits.
@Suite("Credit limit module: order guard")
struct CreditLimitGuardTests {
    @Test func equalToTheLimitPassesAndOneCentOverIsRefusedWithTheFigures() async throws {
        try await CreditShop.with { shop in
            let customer = try await shop.customer("Raja")
            try await shop.setLimit(customer, 10_000)

            let over = try await shop.place(try await shop.draft(customer, total: 10_001))
            #expect(over.status == 409, "\(over.text)")
            #expect(over.errorCode == "credit_limit_exceeded")
            #expect(over.errorObject?["guard"] as? String == "credit-limit")
            #expect(over.errorObject?["scope"] as? String == "customer")
            #expect(over.errorInt("limit") == 10_000)
            #expect(over.errorInt("outstanding") == 0)
            #expect(over.errorInt("orderTotal") == 10_001)
            #expect(over.errorObject?["currency"] as? String == "EUR")
            #expect(over.errorMessage?.contains("100.01 EUR") == true, "\(over.errorMessage ?? "")")

            let exact = try await shop.draft(customer, total: 10_000)
            let placed = try await shop.place(exact)
            #expect(placed.status == 200, "equal to the limit passes: \(placed.text)")
            #expect((placed.jsonObject?["order"] as? [String: Any])?["status"] as? String == "placed")

            // Now the limit is used up: one cent more is refused, naming what is outstanding.
            let cent = try await shop.place(try await shop.draft(customer, total: 1))
            #expect(cent.errorCode == "credit_limit_exceeded")
            #expect(cent.errorInt("outstanding") == 10_000)
            #expect(cent.errorInt("orderTotal") == 1)
            let position = try await shop.position(customer)
            #expect(position["outstanding"] as? Int == 10_000)
            #expect(position["available"] as? Int == 0)
        }
    }

    @Test func invoicedOrdersCountAndPaidOrCancelledOnesDoNot() async throws {
        try await CreditShop.with { shop in
            let customer = try await shop.customer("Laskutus")
            try await shop.setLimit(customer, 5_000)
            let first = try await shop.placed(customer, total: 3_000)
            #expect(try await shop.api("POST", "/orders/\(first)/invoice").status == 200)
            let second = try await shop.draft(customer, total: 2_001)
            #expect(try await shop.place(second).errorInt("outstanding") == 3_000, "an invoiced order is outstanding")
            #expect(try await shop.api("POST", "/orders/\(first)/pay").status == 200)
            #expect(try await shop.place(second).status == 200, "a paid order is not")
            let third = try await shop.draft(customer, total: 3_000)
            #expect(try await shop.place(third).errorCode == "credit_limit_exceeded")
            #expect(try await shop.api("POST", "/orders/\(second)/cancel").status == 200)
            #expect(try await shop.place(third).status == 200, "a cancelled order is not")
            #expect(try await shop.position(customer)["outstanding"] as? Int == 3_000)
        }
    }

    @Test func fiftyOrdersPlacedAtOnceNeverTakeTheOutstandingAmountOverTheLimit() async throws {
        try await CreditShop.with { shop in
            let customer = try await shop.customer("Ryntäys")
            // 1,000.00 EUR holds 33 orders of 30.00 EUR and not a 34th.
            try await shop.setLimit(customer, 100_000)
            var drafts: [Int] = []
            for _ in 0..<50 { drafts.append(try await shop.draft(customer, total: 3_000)) }
            let outcomes = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for order in drafts { group.addTask { try await shop.place(order) } }
                var all: [TestResponse] = []
                for try await response in group { all.append(response) }
                return all
            }
            let placed = outcomes.filter { $0.status == 200 }
            let refused = outcomes.filter { $0.status == 409 }
            #expect(placed.count == 33, "placed \(placed.count)")
            #expect(refused.count == 17)
            #expect(refused.allSatisfy { $0.errorCode == "credit_limit_exceeded" }, "\(refused.map(\.text))")
            let totals = placed.compactMap { ($0.jsonObject?["order"] as? [String: Any])?["totalInCompanyCurrency"] as? Int }
            #expect(totals.count == 33)
            #expect(totals.reduce(0, +) <= 100_000)
            let orders = try #require(
                try await shop.api("GET", "/orders?customerId=\(customer)&status=placed&limit=500").jsonObject?["orders"]
                    as? [[String: Any]])
            #expect(orders.count == 33)
            let outstanding = try #require(try await shop.position(customer)["outstanding"] as? Int)
            #expect(outstanding == 99_000 && outstanding <= 100_000)
        }
    }

    @Test func theOwnerMayOverrideAuditedAndStaffWithoutTheRightMayNot() async throws {
        try await CreditShop.with { shop in
            let customer = try await shop.customer("Ohitus")
            try await shop.setLimit(customer, 1_000)
            let order = try await shop.draft(customer, total: 5_000)
            let staff = try await shop.server.member(shop.slug, owner: shop.token, role: "staff")

            let denied = try await shop.place(order, override: true, token: staff)
            #expect(denied.status == 403, "\(denied.text)")
            #expect(denied.errorCode == "permission_denied")
            #expect(denied.errorObject?["permission"] as? String == "orders.override")
            let refused = try await shop.place(order, token: staff)
            #expect(refused.status == 409 && refused.errorCode == "credit_limit_exceeded", "\(refused.text)")
            // Nor may staff raise the limit that refused them: setting limits needs pricing.manage.
            let raise = try await shop.api("PUT", "/customers/\(customer)/credit-limit", json: ["amount": 100_000], token: staff)
            #expect(raise.status == 403, "\(raise.text)")
            #expect(try await shop.position(customer)["outstanding"] as? Int == 0)

            let overridden = try await shop.place(order, override: true)
            #expect(overridden.status == 200, "\(overridden.text)")
            let entry = try #require(try await shop.audit("order.placed_with_override").first)
            #expect(entry["entityId"] as? String == String(order))
            let after = try #require(entry["after"] as? [String: Any])
            let what = try #require((after["overridden"] as? [[String: Any]])?.first)
            #expect(what["guard"] as? String == "credit-limit")
            #expect(what["code"] as? String == "credit_limit_exceeded")
            #expect(try await shop.position(customer)["outstanding"] as? Int == 5_000)
            // An override does not raise the limit: the next order is refused again.
            #expect(try await shop.place(try await shop.draft(customer, total: 1)).errorCode == "credit_limit_exceeded")
        }
    }

    @Test func aCompanyLimitCoversAllItsPeopleAndTheOwnLimitStillHolds() async throws {
        try await CreditShop.with(b2b: true) { shop in
            let first = try await shop.customer("Ensimmäinen")
            let second = try await shop.customer("Toinen")
            let outsider = try await shop.customer("Ulkopuolinen")
            let company = try await shop.company("Oy Pohjola Tuote Ab", businessID: "1572860-0", people: [first, second])
            try await shop.setLimit(company, 10_000, company: true)

            _ = try await shop.placed(first, total: 6_000)
            let over = try await shop.place(try await shop.draft(second, total: 4_001))
            #expect(over.status == 409, "\(over.text)")
            #expect(over.errorCode == "credit_limit_exceeded")
            #expect(over.errorObject?["scope"] as? String == "company")
            #expect(over.errorInt("companyId") == company)
            #expect(over.errorInt("limit") == 10_000)
            #expect(over.errorInt("outstanding") == 6_000, "the company's outstanding amount is its people's")
            #expect(over.errorInt("orderTotal") == 4_001)
            _ = try await shop.placed(second, total: 4_000)
            // Someone outside the company is not held by its limit.
            _ = try await shop.placed(outsider, total: 50_000)

            let view = try #require(try await shop.api("GET", "/companies/\(company)/credit-limit").jsonObject)
            #expect(view["outstanding"] as? Int == 10_000)
            #expect(view["available"] as? Int == 0)
            #expect((view["people"] as? [[String: Any]])?.count == 2)
            let person = try await shop.position(first)
            let companies = try #require(person["companies"] as? [[String: Any]])
            #expect(companies.first?["companyId"] as? Int == company && companies.first?["outstanding"] as? Int == 10_000)

            // A person's own limit holds inside the company's.
            #expect(try await shop.api("DELETE", "/companies/\(company)/credit-limit").status == 200)
            try await shop.setLimit(first, 7_000)
            let own = try await shop.place(try await shop.draft(first, total: 1_001))
            #expect(own.errorObject?["scope"] as? String == "customer", "\(own.text)")
            #expect(try await shop.place(try await shop.draft(second, total: 1_001)).status == 200)
        }
    }

    @Test func aLimitSetBeforeTheShopChangedItsCurrencyRefusesUntilSetAgain() async throws {
        try await CreditShop.with { shop in
            let customer = try await shop.customer("Valuutta")
            try await shop.setLimit(customer, 100_000)
            #expect(try await shop.api("PATCH", "/settings", json: ["companyCurrency": "SEK"]).status == 200)
            let rate = try await shop.api("POST", "/exchange-rates", json: ["currency": "EUR", "rate": "0.087", "validFrom": "2020-01-01"])
            #expect(rate.status == 201, "\(rate.text)")
            let refused = try await shop.place(try await shop.draft(customer, total: 100))
            #expect(refused.errorCode == "credit_limit_currency_mismatch", "\(refused.text)")
            #expect(refused.errorObject?["limitCurrency"] as? String == "EUR")
            #expect(try await shop.position(customer)["available"] as? Int == 0)
            let again = try await shop.setLimit(customer, 1_000_000)
            #expect((again["limit"] as? [String: Any])?["currency"] as? String == "SEK")
            #expect(try await shop.place(try await shop.draft(customer, total: 100)).status == 200)
        }
    }
}
