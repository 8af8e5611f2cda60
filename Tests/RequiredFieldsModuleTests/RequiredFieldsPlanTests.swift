import Foundation
import RequiredFieldsModule
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The module as the host runs it: on every tier, migrated once, described in
/// `/openapi.json`; a build without it keeps creating customers as before, and its data is
/// there again when a build with it runs over the same shops.
@Suite("Required fields: plan")
struct RequiredFieldsPlanTests {
    @Test func everyTierHasTheModuleAndItMigratesOnce() async throws {
        try await ModuleTestServer.with(modules: [RequiredFieldsModule()]) { server in
            for tier in Tier.allCases {
                let slug = "shop-\(tier.rawValue)"
                let token = try await server.provision(slug, tier: tier)
                let response = try await server.request("/shops/\(slug)/api/required-fields", token: token)
                #expect(response.status == 200, "\(tier): \(response.text)")
                #expect(try await server.migrationRows(slug, owner: "required-fields") == 1)
                let features = try await server.request("/shops/\(slug)/api/features", token: token)
                #expect(features.text.contains("required-fields"), "\(tier): \(features.text)")
            }
            let token = try await server.signIn("shop-start")
            for tier in ["platinum", "pro", "start"] {
                #expect(try await server.operatorRequest("PUT", "/operator/shops/shop-start/tier", json: ["tier": tier]).status == 200)
                #expect(try await server.request("/shops/shop-start/api/required-fields", token: token).status == 200)
            }
            #expect(try await server.migrationRows("shop-start", owner: "required-fields") == 1)
            let migrate = try await server.operatorRequest("POST", "/operator/shops/shop-start/migrate")
            #expect(migrate.jsonObject?["applied"] as? [String] == [], "\(migrate.text)")
            #expect(try await server.tableExists("shop-start", "customer_custom_value"))
        }
    }

    @Test func everyRouteAndTheCustomFieldsMemberAreDescribed() async throws {
        try await ModuleTestServer.with(modules: [RequiredFieldsModule()]) { server in
            #expect(OpenAPIDocument.undescribedRoutes(server.app.router, modules: [RequiredFieldsModule()]) == [])
            let document = try #require(try await server.request("/openapi.json").jsonObject)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for path in ["", "/stores/{store}", "/incomplete", "/custom-fields", "/custom-fields/{id}"] {
                #expect(paths["/shops/{shop}/api/required-fields\(path)"] != nil, "\(path)")
            }
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            for name in ["Customer", "CustomerInput"] {
                #expect((schemas[name]?["properties"] as? [String: Any])?["customFields"] != nil, "\(name)")
            }
            for (path, method) in [
                ("/shops/{shop}/storefront/{store}/register", "post"), ("/shops/{shop}/storefront/{store}/account", "patch"),
            ] {
                let operation = paths[path]?[method] as? [String: Any]
                let body = (operation?["requestBody"] as? [String: Any])?["content"] as? [String: Any]
                let schema = (body?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
                #expect((schema?["properties"] as? [String: Any])?["customFields"] != nil, "\(path)")
            }
        }
    }

    /// Without the module (a build that lacks it) customers are made as ever, and a body
    /// carrying `customFields` is refused by name rather than silently dropped.
    @Test func aShopWithoutTheModuleCreatesCustomersAsBefore() async throws {
        try await ModuleTestServer.with(modules: []) { server in
            let token = try await server.provision("plain", tier: .start)
            let id = try await server.createCustomer("plain", token: token, lastName: "Aho", email: "aho@example.fi")
            let record = try await server.request("/shops/plain/api/customers/\(id)", token: token)
            #expect(record.status == 200)
            #expect((record.jsonObject?["customer"] as? [String: Any])?["customFields"] == nil)
            let refused = try await server.request(
                "POST", "/shops/plain/api/customers", token: token,
                json: ["firstName": "A", "lastName": "B", "email": "b@example.fi", "customFields": ["x": "1"]])
            #expect(refused.status == 422)
            #expect(refused.errorCode == "unknown_field")
            #expect(refused.errorField == "customFields")
            #expect(try await server.request("/shops/plain/api/required-fields", token: token).status == 404)
            #expect(try await server.request("/shops/plain/api/customers?incomplete=true", token: token).errorCode == "unknown_parameter")
        }
    }

    @Test func dataIsKeptWhileABuildWithoutTheModuleRunsAndIsThereAgainAfter() async throws {
        let first = try await ModuleTestServer.make(modules: [RequiredFieldsModule()])
        let data = first.dataDirectory
        var customer = 0
        do {
            let shop = try await RequiredFieldsShop.make(first)
            try await shop.require(["phone"])
            _ = try await shop.define(["key": "paymentReference", "label": "Payment reference", "kind": "text", "required": true])
            customer = try await shop.customer(
                "aino@example.fi", extra: ["phone": "0401234567", "customFields": ["paymentReference": "1232"]])
        } catch {
            await first.stop()
            throw error
        }
        await first.stop()

        // Off: nothing is required, customers are made and changed as without the module.
        try await ModuleTestServer.with(modules: [], dataDirectory: data) { server in
            let token = try await server.signIn("reqshop")
            let made = try await server.createCustomer("reqshop", token: token, lastName: "Aho", email: "aho@example.fi")
            let changed = try await server.request(
                "PATCH", "/shops/reqshop/api/customers/\(customer)", token: token, json: ["phone": NSNull()])
            #expect(changed.status == 200, "\(changed.text)")
            #expect(made > customer)
        }

        // On again: the definitions and values are back, and what was made meanwhile is listed as incomplete.
        try await ModuleTestServer.with(modules: [RequiredFieldsModule()], dataDirectory: data) { server in
            let shop = RequiredFieldsShop(server: server, slug: "reqshop", token: try await server.signIn("reqshop"))
            #expect(try await shop.customFields(customer)["paymentReference"] as? String == "1232")
            let incomplete = try await shop.incomplete()
            #expect(incomplete.total == 2)
            #expect(incomplete.missing[customer] == ["phone"])
            #expect(incomplete.missing.values.contains(["phone", "customFields.paymentReference"]))
            #expect(try await server.migrationRows("reqshop", owner: "required-fields") == 1)
        }
    }
}
