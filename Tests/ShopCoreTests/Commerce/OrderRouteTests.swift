import Foundation
import ShopAdminTesting
import Testing

/// Carts, draft orders and placing over a real socket: lines priced when added and kept,
/// the order guards, the stored sales totals, invoicing, payment and cancellation.
@Suite struct OrderRouteTests {
    /// Adds a line to the customer's cart and returns the cart.
    static func addToCart(_ shop: CommerceShop, _ item: [String: Any]) async throws -> [String: Any] {
        let response = try await shop.api("POST", "/customers/\(shop.customerID)/cart/lines", json: item)
        try #require(response.status == 201, "add: \(response.text)")
        return try #require(response.jsonObject?["order"] as? [String: Any])
    }

    @Test func cartPlacedKeepsItsPricesAndMovesTheSalesTotal() async throws {
        try await CommerceShop.with { shop in
            let rule = try await shop.rule(["kind": "discount", "customerId": shop.customerID, "sku": "HAM-1", "percentage": "10"])
            let comment = try await shop.api(
                "PUT", "/customers/\(shop.customerID)/product-comments/HAM-1", json: ["comment": "Pack by the dozen"])
            #expect(comment.status == 200, "\(comment.text)")
            _ = try await Self.addToCart(shop, ["sku": "HAM-1", "quantity": 2])
            let cart = try await Self.addToCart(shop, ["sku": "NUT-2", "quantity": 3])
            let orderID = try #require(cart["id"] as? Int)
            #expect(cart["status"] as? String == "cart")
            #expect(cart["total"] as? Int == 1800 + 450)
            let lines = try #require(cart["lines"] as? [[String: Any]])
            #expect(lines.first?["comment"] as? String == "Pack by the dozen")

            let unready = try await shop.api("POST", "/orders/\(orderID)/place")
            #expect(unready.status == 409)
            #expect(unready.errorObject?["guard"] as? String == "required-fields")
            #expect(unready.errorField == "paymentMethod")

            let header = try await shop.api("PATCH", "/orders/\(orderID)", json: ["paymentMethod": "invoice", "deliveryMethod": "posti"])
            #expect(header.status == 200, "\(header.text)")
            let placed = try await shop.api("POST", "/orders/\(orderID)/place")
            #expect(placed.status == 200, "\(placed.text)")
            let order = try #require(placed.jsonObject?["order"] as? [String: Any])
            #expect(order["status"] as? String == "placed")
            #expect(order["number"] as? String == "100001")

            // A later rule change does not rewrite the placed order.
            #expect(try await shop.api("DELETE", "/price-rules/\(rule)").status == 200)
            let again = try await shop.api("GET", "/orders/\(orderID)")
            #expect((again.jsonObject?["order"] as? [String: Any])?["total"] as? Int == 2250)

            let view = try await shop.api("GET", "/customers/\(shop.customerID)/orders")
            #expect(view.jsonObject?["salesTotal"] as? Int == 2250)
            #expect(view.jsonObject?["orderCount"] as? Int == 1)
            #expect(view.jsonObject?["cart"] is NSNull)
            let customer = try await shop.api("GET", "/customers/\(shop.customerID)")
            #expect((customer.jsonObject?["customer"] as? [String: Any])?["totalSales"] as? Int == 2250)

            #expect(try await shop.api("POST", "/orders/\(orderID)/invoice").status == 200)
            let cancelled = try await shop.api("POST", "/orders/\(orderID)/cancel")
            #expect(cancelled.status == 200, "\(cancelled.text)")
            let after = try await shop.api("GET", "/customers/\(shop.customerID)/orders")
            #expect(after.jsonObject?["salesTotal"] as? Int == 0)
            #expect(after.jsonObject?["orderCount"] as? Int == 0)
            let paid = try await shop.api("POST", "/orders/\(orderID)/pay")
            #expect(paid.status == 409)
            let audit = try await shop.api("GET", "/audit?entity=sales_order&entityId=\(orderID)")
            let actions = (audit.jsonObject?["entries"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.contains("order.placed") && actions.contains("order.cancelled") && actions.contains("order.line_added"))
        }
    }

    @Test func guardsRefuseWithTheGuardAndTheReason() async throws {
        try await CommerceShop.with { shop in
            let inactive = try await shop.api("POST", "/customers/\(shop.customerID)/cart/lines", json: ["sku": "OFF-3"])
            #expect(inactive.status == 409)
            #expect(inactive.errorObject?["code"] as? String == "product_inactive")

            let restricted = try await shop.api(
                "PATCH", "/customers/\(shop.customerID)", json: ["allowedPaymentMethods": ["card"], "allowedDeliveryMethods": ["pickup"]])
            #expect(restricted.status == 200, "\(restricted.text)")
            let cart = try await Self.addToCart(shop, ["sku": "HAM-1"])
            let id = try #require(cart["id"] as? Int)
            _ = try await shop.api("PATCH", "/orders/\(id)", json: ["paymentMethod": "invoice", "deliveryMethod": "pickup"])
            let refused = try await shop.api("POST", "/orders/\(id)/place")
            #expect(refused.status == 409)
            #expect(refused.errorObject?["guard"] as? String == "allowed-methods")
            #expect(refused.errorField == "paymentMethod")
            #expect(refused.errorObject?["allowed"] as? [String] == ["card"])

            _ = try await shop.api("PATCH", "/orders/\(id)", json: ["paymentMethod": "card"])
            let settings = try await shop.api("PATCH", "/settings", json: ["requireOrderReference": true])
            #expect(settings.status == 200, "\(settings.text)")
            let noReference = try await shop.api("POST", "/orders/\(id)/place")
            #expect(noReference.errorField == "reference")
            _ = try await shop.api("PATCH", "/orders/\(id)", json: ["reference": "PO-4711"])
            #expect(try await shop.api("POST", "/orders/\(id)/place").status == 200)
            // A placed order no longer changes.
            let late = try await shop.api("POST", "/orders/\(id)/lines", json: ["sku": "NUT-2"])
            #expect(late.status == 409)
            #expect(late.errorObject?["code"] as? String == "order_not_open")
        }
    }

    @Test func draftOrderLinesRepriceOnQuantityAndAreRemovable() async throws {
        try await CommerceShop.with { shop in
            try await shop.rule([
                "kind": "discount", "customerId": shop.customerID, "sku": "HAM-1", "percentage": "15", "minimumQuantity": 6,
            ])
            let draft = try await shop.api("POST", "/customers/\(shop.customerID)/draft-orders", json: ["currency": "SEK"])
            #expect(draft.status == 201, "\(draft.text)")
            let id = try #require((draft.jsonObject?["order"] as? [String: Any])?["id"] as? Int)
            let added = try await shop.api("POST", "/orders/\(id)/lines", json: ["sku": "HAM-1", "quantity": 5])
            #expect(added.status == 201, "\(added.text)")
            let order = try #require(added.jsonObject?["order"] as? [String: Any])
            #expect(order["currency"] as? String == "SEK")
            let line = try #require((order["lines"] as? [[String: Any]])?.first)
            // 5 × 115.00 SEK less the discount group's 5 %.
            #expect(line["lineTotal"] as? Int == 54625)
            let lineID = try #require(line["id"] as? Int)
            let six = try await shop.api("PATCH", "/orders/\(id)/lines/\(lineID)", json: ["quantity": 6])
            let repriced = try #require((six.jsonObject?["order"] as? [String: Any])?["lines"] as? [[String: Any]])
            #expect(repriced.first?["lineTotal"] as? Int == 58650)
            let currency = try await shop.api("PATCH", "/orders/\(id)", json: ["currency": "EUR"])
            #expect(currency.status == 409)
            #expect(currency.errorField == "currency")
            let removed = try await shop.api("DELETE", "/orders/\(id)/lines/\(lineID)")
            #expect((removed.jsonObject?["order"] as? [String: Any])?["total"] as? Int == 0)
            let view = try await shop.api("GET", "/customers/\(shop.customerID)/orders")
            #expect((view.jsonObject?["drafts"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func gdprExportHasTheOrdersAndErasureKeepsThemWithoutTheWords() async throws {
        try await CommerceShop.with { shop in
            _ = try await shop.api("PUT", "/customers/\(shop.customerID)/product-comments/NUT-2", json: ["comment": "Ring Aino Virtanen"])
            let cart = try await Self.addToCart(shop, ["sku": "NUT-2", "quantity": 4])
            let id = try #require(cart["id"] as? Int)
            _ = try await shop.api(
                "PATCH", "/orders/\(id)", json: ["paymentMethod": "card", "deliveryMethod": "posti", "note": "Leave at Aino's door"])
            #expect(try await shop.api("POST", "/orders/\(id)/place").status == 200)
            let export = try await shop.api("GET", "/customers/\(shop.customerID)/gdpr-export")
            #expect(export.status == 200, "\(export.text)")
            let orders = try #require(export.jsonObject?["orders"] as? [[String: Any]])
            #expect(orders.first?["note"] as? String == "Leave at Aino's door")
            #expect((export.jsonObject?["productComments"] as? [[String: Any]])?.count == 1)

            let number = try #require(export.jsonObject?["customer"] as? [String: Any])["customerNumber"] as? String
            let erase = try await shop.api(
                "POST", "/customers/\(shop.customerID)/gdpr-erase", json: ["confirmCustomerNumber": try #require(number)])
            #expect(erase.status == 200, "\(erase.text)")
            let kept = try #require(try await shop.api("GET", "/orders/\(id)").jsonObject?["order"] as? [String: Any])
            #expect(kept["total"] as? Int == 600)
            #expect(kept["note"] is NSNull)
            #expect((kept["lines"] as? [[String: Any]])?.first?["comment"] is NSNull)
            let text = try await shop.shop.server.withShopDatabase(shop.shop.slug) { db in
                try db.scalar("SELECT count(*) FROM customer_product_comment", as: Int64.self)
            }
            #expect(text == 0)
        }
    }

    @Test func deletingACustomerKeepsPlacedOrdersAnonymised() async throws {
        try await CommerceShop.with { shop in
            let cart = try await Self.addToCart(shop, ["sku": "NUT-2"])
            let id = try #require(cart["id"] as? Int)
            _ = try await shop.api("PATCH", "/orders/\(id)", json: ["paymentMethod": "card", "deliveryMethod": "posti"])
            #expect(try await shop.api("POST", "/orders/\(id)/place").status == 200)
            _ = try await Self.addToCart(shop, ["sku": "HAM-1"])
            try await shop.rule(["kind": "discount", "customerId": shop.customerID, "sku": "HAM-1", "percentage": "1"])
            let dry = try await shop.api("DELETE", "/customers/\(shop.customerID)?dryRun=true")
            #expect(dry.status == 200, "\(dry.text)")
            let impact = try #require(dry.jsonObject?["impact"] as? [String: Any] ?? dry.jsonObject)
            #expect(impact["ordersKeptAnonymised"] as? Int == 1)
            #expect(impact["cartsAndDrafts"] as? Int == 1)
            #expect(impact["priceRules"] as? Int == 1)
            #expect(try await shop.api("DELETE", "/customers/\(shop.customerID)").status == 200)
            let kept = try await shop.api("GET", "/orders/\(id)")
            #expect(kept.status == 200)
            #expect((kept.jsonObject?["order"] as? [String: Any])?["customerId"] is NSNull)
            let rules = try await shop.api("GET", "/price-rules?customerId=\(shop.customerID)")
            #expect((rules.jsonObject?["rules"] as? [[String: Any]])?.isEmpty == true)
        }
    }
}
