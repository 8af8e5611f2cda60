import Foundation
import ShopAdminTesting
import Testing

/// The signed-in customer's catalog with their own prices, their cart and their orders.
@Suite struct StorefrontOrderTests {
    @Test func customerSeesOwnPricesOrdersAndNobodyElses() async throws {
        try await StorefrontShop.with { shop in
            for product: [String: Any] in [
                ["sku": "TEA-1", "name": "Tea", "category": "drinks", "grossPrice": 450],
                ["sku": "MUG-2", "name": "Mug", "category": "kitchen", "grossPrice": 1200],
                ["sku": "OLD-3", "name": "Old", "grossPrice": 100, "active": false],
            ] {
                let response = try await shop.api("POST", "/products", json: product)
                try #require(response.status == 201, "\(response.text)")
            }
            let token = try await shop.registerSignedIn("aino@example.fi")
            let other = try await shop.registerSignedIn("eero@example.fi")
            let id = try await shop.customerID("aino@example.fi")
            let rule = try await shop.api(
                "POST", "/price-rules", json: ["kind": "price", "customerId": id, "sku": "MUG-2", "currency": "EUR", "amount": 999])
            #expect(rule.status == 201, "\(rule.text)")

            let catalog = try await shop.storefront("/catalog", token: token)
            #expect(catalog.status == 200, "\(catalog.text)")
            let products = try #require(catalog.jsonObject?["products"] as? [[String: Any]])
            #expect(products.map { $0["sku"] as? String } == ["MUG-2", "TEA-1"])
            #expect(products.first?["unitPrice"] as? Int == 999)
            let othersView = try await shop.storefront("/catalog/MUG-2", token: other)
            #expect((othersView.jsonObject?["product"] as? [String: Any])?["unitPrice"] as? Int == 1200)
            #expect(try await shop.storefront("/catalog", token: nil).status == 401)

            let added = try await shop.storefront("POST", "/cart/lines", token: token, json: ["sku": "MUG-2", "quantity": 2])
            #expect(added.status == 201, "\(added.text)")
            #expect((added.jsonObject?["cart"] as? [String: Any])?["total"] as? Int == 1998)
            let methods = try await shop.storefront(
                "PATCH", "/cart", token: token, json: ["paymentMethod": "card", "deliveryMethod": "posti"])
            #expect(methods.status == 200, "\(methods.text)")
            let placed = try await shop.storefront("POST", "/cart/place", token: token)
            #expect(placed.status == 201, "\(placed.text)")
            let number = try #require((placed.jsonObject?["order"] as? [String: Any])?["number"] as? String)

            let mine = try await shop.storefront("/orders", token: token)
            #expect((mine.jsonObject?["orders"] as? [[String: Any]])?.first?["number"] as? String == number)
            #expect(try await shop.storefront("/orders/\(number)", token: token).status == 200)
            #expect(try await shop.storefront("/orders/\(number)", token: other).status == 404)
            #expect((try await shop.storefront("/orders", token: other).jsonObject?["orders"] as? [[String: Any]])?.isEmpty == true)
            let empty = try await shop.storefront("/cart", token: token)
            #expect(empty.jsonObject?["cart"] is NSNull)
            let audit = try await shop.api("/audit?entity=sales_order")
            let actors = (audit.jsonObject?["entries"] as? [[String: Any]] ?? []).compactMap {
                ($0["actor"] as? [String: Any])?["label"] as? String
            }
            #expect(actors.contains { $0.contains("via storefront") })
        }
    }
}
