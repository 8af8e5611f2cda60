import Foundation
import IncludedProductsModule
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The demo shop's restriction: the first company with people buys only tools and fasteners.
@Suite("Included products module: demo data")
struct IncludedProductsDemoTests {
    @Test func theDemoRestrictsTheFirstCompanyToToolsAndFasteners() async throws {
        try await AssortmentShop.with(tier: .platinum, b2b: true) { shop in
            let outsider = try await shop.customer("Ulko")
            let person = try await shop.customer("Sisä")
            let created = try await shop.api("POST", "/companies", json: ["name": "Oy Pohjola Tuote Ab", "businessId": "1572860-0"])
            let company = try #require((created.jsonObject?["company"] as? [String: Any])?["id"] as? Int, "\(created.text)")
            try #require(try await shop.api("POST", "/companies/\(company)/people", json: ["customerId": person.id]).status == 200)
            let affiliations = shop.server.app.service.catalog.affiliations(for: ["included-products", "b2b"])
            try await shop.server.withShopDatabase(shop.slug) { db in
                try IncludedProductsModule().addDemoData(db, affiliations: affiliations)
            }
            let view = try #require(try await shop.api("GET", "/companies/\(company)/included-products").jsonObject)
            #expect(view["categories"] as? [String] == ["fasteners", "tools"])
            #expect(try await shop.catalog(person) == ["TOO-1", "TOO-2", "FAS-1"])
            #expect(try await shop.catalog(outsider) == AssortmentShop.allSKUs)
            #expect(try await shop.audit("included_products.replaced").count == 1)
        }
    }
}
