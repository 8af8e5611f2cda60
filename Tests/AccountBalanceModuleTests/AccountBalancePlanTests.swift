import AccountBalanceModule
import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The account balance as the host runs it: only with the paid add-on, on any tier,
/// switched on and off without a restart, migrated once, its ledger kept while it is off.
@Suite("Account balance module: plan")
struct AccountBalancePlanTests {
    @Test func aShopWithoutTheAddOnDoesNotHaveItUntilTheOperatorAddsIt() async throws {
        try await ModuleTestServer.with(modules: [AccountBalanceModule()]) { server in
            let token = try await server.provision("plat", tier: .platinum)
            let customer = try await server.createCustomer("plat", token: token, lastName: "Aho", email: "aho@example.fi")
            let hidden = try await server.request("/shops/plat/api/customers/\(customer)/balance", token: token)
            #expect(hidden.status == 404)
            #expect(hidden.errorCode == "module_not_enabled", "\(hidden.text)")
            #expect(hidden.errorObject?["module"] as? String == "account-balance")
            #expect(hidden.errorMessage?.contains("account-balance add-on") == true, "\(hidden.errorMessage ?? "")")
            #expect((hidden.errorObject?["requires"] as? [String: Any])?["addOn"] as? String == "account-balance")
            let post = try await server.request(
                "POST", "/shops/plat/api/customers/\(customer)/balance/entries", token: token,
                json: ["amount": 100, "currency": "EUR", "reason": "x"])
            #expect(post.errorCode == "module_not_enabled")
            #expect(try await server.tableExists("plat", "balance_entry") == false)

            #expect(try await server.operatorRequest("PUT", "/operator/shops/plat/add-ons/account-balance").status == 200)
            let added = try await server.request(
                "POST", "/shops/plat/api/customers/\(customer)/balance/entries", token: token,
                json: ["amount": 1500, "currency": "EUR", "reason": "Goodwill"])
            #expect(added.status == 201, "\(added.text)")
            #expect(try await server.migrationRows("plat", owner: "account-balance") == 1)

            #expect(try await server.operatorRequest("DELETE", "/operator/shops/plat/add-ons/account-balance").status == 200)
            #expect(
                try await server.request("/shops/plat/api/customers/\(customer)/balance", token: token).errorCode == "module_not_enabled")
            #expect(try await server.tableExists("plat", "balance_entry"))

            #expect(try await server.operatorRequest("PUT", "/operator/shops/plat/add-ons/account-balance").status == 200)
            let back = try await server.request("/shops/plat/api/customers/\(customer)/balance", token: token)
            #expect(back.status == 200, "\(back.text)")
            #expect(BalanceShop.sums(back.jsonObject ?? [:]) == ["EUR": 1500])
            #expect(try await server.migrationRows("plat", owner: "account-balance") == 1)
            #expect(try await server.operatorRequest("POST", "/operator/shops/plat/migrate").jsonObject?["applied"] as? [String] == [])
        }
    }

    @Test func everyBalanceRouteIsDescribedAndTheFieldDeclared() async throws {
        try await ModuleTestServer.with(modules: [AccountBalanceModule()]) { server in
            #expect(OpenAPIDocument.undescribedRoutes(server.app.router, modules: [AccountBalanceModule()]) == [])
            let fields = server.app.service.catalog.customerFields(for: ["account-balance"])
            #expect(fields == [CustomerFieldDefinition(key: "balance", label: "Account balance", kind: .money, module: "account-balance")])
        }
    }
}
