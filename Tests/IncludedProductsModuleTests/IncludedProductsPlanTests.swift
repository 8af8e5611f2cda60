import B2BModule
import Foundation
import IncludedProductsModule
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// Included products as the host runs it: on the Business and Platinum tiers only, switched by
/// a tier change without a restart, migrated once, its restrictions kept (and not applied) while off.
@Suite("Included products module: plan")
struct IncludedProductsPlanTests {
    @Test func aProShopGetsItOnlyOnBusinessOrPlatinumAndKeepsItsRestrictionsWhileOff() async throws {
        try await AssortmentShop.with(slug: "small", tier: .pro) { shop in
            let customer = try await shop.customer("Aho")
            let hidden = try await shop.api("GET", "/customers/\(customer.id)/included-products")
            #expect(hidden.status == 404)
            #expect(hidden.errorCode == "module_not_enabled", "\(hidden.text)")
            #expect(hidden.errorObject?["module"] as? String == "included-products")
            let message = hidden.errorMessage ?? ""
            #expect(message.contains("business") && message.contains("platinum"), "\(message)")
            #expect(!message.contains("pro,"), "\(message)")
            #expect(try await shop.api("PUT", "/groups/1/included-products", json: ["skus": ["TOO-1"]]).status == 404)
            #expect(try await shop.server.tableExists("small", "included_product_customer") == false)
            #expect(try await shop.catalog(customer) == AssortmentShop.allSKUs)

            #expect(try await shop.server.operatorRequest("PUT", "/operator/shops/small/tier", json: ["tier": "business"]).status == 200)
            try await shop.restrict("customers", customer.id, skus: ["TOO-1"])
            #expect(try await shop.catalog(customer) == ["TOO-1"])
            #expect(try await shop.server.migrationRows("small", owner: "included-products") == 1)

            #expect(try await shop.server.operatorRequest("PUT", "/operator/shops/small/tier", json: ["tier": "pro"]).status == 200)
            #expect(try await shop.api("GET", "/customers/\(customer.id)/included-products").errorCode == "module_not_enabled")
            #expect(try await shop.catalog(customer) == AssortmentShop.allSKUs, "no restriction while the module is off")
            #expect(try await shop.server.tableExists("small", "included_product_customer"))

            #expect(try await shop.server.operatorRequest("PUT", "/operator/shops/small/tier", json: ["tier": "platinum"]).status == 200)
            let back = try #require(try await shop.api("GET", "/customers/\(customer.id)/included-products").jsonObject)
            #expect(back["skus"] as? [String] == ["TOO-1"])
            #expect(try await shop.catalog(customer) == ["TOO-1"])
            #expect(try await shop.server.migrationRows("small", owner: "included-products") == 1)
            #expect(
                try await shop.server.operatorRequest("POST", "/operator/shops/small/migrate").jsonObject?["applied"] as? [String] == [])
        }
    }

    @Test func everyRouteIsDescribed() async throws {
        try await AssortmentShop.with { shop in
            #expect(OpenAPIDocument.undescribedRoutes(shop.server.app.router, modules: AssortmentShop.modules) == [])
            // Without the module's own table its routes would be reported.
            #expect(OpenAPIDocument.undescribedRoutes(shop.server.app.router, modules: [B2BModule()]).count == 9)
            let document = try #require(try await shop.server.request("/openapi.json").jsonObject)
            let paths = try #require(document["paths"] as? [String: Any])
            for level in ["customers", "companies", "groups"] {
                let path = try #require(paths["/shops/{shop}/api/\(level)/{id}/included-products"] as? [String: Any], "\(level)")
                #expect(Set(path.keys) == ["get", "put", "delete"], "\(level)")
            }
        }
    }
}
