import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The staff API of restrictions: bad input by name, who may change them, unknown SKUs
/// reported, and the customer's privacy (deletion dry run, GDPR export and erasure).
@Suite("Included products module: routes and privacy")
struct IncludedProductsRoutesTests {
    @Test func badInputIsRefusedNamingTheEntry() async throws {
        try await AssortmentShop.with { shop in
            let customer = try await shop.customer("Virhe")
            let path = "/customers/\(customer.id)/included-products"
            let cases: [([String: Any], String)] = [
                (["skus": "TOO-1"], "skus"), (["skus": ["TOO-1", "bad sku"]], "skus[1]"),
                (["skus": [String(repeating: "A", count: 65)]], "skus[0]"),
                (["skus": [7]], "skus[0]"), (["categories": [""]], "categories[0]"), (["categories": ["ok", "   "]], "categories[1]"),
                (["categories": [String(repeating: "k", count: 101)]], "categories[0]"), (["categories": 5], "categories"),
                (["products": ["TOO-1"]], "products"),
            ]
            for (body, field) in cases {
                let response = try await shop.api("PUT", path, json: body)
                #expect(response.status == 422, "\(body): \(response.text)")
                #expect(response.errorField == field, "\(body): \(response.text)")
            }
            #expect(try await shop.api("PUT", path, json: nil).status == 400)
            #expect(
                try await shop.api("PUT", "/customers/999999/included-products", json: ["skus": ["TOO-1"]]).errorCode
                    == "customer_not_found")
            #expect(try await shop.api("GET", "/groups/999999/included-products").errorCode == "group_not_found")
            // Companies come from b2b, which this shop does not have.
            #expect(try await shop.api("GET", "/companies/1/included-products").errorCode == "company_not_found")
            #expect(try await shop.audit("included_products.replaced").isEmpty)
            #expect(try await shop.catalog(customer) == AssortmentShop.allSKUs)
        }
    }

    @Test func repeatsCollapseAndSKUsNoProductHasAreReported() async throws {
        try await AssortmentShop.with { shop in
            let customer = try await shop.customer("Toisto")
            let view = try await shop.restrict(
                "customers", customer.id, skus: ["TOO-1", "NOPE-9", "TOO-1"], categories: ["Tools", "tools", " Safety "])
            #expect(view["skus"] as? [String] == ["NOPE-9", "TOO-1"])
            #expect(view["categories"] as? [String] == ["Safety", "Tools"])
            #expect(view["unknownSkus"] as? [String] == ["NOPE-9"])
            #expect(try await shop.catalog(customer) == ["TOO-1", "TOO-2", "SAF-1"])
            // The same set again is no change: no second audit entry.
            try await shop.restrict("customers", customer.id, skus: ["NOPE-9", "TOO-1"], categories: ["Safety", "Tools"])
            #expect(try await shop.audit("included_products.replaced").count == 1)
        }
    }

    @Test func staffMayReadButOnlyThoseWhoManagePricingMayChange() async throws {
        try await AssortmentShop.with { shop in
            let customer = try await shop.customer("Oikeus")
            let staff = try await shop.server.member(shop.slug, owner: shop.token, role: "staff")
            let readOnly = try await shop.server.member(shop.slug, owner: shop.token, role: "read-only")
            let path = "/customers/\(customer.id)/included-products"
            let denied = try await shop.api("PUT", path, json: ["skus": ["TOO-1"]], token: staff)
            #expect(denied.status == 403, "\(denied.text)")
            #expect(try await shop.api("GET", path, token: readOnly).status == 200)
            #expect(try await shop.api("GET", path, token: staff).status == 200)
            let admin = try await shop.server.member(shop.slug, owner: shop.token, role: "admin")
            #expect(try await shop.api("PUT", path, json: ["skus": ["TOO-1"]], token: admin).status == 200)
            #expect(try await shop.api("DELETE", path, token: staff).status == 403)
            #expect(try await shop.catalog(customer) == ["TOO-1"])
        }
    }

    @Test func deletionShowsTheRestrictionExportCarriesItAndErasureRemovesIt() async throws {
        try await AssortmentShop.with { shop in
            let customer = try await shop.customer("Yksityinen")
            try await shop.restrict("customers", customer.id, skus: ["TOO-1", "SAF-1"], categories: ["fasteners"])
            let dryRun = try await shop.api("DELETE", "/customers/\(customer.id)?dryRun=true")
            #expect(dryRun.status == 200, "\(dryRun.text)")
            let modules = (dryRun.jsonObject?["impact"] as? [String: Any])?["modules"] as? [String: Any]
            let impact = (modules?["included-products"] as? [String: Any])?["includedProducts"] as? [String: Any]
            #expect(impact?["skus"] as? Int == 2 && impact?["categories"] as? Int == 1)

            let export = try await shop.api("GET", "/customers/\(customer.id)/gdpr-export")
            let part = (export.jsonObject?["modules"] as? [String: Any])?["included-products"] as? [String: Any]
            #expect((part?["includedProducts"] as? [String: Any])?["skus"] as? [String] == ["SAF-1", "TOO-1"], "\(export.text)")

            let record = try #require(try await shop.api("GET", "/customers/\(customer.id)").jsonObject?["customer"] as? [String: Any])
            let number = try #require(record["customerNumber"] as? String)
            let erase = try await shop.api("POST", "/customers/\(customer.id)/gdpr-erase", json: ["confirmCustomerNumber": number])
            #expect(erase.status == 200, "\(erase.text)")
            let after = try #require(try await shop.api("GET", "/customers/\(customer.id)/included-products").jsonObject)
            #expect(after["restricted"] as? Bool == false)
            let refused = try await shop.api("PUT", "/customers/\(customer.id)/included-products", json: ["skus": ["TOO-1"]])
            #expect(refused.status == 409 && refused.errorCode == "customer_erased", "\(refused.text)")
        }
    }
}
