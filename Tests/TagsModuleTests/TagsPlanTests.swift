import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import TagsModule
import Testing

/// The tags module as the host runs it: on the Pro, Business and Platinum tiers only,
/// switched by a tier change without a restart, migrated once, its data kept while it is off.
@Suite("Tags module: plan")
struct TagsPlanTests {
    @Test func startTierDoesNotHaveTagsUntilAnUpgrade() async throws {
        try await ModuleTestServer.with(modules: [TagsModule()]) { server in
            let token = try await server.provision("small", tier: .start)
            let customer = try await server.createCustomer("small", token: token, lastName: "Aho", email: "aho@example.fi")
            for path in ["/tags", "/customers/\(customer)/tags"] {
                let hidden = try await server.request("/shops/small/api\(path)", token: token)
                #expect(hidden.status == 404, "\(path)")
                #expect(hidden.errorCode == "module_not_enabled", "\(path): \(hidden.text)")
                #expect(hidden.errorObject?["module"] as? String == "tags")
                let message = hidden.errorMessage ?? ""
                for tier in ["pro", "business", "platinum"] { #expect(message.contains(tier), "\(message) lacks \(tier)") }
            }
            #expect(try await server.tableExists("small", "tag") == false)
            #expect(try await server.migrationRows("small", owner: "tags") == 0)

            let upgrade = try await server.operatorRequest("PUT", "/operator/shops/small/tier", json: ["tier": "pro"])
            #expect(upgrade.status == 200, "\(upgrade.text)")
            // The next request works, no restart: the migration ran before it.
            let tags = try await server.request("/shops/small/api/tags", token: token)
            #expect(tags.status == 200, "\(tags.text)")
            #expect(tags.jsonObject?["tags"] as? [Any] != nil)
            #expect(try await server.migrationRows("small", owner: "tags") == 1)

            let tagged = try await server.request(
                "PUT", "/shops/small/api/customers/\(customer)/tags", token: token, json: ["tags": ["VIP"]])
            #expect(tagged.status == 200, "\(tagged.text)")

            // Off again (start lacks tags): 404, tables and rows stay.
            #expect(try await server.operatorRequest("PUT", "/operator/shops/small/tier", json: ["tier": "start"]).status == 200)
            #expect(try await server.request("/shops/small/api/tags", token: token).errorCode == "module_not_enabled")
            #expect(
                try await server.request(
                    "POST", "/shops/small/api/tags/assign", token: token, json: ["add": ["x"], "customerIds": [customer]]
                )
                .errorCode == "module_not_enabled")
            #expect(try await server.tableExists("small", "customer_tag"))

            // On again on another tier: the tag is still the customer's; the migration did not run twice.
            #expect(try await server.operatorRequest("PUT", "/operator/shops/small/tier", json: ["tier": "business"]).status == 200)
            let back = try await server.request("/shops/small/api/customers/\(customer)/tags", token: token)
            #expect(back.status == 200, "\(back.text)")
            #expect((back.jsonObject?["tags"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["VIP"])
            #expect(try await server.migrationRows("small", owner: "tags") == 1)
            let migrate = try await server.operatorRequest("POST", "/operator/shops/small/migrate")
            #expect(migrate.jsonObject?["applied"] as? [String] == [])
        }
    }

    @Test func everyTagRouteIsDescribed() async throws {
        try await ModuleTestServer.with(modules: [TagsModule()]) { server in
            #expect(OpenAPIDocument.undescribedRoutes(server.app.router, modules: [TagsModule()]) == [])
            let document = try await server.request("/openapi.json")
            let paths = try #require(document.jsonObject?["paths"] as? [String: Any])
            for path in ["/tags", "/tags/{id}", "/tags/assign", "/customers/{id}/tags"] {
                #expect(paths["/shops/{shop}/api\(path)"] != nil, "\(path)")
            }
        }
    }
}
