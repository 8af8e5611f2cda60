import AccountBalanceModule
import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// What the customer sees of the ledger, and the ledger in GDPR export and erasure.
@Suite("Account balance module: customer view and GDPR")
struct BalancePrivacyTests {
    @Test func theCustomerSeesBalancesAndTheLatestTwentyEntriesWithoutStaffNames() async throws {
        try await BalanceShop.with { shop in
            let customer = try await shop.customer("Aho")
            for index in 1...25 { try await shop.add(customer, 100, "EUR", "Credit \(index)") }
            try await shop.add(customer, -500, "SEK", "Debit")
            let data = try await shop.server.withShopDatabase(shop.slug) { db in
                try AccountBalanceModule().accountData(db, customerID: Int64(customer))
            }
            let view = try #require(data)
            #expect(
                view["balances"]
                    == .array([
                        .object(["amount": .int(2_500), "currency": .string("EUR")]),
                        .object(["amount": .int(-500), "currency": .string("SEK")]),
                    ]))
            guard case .array(let entries)? = view["entries"] else {
                Issue.record("no entries: \(view)")
                return
            }
            #expect(entries.count == 20)
            #expect(entries.first?["reason"] == .string("Debit"))
            for entry in entries {
                guard case .object(let members) = entry else { continue }
                #expect(Set(members.keys) == ["amount", "currency", "reason", "createdAt"])
            }
            let text = String(decoding: view.serialized(), as: UTF8.self)
            #expect(!text.contains(ModuleTestServer.ownerEmail(shop.slug)))
        }
    }

    @Test func theSignedInCustomerSeesTheirBalanceOnMyAccount() async throws {
        try await BalanceShop.with { shop in
            let register = try await shop.server.request(
                "POST", "/shops/\(shop.slug)/storefront/default/register",
                json: ["firstName": "Aino", "lastName": "Asiakas", "email": "aino@example.fi", "password": "Sala-sana-4711"])
            try #require(register.status == 201, "register: \(register.text)")
            let session = try #require((register.jsonObject?["session"] as? [String: Any])?["token"] as? String)
            let customer = try await shop.customerID("aino@example.fi")
            try await shop.add(customer, 2_000, "EUR", "Gift card")
            let account = try await shop.server.request("/shops/\(shop.slug)/storefront/default/account", token: session)
            #expect(account.status == 200, "\(account.text)")
            let modules = try #require((account.jsonObject?["account"] as? [String: Any])?["modules"] as? [String: Any])
            let balance = try #require(modules["account-balance"] as? [String: Any], "\(account.text)")
            #expect((balance["balances"] as? [[String: Any]])?.first?["amount"] as? Int == 2_000)
            #expect((balance["entries"] as? [[String: Any]])?.first?["reason"] as? String == "Gift card")
            #expect(!account.text.contains(ModuleTestServer.ownerEmail(shop.slug)))
        }
    }

    @Test func exportHasEveryEntryAndErasureKeepsTheMoneyWithoutTheWords() async throws {
        try await BalanceShop.with { shop in
            let customer = try await shop.customer("Aho")
            let other = try await shop.customer("Berg")
            try await shop.add(customer, 1_000, "EUR", "Refund for Anna Aho's broken lamp")
            try await shop.add(customer, -400, "EUR", "Used on order 7")
            try await shop.add(other, 300, "EUR", "Other customer")

            let export = try await shop.api("GET", "/customers/\(customer)/gdpr-export")
            #expect(export.status == 200, "\(export.text)")
            let module = try #require((export.jsonObject?["modules"] as? [String: Any])?["account-balance"] as? [String: Any])
            let entries = try #require(module["entries"] as? [[String: Any]])
            #expect(entries.compactMap { $0["reason"] as? String } == ["Used on order 7", "Refund for Anna Aho's broken lamp"])
            #expect((module["balances"] as? [[String: Any]])?.first?["amount"] as? Int == 600)

            let record = try #require(try await shop.api("GET", "/customers/\(customer)").jsonObject?["customer"] as? [String: Any])
            let number = try #require(record["customerNumber"] as? String)
            let erase = try await shop.api("POST", "/customers/\(customer)/gdpr-erase", json: ["confirmCustomerNumber": number])
            #expect(erase.status == 200, "\(erase.text)")

            let after = try await shop.balance(customer)
            #expect(BalanceShop.sums(after) == ["EUR": 600])
            let kept = try #require(after["entries"] as? [[String: Any]])
            #expect(kept.compactMap { $0["amount"] as? Int } == [-400, 1_000])
            #expect(kept.allSatisfy { $0["reason"] as? String == "erased" })
            #expect(kept.allSatisfy { ($0["actor"] as? [String: Any])?["label"] as? String == "erased" })
            #expect(kept.allSatisfy { ($0["createdAt"] as? String)?.isEmpty == false })
            // Another customer's ledger is untouched; the reason is gone from the audit trail too.
            let untouched = try #require(try await shop.balance(other)["entries"] as? [[String: Any]])
            #expect(untouched.first?["reason"] as? String == "Other customer")
            let residue = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.scalar(
                    "SELECT count(*) FROM audit_log WHERE coalesce(after, '') LIKE '%broken lamp%'", as: Int.self) ?? -1
            }
            #expect(residue == 0)
        }
    }
}
