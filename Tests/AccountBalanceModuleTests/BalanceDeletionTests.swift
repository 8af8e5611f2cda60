import Foundation
import ShopAdminTesting
import ShopCoreTesting
import Testing

/// Deleting a customer with a ledger: the dry run names the entries that would go.
@Suite("Account balance module: customer deletion")
struct BalanceDeletionTests {
    @Test func theDeleteDryRunCountsTheLedgerEntries() async throws {
        try await BalanceShop.with { shop in
            let customer = try await shop.customer("Koivisto")
            try await shop.add(customer, 1_000, "EUR", "Goodwill")
            try await shop.add(customer, -400, "EUR", "Order 7")
            let dryRun = try await shop.api("DELETE", "/customers/\(customer)?dryRun=true")
            #expect(dryRun.status == 200, "\(dryRun.text)")
            let impact = try #require(dryRun.jsonObject?["impact"] as? [String: Any])
            let modules = try #require(impact["modules"] as? [String: Any])
            #expect((modules["account-balance"] as? [String: Any])?["balanceEntries"] as? Int == 2)
            // The dry run changed nothing.
            #expect(BalanceShop.sums(try await shop.balance(customer)) == ["EUR": 600])
        }
    }

    @Test func anUnknownListParameterIsRefusedNotIgnored() async throws {
        try await BalanceShop.with { shop in
            _ = try await shop.customer("Lampinen")
            // This shop has no tags module: the filter must not widen the list to everyone.
            for path in ["/customers?tagsAll=vip", "/customers/sms-phones.csv?tagsAll=vip", "/customers?colour=red"] {
                let response = try await shop.api("GET", path)
                #expect(response.status == 400, "\(path): \(response.text)")
                #expect(response.errorCode == "unknown_parameter", "\(path)")
            }
        }
    }
}
