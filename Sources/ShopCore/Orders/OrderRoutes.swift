import Pricing
import SQLite

/// Staff's orders under `/shops/{shop}/api`: a customer's orders, cart and drafts; carts and
/// draft orders built line by line (each priced by the engine when added); placing with
/// the order guards; invoicing, payment and cancellation. Reading needs `customers.read`,
/// changing `orders.manage`, placing over a module's refusal `orders.override`.
struct OrderRoutes {
    let service: ShopService

    /// Everything a route needs to price and guard lines for an order's customer.
    static func pricer(_ db: Database, _ shop: Shop, _ service: ShopService, _ header: OrderStore.Header) throws -> ShopPricer {
        guard let customerID = header.customerID else {
            throw HTTPError.conflict("The order has no customer (the customer was deleted).", code: "no_customer")
        }
        return try ShopPricer.make(
            db, shop: shop, service: service, customerID: customerID,
            currency: header.currency)
    }

    static func audit(_ db: Database, _ action: String, _ orderID: Int64, _ after: JSONValue, _ context: RequestContext) throws {
        try AuditLog.record(
            db, actor: context.auditActor, action: action, entity: "sales_order", entityID: String(orderID), after: after,
            requestID: context.requestID)
    }

    func addRoutes(to routes: RouteGroup) {
        let service = service
        let read = routes.requiring(.customersRead)
        let manage = routes.requiring(.ordersManage)

        read.get("/orders", summary: "Orders, newest first; ?status= ?customerId= ?before=<id> ?limit=") { request, context in
            let shop = try context.requireShop()
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            var conditions: [String] = []
            var values: [(any SQLValueConvertible)?] = []
            if let status = request.query("status") {
                guard OrderStore.Status(rawValue: status) != nil else {
                    throw HTTPError.badRequest(
                        "status must be one of \(OrderStore.Status.allCases.map(\.rawValue).joined(separator: ", ")).",
                        code: "invalid_query",
                        field: "status")
                }
                conditions.append("o.status = ?")
                values.append(status)
            }
            for (name, column) in [("customerId", "o.customer_id"), ("before", "o.id")] {
                guard let text = request.query(name) else { continue }
                guard let id = Int64(text) else { throw HTTPError.badRequest("\(name) must be an id.", code: "invalid_query", field: name) }
                conditions.append(name == "before" ? "\(column) < ?" : "\(column) = ?")
                values.append(id)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let arguments = values + [limit]
            let orders = try await shop.database.read { db in
                try db.query("SELECT \(OrderJSON.columns) \(OrderJSON.from) \(filter) ORDER BY o.id DESC LIMIT ?", arguments).map {
                    JSONValue.object(OrderJSON.summary($0))
                }
            }
            return .json(.object(["orders": .array(orders)]))
        }

        read.get("/orders/{id}", summary: "One order with its lines") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            return .json(.object(["order": try await shop.database.read { db in try OrderJSON.order(db, id) }]))
        }

        read.get("/customers/{id}/orders", summary: "A customer's orders, cart, draft orders and stored sales total") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            return .json(try await shop.database.read { db in try OrderJSON.customerView(db, customerID: id, limit: limit) })
        }

        manage.post("/customers/{id}/cart/lines", summary: "Add a product to the customer's cart, priced now") { request, context in
            let shop = try context.requireShop()
            let customerID = try context.idParameter()
            let item = try PriceRoutes.item(JSONBody(request, allowing: PriceRoutes.itemFields))
            let order = try await shop.database.write { db -> JSONValue in
                let orderID = try OrderStore.cart(db, customerID: customerID, create: true, actor: context.auditActor)!
                let header = try OrderStore.header(db, orderID)
                let lineID = try OrderStore.addLine(db, orderID: orderID, item, pricer: OrderRoutes.pricer(db, shop, service, header))
                try OrderRoutes.audit(
                    db, "order.line_added", orderID, .object(["lineId": .int(lineID), "sku": .string(item.sku)]), context)
                return try OrderJSON.order(db, orderID)
            }
            return .json(.object(["order": order]), status: .created)
        }

        manage.post("/customers/{id}/draft-orders", summary: "Start a draft order for a customer") { request, context in
            let shop = try context.requireShop()
            let customerID = try context.idParameter()
            let body = try request.body.isEmpty ? JSONBody([:], allowing: []) : JSONBody(request, allowing: OrderStore.headerFields)
            let order = try await shop.database.write { db -> JSONValue in
                let orderID = try OrderStore.create(
                    db, customerID: customerID, status: .draft, currency: body.currency("currency"), actor: context.auditActor)
                try OrderStore.updateHeader(db, OrderStore.header(db, orderID), body)
                try OrderRoutes.audit(db, "order.draft_created", orderID, .object(["customerId": .int(customerID)]), context)
                return try OrderJSON.order(db, orderID)
            }
            return .json(.object(["order": order]), status: .created)
        }

