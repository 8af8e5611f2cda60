import AccountBalanceModule
import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The ledger: entries appended, never changed; balances summed per currency; entries newest
/// first, page by page; each entry audited with who made it; one shop never sees another's.
@Suite("Account balance module: ledger")
struct BalanceLedgerTests {
    @Test func entriesAppendAndTheBalanceSumsPerCurrency() async throws {
        try await BalanceShop.with { shop in
            let customer = try await shop.customer("Aho")
            let first = try await shop.add(customer, 10_000, "EUR", "Returned goods")
            #expect((first["balance"] as? [String: Any])?["amount"] as? Int == 10_000)
            let entry = try #require(first["entry"] as? [String: Any])
            #expect(entry["amount"] as? Int == 10_000)
            #expect(entry["currency"] as? String == "EUR")
            #expect(entry["reason"] as? String == "Returned goods")
            #expect((entry["actor"] as? [String: Any])?["label"] as? String == ModuleTestServer.ownerEmail(shop.slug))

            let debit = try await shop.add(customer, -2_550, "EUR", "  Used on order 1001  ")
            #expect((debit["balance"] as? [String: Any])?["amount"] as? Int == 7_450)
            #expect((debit["entry"] as? [String: Any])?["reason"] as? String == "Used on order 1001")
            try await shop.add(customer, 50_000, "SEK", "Kampanj")
            try await shop.add(customer, -100_000_000_000, "NOK", "Largest debit")

            let body = try await shop.balance(customer)
            #expect(BalanceShop.sums(body) == ["EUR": 7_450, "NOK": -100_000_000_000, "SEK": 50_000])
            let reasons = (body["entries"] as? [[String: Any]])?.compactMap { $0["reason"] as? String }
            #expect(reasons == ["Largest debit", "Kampanj", "Used on order 1001", "Returned goods"])
            #expect(body["nextCursor"] is NSNull)

            // Another customer's ledger is their own.
            let other = try await shop.customer("Berg")
            #expect(BalanceShop.sums(try await shop.balance(other)) == [:])
            #expect((try await shop.balance(other)["entries"] as? [Any])?.isEmpty == true)
            let missing = try await shop.api("GET", "/customers/999999/balance")
            #expect(missing.status == 404)
            #expect(missing.errorCode == "customer_not_found")
            #expect(
                try await shop.api("POST", "/customers/999999/balance/entries", json: ["amount": 1, "currency": "EUR", "reason": "x"])
                    .status == 404)
        }
    }

    @Test func entriesComeNewestFirstPageByPage() async throws {
        try await BalanceShop.with { shop in
            let customer = try await shop.customer("Aho")
            for index in 1...5 { try await shop.add(customer, Int64(index * 100), "DKK", "Entry \(index)") }
            var reasons: [String] = []
            var cursor: String?
            repeat {
                let body = try await shop.balance(customer, "?limit=2" + (cursor.map { "&before=\($0)" } ?? ""))
                reasons += (body["entries"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
                #expect(BalanceShop.sums(body) == ["DKK": 1_500])
                cursor = body["nextCursor"] as? String
            } while cursor != nil
            #expect(reasons == ["Entry 5", "Entry 4", "Entry 3", "Entry 2", "Entry 1"])
            #expect(try await shop.api("GET", "/customers/\(customer)/balance?before=x").errorField == "before")
            #expect(try await shop.api("GET", "/customers/\(customer)/balance?limit=0").errorField == "limit")
        }
    }

    @Test func badAmountCurrencyOrReasonIsRefusedNamingTheField() async throws {
        try await BalanceShop.with { shop in
            let customer = try await shop.customer("Aho")
            let good: [String: Any] = ["amount": 100, "currency": "EUR", "reason": "Fine"]
            func with(_ key: String, _ value: Any?) -> [String: Any] {
                var body = good
                body[key] = value
                return body
            }
            let cases: [(body: [String: Any], field: String)] = [
                (with("amount", 0), "amount"),
                (with("amount", 1.5), "amount"),
                (with("amount", "100"), "amount"),
                (with("amount", nil), "amount"),
                (with("amount", NSNull()), "amount"),
                (with("amount", true), "amount"),
                (with("amount", 100_000_000_001), "amount"),
                (with("amount", -100_000_000_001), "amount"),
                (with("currency", "USD"), "currency"),
                (with("currency", "eur"), "currency"),
                (with("currency", nil), "currency"),
                (with("currency", 978), "currency"),
                (with("reason", ""), "reason"),
                (with("reason", "   "), "reason"),
                (with("reason", String(repeating: "x", count: 501)), "reason"),
                (with("reason", nil), "reason"),
                (with("reason", 5), "reason"),
                (with("note", "extra"), "note"),
            ]
            for item in cases {
                let response = try await shop.api("POST", "/customers/\(customer)/balance/entries", json: item.body)
                #expect(response.status == 422, "\(item.body): \(response.text)")
                #expect(response.errorField == item.field, "\(item.body): \(response.text)")
            }
            #expect(BalanceShop.sums(try await shop.balance(customer)) == [:])
            // The limits themselves are accepted.
            try await shop.add(customer, 100_000_000_000, "SEK", String(repeating: "y", count: 500))
        }
    }

    @Test func theLedgerIsAppendOnly() async throws {
        try await BalanceShop.with { shop in
            let customer = try await shop.customer("Aho")
            let entry = try #require(try await shop.add(customer, 500, "EUR", "Credit")["entry"] as? [String: Any])
            let id = try #require(entry["id"] as? Int)
            // No route changes or deletes an entry.
            #expect(try await shop.api("DELETE", "/customers/\(customer)/balance/entries").status == 405)
            #expect(try await shop.api("PATCH", "/customers/\(customer)/balance/entries/\(id)", json: ["amount": 1]).status == 404)
            // Nor may the database: the money of an entry is fixed once written.
            let refused = try await shop.server.withShopDatabase(shop.slug) { db -> Bool in
                do {
                    try db.execute("UPDATE balance_entry SET amount = 1 WHERE id = ?", [id])
                    return false
                } catch { return true }
            }
            #expect(refused)
            #expect(BalanceShop.sums(try await shop.balance(customer)) == ["EUR": 500])
            // A correction is a new entry.
            try await shop.add(customer, -500, "EUR", "Correction")
            #expect(BalanceShop.sums(try await shop.balance(customer)) == ["EUR": 0])
        }
    }

    @Test func entriesAreAuditedWithWhoMadeThem() async throws {
        try await BalanceShop.with { shop in
            let customer = try await shop.customer("Aho")
            let staff = try await shop.server.member(shop.slug, owner: shop.token, role: "staff")
            try await shop.add(customer, 1_000, "EUR", "By the owner")
            try await shop.add(customer, -300, "EUR", "By staff", token: staff)
            let entries = try await shop.server.auditEntries(shop.slug, token: shop.token).filter {
                $0["action"] as? String == "balance.entry_added"
            }
            #expect(entries.count == 2)
            let latest = try #require(entries.first)
            #expect(latest["entity"] as? String == "customer")
            #expect(latest["entityId"] as? String == String(customer))
            #expect((latest["actor"] as? [String: Any])?["label"] as? String == "staff@\(shop.slug).example.com")
            let after = try #require(latest["after"] as? [String: Any])
            #expect(after["amount"] as? Int == -300)
            #expect(after["balance"] as? Int == 700)
            #expect(after["currency"] as? String == "EUR")
            // The ledger itself records the actor too.
            let body = try await shop.balance(customer)
            let labels = (body["entries"] as? [[String: Any]])?.compactMap { ($0["actor"] as? [String: Any])?["label"] as? String }
            #expect(labels == ["staff@\(shop.slug).example.com", ModuleTestServer.ownerEmail(shop.slug)])
        }
    }

    @Test func readOnlyStaffSeeTheBalanceButCannotChangeIt() async throws {
        try await BalanceShop.with { shop in
            let customer = try await shop.customer("Aho")
            try await shop.add(customer, 1_000, "EUR", "Credit")
            let reader = try await shop.server.member(shop.slug, owner: shop.token, role: "read-only")
            #expect(try await shop.api("GET", "/customers/\(customer)/balance", token: reader).status == 200)
            let refused = try await shop.api(
                "POST", "/customers/\(customer)/balance/entries", json: ["amount": 1, "currency": "EUR", "reason": "x"], token: reader)
            #expect(refused.status == 403, "\(refused.text)")
            #expect(BalanceShop.sums(try await shop.balance(customer)) == ["EUR": 1_000])
        }
    }

    @Test func aSecondShopNeverSeesTheFirstShopsEntries() async throws {
        try await ModuleTestServer.with(modules: [AccountBalanceModule()]) { server in
            let first = try await BalanceShop.make(server, slug: "first")
            let second = try await BalanceShop.make(server, slug: "second")
            let a = try await first.customer("Aho")
            let b = try await second.customer("Aho")
            // Each shop's first customer: the same id in two files.
            #expect(a == b)
            try await first.add(a, 9_900, "EUR", "First shop only")
            #expect(BalanceShop.sums(try await second.balance(b)) == [:])
            #expect((try await second.balance(b)["entries"] as? [Any])?.isEmpty == true)
            // The first shop's token does not open the second shop.
            let crossed = try await server.request("/shops/second/api/customers/\(b)/balance", token: first.token)
            #expect(crossed.status == 401, "\(crossed.text)")
            #expect(BalanceShop.sums(try await first.balance(a)) == ["EUR": 9_900])
        }
    }
}
