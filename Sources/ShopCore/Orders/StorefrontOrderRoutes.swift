import Pricing
import SQLite

/// The signed-in customer's catalog, cart and orders under `/shops/{shop}/storefront/{store}`:
/// the catalog shows their own prices (the same engine as the admin), products a module
/// hides are left out, and placing the cart runs the same guards as staff placing it.
struct StorefrontOrderRoutes {
    let service: ShopService

    func addRoutes(signedIn routes: RouteGroup) {
        let service = service

        routes.get("/catalog", summary: "Products on sale with the signed-in customer's prices; ?search= ?category= ?after=<sku> ?limit=") {
            request, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            let limit = try request.queryInt("limit", default: 24, range: 1...100)
            let search = request.query("search").map { $0.trimmedWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
            let (category, after) = (request.query("category"), request.query("after"))
            let page = try await shop.database.read { db -> JSONValue in
                let pricer = try ShopPricer.make(db, shop: shop, service: service, customerID: customer.id)
                var conditions = ["active = 1"]
                var values: [(any SQLValueConvertible)?] = []
                if let search {
                    conditions.append("(sku LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')")
                    values += [ProductRoutes.likePrefix(search), ProductRoutes.likePrefix(search)]
                }
                if let category {
                    conditions.append("category = ?")
                    values.append(category)
                }
                var cursor = after
                var products: [JSONValue] = []
                var more = true
                // Products a module hides are skipped, so keep reading until the page is full.
                while products.count < limit && more {
                    let rows = try db.query(
                        "SELECT sku FROM product WHERE \((conditions + (cursor == nil ? [] : ["sku > ?"])).joined(separator: " AND ")) ORDER BY sku LIMIT ?",
                        values + (cursor.map { [$0] } ?? []) + [limit * 2])
                    more = rows.count == limit * 2
                    for row in rows {
                        guard let sku = row[0].text else { continue }
                        cursor = sku
                        let line = try pricer.price(ShopPricer.Item(sku: sku, quantity: 1))
                        guard line.refusal == nil else { continue }
                        products.append(PricedLineJSON.json(line, includeExplanation: false))
                        if products.count == limit {
                            more = more || row[0] != rows.last?[0]
                            break
                        }
                    }
                }
                return .object([
                    "products": .array(products), "currency": .string(pricer.currency),
                    "next": more ? (cursor.map(JSONValue.string) ?? .null) : .null,
                ])
            }
            return .json(page)
        }

        routes.get("/catalog/{sku}", summary: "One product with the signed-in customer's price (?quantity=)") { request, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            let sku = try context.parameter("sku")
            let quantity = try request.queryInt("quantity", default: 1, range: 1...PricingEngine.maximumQuantity)
            let product = try await shop.database.read { db -> JSONValue in
                let pricer = try ShopPricer.make(db, shop: shop, service: service, customerID: customer.id)
                let line = try pricer.price(ShopPricer.Item(sku: sku, quantity: quantity))
                if let refusal = line.refusal { throw HTTPError(.notFound, code: refusal.code, message: refusal.message, field: "sku") }
                guard line.active else {
                    throw HTTPError(.notFound, code: "product_inactive", message: "\(sku) is not on sale.", field: "sku")
                }
                return PricedLineJSON.json(line, includeExplanation: false)
            }
            return .json(.object(["product": product]))
        }

        routes.get("/cart", summary: "The signed-in customer's cart (null when empty)") { _, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            let cart = try await shop.database.read { db -> JSONValue in
                guard let id = try OrderStore.cart(db, customerID: customer.id, create: false, actor: .system) else { return .null }
                return try OrderJSON.order(db, id)
            }
            return .json(.object(["cart": cart]))
        }

        routes.post("/cart/lines", summary: "Add a product to the cart, priced now") { request, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            let body = try JSONBody(request, allowing: ["sku", "quantity"])
            let item = ShopPricer.Item(
                sku: try body.string("sku", max: 64, required: true)!,
                quantity: Int(try body.int("quantity", in: 1...Int64(PricingEngine.maximumQuantity)) ?? 1))
            let cart = try await shop.database.write { db -> JSONValue in
                let orderID = try OrderStore.cart(db, customerID: customer.id, create: true, actor: context.auditActor)!
                let header = try OrderStore.header(db, orderID)
                let lineID = try OrderStore.addLine(db, orderID: orderID, item, pricer: OrderRoutes.pricer(db, shop, service, header))
                try OrderRoutes.audit(
                    db, "order.line_added", orderID, .object(["lineId": .int(lineID), "sku": .string(item.sku)]), context)
                return try OrderJSON.order(db, orderID)
            }
            return .json(.object(["cart": cart]), status: .created)
        }

        routes.patch("/cart/lines/{lineId}", summary: "Change a cart line's quantity") { request, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            let lineID = try context.idParameter("lineId")
            let quantity = Int(
                try JSONBody(request, allowing: ["quantity"]).int("quantity", in: 1...Int64(PricingEngine.maximumQuantity), required: true)!
            )
            let cart = try await shop.database.write { db -> JSONValue in
                guard let orderID = try OrderStore.cart(db, customerID: customer.id, create: false, actor: .system) else {
                    throw HTTPError.notFound("Your cart is empty.")
                }
                let header = try OrderStore.header(db, orderID)
                try OrderStore.changeQuantity(
                    db, orderID: orderID, lineID: lineID, quantity: quantity, pricer: OrderRoutes.pricer(db, shop, service, header))
                try OrderRoutes.audit(
                    db, "order.line_changed", orderID, .object(["lineId": .int(lineID), "quantity": .int(Int64(quantity))]), context)
                return try OrderJSON.order(db, orderID)
            }
            return .json(.object(["cart": cart]))
        }

        routes.delete("/cart/lines/{lineId}", summary: "Remove a line from the cart") { _, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            let lineID = try context.idParameter("lineId")
            let cart = try await shop.database.write { db -> JSONValue in
                guard let orderID = try OrderStore.cart(db, customerID: customer.id, create: false, actor: .system) else {
                    throw HTTPError.notFound("Your cart is empty.")
                }
                try OrderStore.removeLine(db, orderID: orderID, lineID: lineID)
                try OrderRoutes.audit(db, "order.line_removed", orderID, .object(["lineId": .int(lineID)]), context)
                return try OrderJSON.order(db, orderID)
            }
            return .json(.object(["cart": cart]))
        }

        routes.patch("/cart", summary: "Choose the cart's payment and delivery method, reference and note") { request, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            let body = try JSONBody(request, allowing: ["paymentMethod", "deliveryMethod", "reference", "note"])
            let cart = try await shop.database.write { db -> JSONValue in
                let orderID = try OrderStore.cart(db, customerID: customer.id, create: true, actor: context.auditActor)!
                try OrderStore.updateHeader(db, OrderStore.header(db, orderID), body)
                try OrderRoutes.audit(db, "order.updated", orderID, .object(body.members), context)
                return try OrderJSON.order(db, orderID)
            }
            return .json(.object(["cart": cart]))
        }

        routes.post("/cart/place", summary: "Place the cart as an order (the same guards as in the admin)") { _, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            let guards = service.catalog.orderGuards(for: shop.modules)
            let order = try await shop.database.write { db -> JSONValue in
                guard let orderID = try OrderStore.cart(db, customerID: customer.id, create: false, actor: .system) else {
                    throw HTTPError.conflict("Your cart is empty.", code: "empty_order", field: "lines")
                }
                let pricer = try OrderRoutes.pricer(db, shop, service, OrderStore.header(db, orderID))
                return try OrderPlacement.place(
                    db, orderID: orderID, pricer: pricer, guards: guards, override: false, actor: context.auditActor,
                    requestID: context.requestID)
            }
            return .json(.object(["order": order]), status: .created)
        }

        routes.get("/orders", summary: "The signed-in customer's own orders, newest first") { request, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            let limit = try request.queryInt("limit", default: 20, range: 1...100)
            let orders = try await shop.database.read { db in
                try db.query(
                    "SELECT \(OrderJSON.columns) \(OrderJSON.from) WHERE o.customer_id = ? AND o.status NOT IN ('cart','draft') ORDER BY o.id DESC LIMIT ?",
                    [customer.id, limit]
                ).map { row -> JSONValue in
                    var summary = OrderJSON.summary(row)
                    summary["createdBy"] = nil
                    return .object(summary)
                }
            }
            return .json(.object(["orders": .array(orders)]))
        }

        routes.get("/orders/{number}", summary: "One of the signed-in customer's orders, by number") { _, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            let number = try context.parameter("number")
            let order = try await shop.database.read { db -> JSONValue in
                guard
                    let id = try db.scalar(
                        "SELECT id FROM sales_order WHERE number = ? AND customer_id = ?", [number, customer.id], as: Int64.self)
                else { throw HTTPError.notFound("You have no order \(number).") }
                guard case .object(var members) = try OrderJSON.order(db, id) else { return .null }
                members["createdBy"] = nil
                return .object(members)
            }
            return .json(.object(["order": order]))
        }
    }
}
