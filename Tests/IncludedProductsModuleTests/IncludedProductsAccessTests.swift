import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// What a restricted customer sees and may order, at each level: the storefront catalog, the
/// price endpoints, carts, draft orders and placing; which level decides; removing it.
@Suite("Included products module: access")
struct IncludedProductsAccessTests {
    @Test func aRestrictedCustomerSeesAndOrdersOnlyTheIncludedSKUsAndCategories() async throws {
        try await AssortmentShop.with { shop in
            let restricted = try await shop.customer("Rajattu")
            let free = try await shop.customer("Vapaa")
            let view = try await shop.restrict("customers", restricted.id, skus: ["SAF-1"], categories: ["Tools"])
            #expect(view["restricted"] as? Bool == true)
            #expect(view["skus"] as? [String] == ["SAF-1"])
            #expect(view["categories"] as? [String] == ["Tools"])
            #expect((view["effective"] as? [String: Any])?["level"] as? String == "customer")

            // The catalog hides the rest (the category matches whatever its case); others see everything.
            #expect(try await shop.catalog(restricted) == ["TOO-1", "TOO-2", "SAF-1"])
            #expect(try await shop.catalog(free) == AssortmentShop.allSKUs)
            let one = try await shop.storefront("GET", "/catalog/FAS-1", as: restricted)
            #expect(one.status == 404 && one.errorCode == "not_available", "\(one.text)")
            #expect(one.errorMessage == "not available to this customer")
            #expect(try await shop.storefront("GET", "/catalog/TOO-2", as: restricted).status == 200)

            // The price endpoint marks the line unavailable, saying why.
            let priced = try await shop.price("FAS-1", for: restricted)
            #expect(priced["available"] as? Bool == false)
            let why = try #require(priced["unavailable"] as? [String: Any])
            #expect(why["code"] as? String == "not_available")
            #expect(why["message"] as? String == "not available to this customer")
            #expect(try await shop.price("MISC-1", for: restricted)["available"] as? Bool == false, "no category, not listed")
            #expect(try await shop.price("TOO-1", for: restricted)["available"] as? Bool == true)
            #expect(try await shop.price("FAS-1", for: free)["available"] as? Bool == true)
            let explained = try #require(
                try await shop.api("GET", "/customers/\(restricted.id)/prices/FAS-1").jsonObject?["price"] as? [String: Any])
            let steps = try #require(explained["explanation"] as? [[String: Any]])
            #expect(steps.contains { $0["reason"] as? String == "not available to this customer" })

            // Carts refuse it, on the storefront and in the admin; an included product goes in.
            let cart = try await shop.storefront("POST", "/cart/lines", as: restricted, json: ["sku": "FAS-1"])
            #expect(cart.status == 409 && cart.errorCode == "not_available", "\(cart.text)")
            #expect(cart.errorMessage == "not available to this customer")
            let admin = try await shop.api("POST", "/customers/\(restricted.id)/cart/lines", json: ["sku": "FAS-1"])
            #expect(admin.status == 409 && admin.errorMessage == "not available to this customer", "\(admin.text)")
            #expect(try await shop.storefront("POST", "/cart/lines", as: restricted, json: ["sku": "SAF-1"]).status == 201)
            #expect(try await shop.storefront("POST", "/cart/lines", as: free, json: ["sku": "FAS-1"]).status == 201)

            let entry = try #require(try await shop.audit("included_products.replaced").first)
            #expect(entry["entity"] as? String == "customer" && entry["entityId"] as? String == String(restricted.id))
            #expect((entry["after"] as? [String: Any])?["categories"] as? [String] == ["Tools"])
        }
    }

    @Test func removingTheRestrictionShowsEverythingAgain() async throws {
        try await AssortmentShop.with { shop in
            let customer = try await shop.customer("Palautus")
            try await shop.restrict("customers", customer.id, skus: ["TOO-1"])
            #expect(try await shop.catalog(customer) == ["TOO-1"])
            let removed = try await shop.api("DELETE", "/customers/\(customer.id)/included-products")
            #expect(removed.status == 200, "\(removed.text)")
            #expect(removed.jsonObject?["restricted"] as? Bool == false)
            #expect(try await shop.catalog(customer) == AssortmentShop.allSKUs)
            #expect(try await shop.price("FAS-1", for: customer)["available"] as? Bool == true)
            let again = try await shop.api("DELETE", "/customers/\(customer.id)/included-products")
            #expect(again.status == 404 && again.errorCode == "no_restriction", "\(again.text)")
            #expect(try await shop.audit("included_products.removed").count == 1)

            // Replacing with empty lists removes it too.
            try await shop.restrict("customers", customer.id, categories: ["safety"])
            #expect(try await shop.catalog(customer) == ["SAF-1"])
            let emptied = try await shop.restrict("customers", customer.id)
            #expect(emptied["restricted"] as? Bool == false)
            #expect((emptied["effective"] as? [String: Any])?["level"] is NSNull)
            #expect(try await shop.catalog(customer) == AssortmentShop.allSKUs)
            #expect(try await shop.audit("included_products.removed").count == 2)
        }
    }

    @Test func groupRestrictionsUniteOverTheCustomersGroupsAndTheCustomersOwnDecides() async throws {
        try await AssortmentShop.with { shop in
            let customer = try await shop.customer("Ryhmä")
            let general = try await shop.groupID("General")
            let wholesale = try await shop.groupID("Wholesale")
            try await shop.restrict("groups", general, categories: ["tools"])
            #expect(try await shop.catalog(customer) == ["TOO-1", "TOO-2"])

            let moved = try await shop.api(
                "PATCH", "/customers/\(customer.id)", json: ["groupIds": [general, wholesale], "defaultGroupId": general])
            #expect(moved.status == 200, "\(moved.text)")
            try await shop.restrict("groups", wholesale, skus: ["FAS-1"])
            #expect(try await shop.catalog(customer) == ["TOO-1", "TOO-2", "FAS-1"], "every group of the customer counts")
            let effective = try #require(
                try await shop.api("GET", "/customers/\(customer.id)/included-products").jsonObject?["effective"] as? [String: Any])
            #expect(effective["level"] as? String == "group")
            #expect(Set(effective["owners"] as? [Int] ?? []) == [general, wholesale])
            #expect(effective["skus"] as? [String] == ["FAS-1"])
            #expect(effective["categories"] as? [String] == ["tools"])

            // The customer's own restriction decides over the groups'.
            try await shop.restrict("customers", customer.id, skus: ["SAF-1"])
            #expect(try await shop.catalog(customer) == ["SAF-1"])
            let own = try #require(
                try await shop.api("GET", "/customers/\(customer.id)/included-products").jsonObject?["effective"] as? [String: Any])
            #expect(own["level"] as? String == "customer")
            #expect(try await shop.api("DELETE", "/customers/\(customer.id)/included-products").status == 200)
            #expect(try await shop.catalog(customer) == ["TOO-1", "TOO-2", "FAS-1"])

            // A group's restriction is audited under the group.
            #expect(try await shop.audit("included_products.replaced").contains { $0["entity"] as? String == "customer_group" })
        }
    }

    @Test func aCompanyRestrictionCoversItsPeopleAndDecidesOverTheirGroups() async throws {
        try await AssortmentShop.with(b2b: true) { shop in
            let person = try await shop.customer("Yritys")
            let outsider = try await shop.customer("Ulko")
            let created = try await shop.api("POST", "/companies", json: ["name": "Oy Pohjola Tuote Ab", "businessId": "1572860-0"])
            try #require(created.status == 201, "\(created.text)")
            let company = try #require((created.jsonObject?["company"] as? [String: Any])?["id"] as? Int)
            let added = try await shop.api("POST", "/companies/\(company)/people", json: ["customerId": person.id])
            try #require(added.status == 200, "\(added.text)")

            try await shop.restrict("groups", try await shop.groupID("General"), categories: ["safety"])
            let view = try await shop.restrict("companies", company, skus: ["TOO-1"])
            #expect(view["companyId"] as? Int == company)
            #expect(try await shop.catalog(person) == ["TOO-1"], "the company decides over the group")
            #expect(try await shop.catalog(outsider) == ["SAF-1"])
            let cart = try await shop.storefront("POST", "/cart/lines", as: person, json: ["sku": "SAF-1"])
            #expect(cart.status == 409 && cart.errorMessage == "not available to this customer", "\(cart.text)")
            let effective = try #require(
                try await shop.api("GET", "/customers/\(person.id)/included-products").jsonObject?["effective"] as? [String: Any])
            #expect(effective["level"] as? String == "company" && effective["owners"] as? [Int] == [company])

            // Out of the company, the group's restriction applies again.
            #expect(try await shop.api("DELETE", "/companies/\(company)/people/\(person.id)").status == 200)
            #expect(try await shop.catalog(person) == ["SAF-1"])
            let unknown = try await shop.api("PUT", "/companies/99999/included-products", json: ["skus": ["TOO-1"]])
            #expect(unknown.status == 404 && unknown.errorCode == "company_not_found", "\(unknown.text)")
            #expect(try await shop.audit("included_products.replaced").contains { $0["entity"] as? String == "company" })
        }
    }

    @Test func placingAnOrderWhoseProductWasRestrictedSinceIsRefused() async throws {
        try await AssortmentShop.with { shop in
            let customer = try await shop.customer("Tilaaja")
            let draft = try await shop.api(
                "POST", "/customers/\(customer.id)/draft-orders", json: ["paymentMethod": "invoice", "deliveryMethod": "posti"])
            let order = try #require((draft.jsonObject?["order"] as? [String: Any])?["id"] as? Int, "\(draft.text)")
            #expect(try await shop.api("POST", "/orders/\(order)/lines", json: ["sku": "FAS-1", "quantity": 2]).status == 201)
            try await shop.restrict("customers", customer.id, categories: ["tools"])
            let placed = try await shop.api("POST", "/orders/\(order)/place", json: [:])
            #expect(placed.status == 409, "\(placed.text)")
            #expect(placed.errorCode == "not_available")
            #expect(placed.errorObject?["guard"] as? String == "availability")
            #expect(placed.errorMessage?.contains("not available to this customer") == true)
            #expect(placed.errorField == "lines[0]")
            // Lifted, the same order goes through.
            #expect(try await shop.api("DELETE", "/customers/\(customer.id)/included-products").status == 200)
            #expect(try await shop.api("POST", "/orders/\(order)/place", json: [:]).status == 200)
        }
    }
}
