import B2BModule
import CreditLimitModule
import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The credit limit as the host runs it: only on the Platinum tier, switched on and off by a
/// tier change without a restart, migrated once, its limits kept (and not enforced) while off.
@Suite("Credit limit module: plan")
struct CreditLimitPlanTests {
    @Test func aBusinessShopGetsItOnlyWhenMovedToPlatinumAndKeepsItsLimitsWhileOff() async throws {
        try await CreditShop.with(slug: "biz", tier: .business) { shop in
            let customer = try await shop.customer("Aho")
            let hidden = try await shop.api("GET", "/customers/\(customer)/credit-limit")
            #expect(hidden.status == 404)
            #expect(hidden.errorCode == "module_not_enabled", "\(hidden.text)")
            #expect(hidden.errorObject?["module"] as? String == "credit-limit")
            #expect(hidden.errorMessage?.contains("the platinum tier") == true, "\(hidden.errorMessage ?? "")")
            #expect((hidden.errorObject?["requires"] as? [String: Any])?["tiers"] as? [String] == ["platinum"])
            #expect(try await shop.api("PUT", "/customers/\(customer)/credit-limit", json: ["amount": 100]).status == 404)
            let filter = try await shop.api("GET", "/customers?creditUsedOverPercent=80")
            #expect(filter.status == 400 && filter.errorField == "creditUsedOverPercent", "\(filter.text)")
            let rows = try #require(try await shop.api("GET", "/customers").jsonObject?["customers"] as? [[String: Any]])
            #expect(rows.first?.keys.contains("creditLimit") == false)
            #expect(try await shop.server.tableExists("biz", "credit_limit_customer") == false)

            // Platinum: there on the next request, migrated once.
            #expect(try await shop.server.operatorRequest("PUT", "/operator/shops/biz/tier", json: ["tier": "platinum"]).status == 200)
            try await shop.setLimit(customer, 10_000)
            #expect(try await shop.server.migrationRows("biz", owner: "credit-limit") == 1)
            #expect(try await shop.place(try await shop.draft(customer, total: 10_001)).errorCode == "credit_limit_exceeded")

            // Off again: hidden, not enforced, the limit kept.
            #expect(try await shop.server.operatorRequest("PUT", "/operator/shops/biz/tier", json: ["tier": "business"]).status == 200)
            #expect(try await shop.api("GET", "/customers/\(customer)/credit-limit").errorCode == "module_not_enabled")
            let over = try await shop.place(try await shop.draft(customer, total: 10_001))
            #expect(over.status == 200, "no guard while the module is off: \(over.text)")
            #expect(try await shop.server.tableExists("biz", "credit_limit_customer"))

            // On again: the same limit, counting the order placed while it was off; no migration twice.
            #expect(try await shop.server.operatorRequest("PUT", "/operator/shops/biz/tier", json: ["tier": "platinum"]).status == 200)
            let back = try await shop.position(customer)
            #expect((back["limit"] as? [String: Any])?["amount"] as? Int == 10_000)
            #expect(back["outstanding"] as? Int == 10_001)
            #expect(back["available"] as? Int == 0)
            #expect(try await shop.server.migrationRows("biz", owner: "credit-limit") == 1)
            #expect(try await shop.server.operatorRequest("POST", "/operator/shops/biz/migrate").jsonObject?["applied"] as? [String] == [])
        }
    }

    @Test func everyRouteIsDescribedAndTheListColumnsAreInTheCustomerSchema() async throws {
        try await CreditShop.with { shop in
            #expect(OpenAPIDocument.undescribedRoutes(shop.server.app.router, modules: CreditShop.modules) == [])
            // Without the module's own table its six routes would be reported.
            #expect(OpenAPIDocument.undescribedRoutes(shop.server.app.router, modules: [B2BModule()]).count == 6)
            let fields = shop.server.app.service.catalog.customerFields(for: ["credit-limit"])
            #expect(fields == [CustomerFieldDefinition(key: "creditLimit", label: "Credit limit", kind: .money, module: "credit-limit")])
            let document = try #require(try await shop.server.request("/openapi.json").jsonObject)
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
            let customer = (schemas?["Customer"] as? [String: Any])?["properties"] as? [String: Any]
            for column in ["creditLimit", "creditUsed", "creditAvailable"] { #expect(customer?[column] != nil, "\(column)") }
            let input = (schemas?["CustomerInput"] as? [String: Any])?["properties"] as? [String: Any]
            #expect(input?["creditLimit"] == nil)
        }
    }
}