        manage.patch("/orders/{id}", summary: "Change a cart's or draft's payment and delivery method, reference, note or currency") {
            request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let body = try JSONBody(request, allowing: OrderStore.headerFields)
            let order = try await shop.database.write { db -> JSONValue in
                try OrderStore.updateHeader(db, OrderStore.header(db, id), body)
                try OrderRoutes.audit(db, "order.updated", id, .object(body.members), context)
                return try OrderJSON.order(db, id)
            }
            return .json(.object(["order": order]))
        }

        manage.post("/orders/{id}/lines", summary: "Add a line to a cart or draft, priced now") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let item = try PriceRoutes.item(JSONBody(request, allowing: PriceRoutes.itemFields))
            let order = try await shop.database.write { db -> JSONValue in
                let header = try OrderStore.header(db, id)
                try OrderStore.requireOpen(header)
                let lineID = try OrderStore.addLine(db, orderID: id, item, pricer: OrderRoutes.pricer(db, shop, service, header))
                try OrderRoutes.audit(db, "order.line_added", id, .object(["lineId": .int(lineID), "sku": .string(item.sku)]), context)
                return try OrderJSON.order(db, id)
            }
            return .json(.object(["order": order]), status: .created)
        }

        manage.patch("/orders/{id}/lines/{lineId}", summary: "Change a line's quantity (repriced now)") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let lineID = try context.idParameter("lineId")
            let body = try JSONBody(request, allowing: ["quantity"])
            let quantity = Int(try body.int("quantity", in: 1...Int64(PricingEngine.maximumQuantity), required: true)!)
            let order = try await shop.database.write { db -> JSONValue in
                let header = try OrderStore.header(db, id)
                try OrderStore.requireOpen(header)
                try OrderStore.changeQuantity(
                    db, orderID: id, lineID: lineID, quantity: quantity, pricer: OrderRoutes.pricer(db, shop, service, header))
                try OrderRoutes.audit(
                    db, "order.line_changed", id, .object(["lineId": .int(lineID), "quantity": .int(Int64(quantity))]), context)
                return try OrderJSON.order(db, id)
            }
            return .json(.object(["order": order]))
        }

        manage.delete("/orders/{id}/lines/{lineId}", summary: "Remove a line from a cart or draft") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let lineID = try context.idParameter("lineId")
            let order = try await shop.database.write { db -> JSONValue in
                try OrderStore.requireOpen(OrderStore.header(db, id))
                try OrderStore.removeLine(db, orderID: id, lineID: lineID)
                try OrderRoutes.audit(db, "order.line_removed", id, .object(["lineId": .int(lineID)]), context)
                return try OrderJSON.order(db, id)
            }
            return .json(.object(["order": order]))
        }

        manage.post("/orders/{id}/place", summary: "Place a cart or draft: runs the order guards in one transaction") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let body = try request.body.isEmpty ? JSONBody([:], allowing: []) : JSONBody(request, allowing: ["override"])
            let override = try body.bool("override") ?? false
            if override {
                guard case .staff(let staff) = context.caller, staff.permissions.contains(.ordersOverride) else {
                    throw HTTPError(
                        .forbidden, code: "permission_denied", message: "Placing over a refusal needs the permission orders.override.",
                        field: "override", details: ["permission": .string(Permission.ordersOverride.rawValue)])
                }
            }
            let guards = service.catalog.orderGuards(for: shop.modules)
            let order = try await shop.database.write { db -> JSONValue in
                let pricer = try OrderRoutes.pricer(db, shop, service, OrderStore.header(db, id))
                return try OrderPlacement.place(
                    db, orderID: id, pricer: pricer, guards: guards, override: override, actor: context.auditActor,
                    requestID: context.requestID)
            }
            return .json(.object(["order": order]))
        }

        for (path, status) in [("invoice", OrderStore.Status.invoiced), ("pay", .paid), ("cancel", .cancelled)] {
            manage.post("/orders/{id}/\(path)", summary: "Mark the order \(status.rawValue)") { _, context in
                let shop = try context.requireShop()
                let id = try context.idParameter()
                let order = try await shop.database.write { db in
                    try OrderPlacement.transition(db, orderID: id, to: status, actor: context.auditActor, requestID: context.requestID)
                }
                return .json(.object(["order": order]))
            }
        }
    }
}
