import Foundation
import ShopAdminTesting
import Testing

/// Every path prices through the same engine: a group price and a group discount reach
/// draft orders, carts, the storefront catalog and the price endpoint alike (Medusa's draft
/// orders ignored group prices, and its group price lists were silently skipped).
@Suite struct SameEngineTests {
    @Test func groupPriceAndDiscountReachEveryPath() async throws {
        try await StorefrontShop.with { shop in
            for product: [String: Any] in [
                ["sku": "BOLT-1", "name": "Bolt", "grossPrice": 250], ["sku": "NUT-1", "name": "Nut", "grossPrice": 100],
            ] {
                #expect(try await shop.api("POST", "/products", json: product).status == 201)
            }
            let token = try await shop.registerSignedIn("pro@example.fi")
            let id = try await shop.customerID("pro@example.fi")
            let groups = try #require(try await shop.api("/groups").jsonObject?["groups"] as? [[String: Any]])
            let wholesale = try #require(groups.first { $0["name"] as? String == "Wholesale" }?["id"] as? Int)
            #expect(
                try await shop.api("PATCH", "/customers/\(id)", json: ["groupIds": [wholesale], "defaultGroupId": wholesale]).status == 200)
            let price = try await shop.api(
                "POST", "/price-rules", json: ["kind": "price", "groupId": wholesale, "sku": "BOLT-1", "currency": "EUR", "amount": 200])
            #expect(price.status == 201, "\(price.text)")
            let discount = try await shop.api(
                "POST", "/price-rules", json: ["kind": "discount", "groupId": wholesale, "sku": "NUT-1", "percentage": "20"])
            #expect(discount.status == 201, "\(discount.text)")

            // The price endpoint.
            let priced = try await shop.api("POST", "/prices", json: ["customerId": id, "items": [["sku": "BOLT-1"], ["sku": "NUT-1"]]])
            let lines = try #require(priced.jsonObject?["lines"] as? [[String: Any]])
            #expect(lines.map { $0["lineTotal"] as? Int } == [200, 80])
            // A draft order.
            let draft = try await shop.api("POST", "/customers/\(id)/draft-orders", json: [:])
            let draftID = try #require((draft.jsonObject?["order"] as? [String: Any])?["id"] as? Int)
            _ = try await shop.api("POST", "/orders/\(draftID)/lines", json: ["sku": "BOLT-1"])
            let withNut = try await shop.api("POST", "/orders/\(draftID)/lines", json: ["sku": "NUT-1"])
            #expect((withNut.jsonObject?["order"] as? [String: Any])?["total"] as? Int == 280)
            // The staff-side cart.
            let cart = try await shop.api("POST", "/customers/\(id)/cart/lines", json: ["sku": "BOLT-1"])
            #expect((cart.jsonObject?["order"] as? [String: Any])?["total"] as? Int == 200)
            // The storefront catalog and the customer's own cart.
            let catalog = try await shop.storefront("/catalog", token: token)
            let products = try #require(catalog.jsonObject?["products"] as? [[String: Any]])
            #expect(products.map { $0["lineTotal"] as? Int } == [200, 80])
            let mine = try await shop.storefront("POST", "/cart/lines", token: token, json: ["sku": "NUT-1", "quantity": 2])
            #expect((mine.jsonObject?["cart"] as? [String: Any])?["total"] as? Int == 200 + 160)
            // A visitor's group (NOT LOGGED IN) is not Wholesale: the product price.
            let visitor = try await shop.api("POST", "/prices", json: ["store": "web-fi", "items": [["sku": "BOLT-1"]]])
            #expect((visitor.jsonObject?["lines"] as? [[String: Any]])?.first?["lineTotal"] as? Int == 250)
        }
    }
}
