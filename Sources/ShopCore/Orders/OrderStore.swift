import Pricing
import SQLite

/// Carts, draft orders and orders in `sales_order` / `order_line`. A line is priced by the
/// engine when it is added (or its quantity changes) and then kept as it was: a later rule
/// change never rewrites an order. Totals are the sum of the lines, kept on the order.
enum OrderStore {
    enum Status: String, CaseIterable {
        case cart, draft, placed, invoiced, paid, cancelled
        /// Lines and header may still change.
        var isOpen: Bool { self == .cart || self == .draft }
    }

    /// The customer's cart, made when first needed; nil when `create` is false and there is none.
    static func cart(_ db: Database, customerID: Int64, create: Bool, actor: AuditActor) throws -> Int64? {
        if let id = try db.scalar("SELECT id FROM sales_order WHERE customer_id = ? AND status = 'cart'", [customerID], as: Int64.self) {
            return id
        }
        guard create else { return nil }
        return try self.create(db, customerID: customerID, status: .cart, currency: nil, actor: actor)
    }

    /// A new cart or draft for a customer, in their invoice currency unless one is given.
    static func create(_ db: Database, customerID: Int64, status: Status, currency: String?, actor: AuditActor) throws -> Int64 {
        guard
            let row = try db.queryRow(
                "SELECT c.store_id, c.currency, s.currency FROM customer c JOIN store s ON s.id = c.store_id WHERE c.id = ? AND c.erased_at IS NULL",
                [customerID])
        else { throw HTTPError.notFound("No customer \(customerID) in this shop.") }
        let now = Timestamp.now()
        try db.execute(
            """
            INSERT INTO sales_order(customer_id, store_id, status, currency, created_at, updated_at, created_by)
            VALUES(?, ?, ?, ?, ?, ?, ?)
            """, [customerID, row[0].int, status.rawValue, currency ?? row[1].text ?? row[2].text ?? "EUR", now, now, actor.label])
        return db.lastInsertRowID
    }

    struct Header {
        var id: Int64
        var customerID: Int64?
        var status: Status
        var currency: String
        var version: Int64
    }

    static func header(_ db: Database, _ id: Int64) throws -> Header {
        guard let row = try db.queryRow("SELECT customer_id, status, currency, version FROM sales_order WHERE id = ?", [id]),
            let status = row[1].text.flatMap(Status.init(rawValue:))
        else { throw HTTPError.notFound("No order \(id) in this shop.") }
        return Header(id: id, customerID: row[0].int, status: status, currency: row[2].text ?? "EUR", version: row[3].int ?? 1)
    }

    static func requireOpen(_ header: Header) throws {
        guard header.status.isOpen else {
            throw HTTPError.conflict(
                "Order \(header.id) is \(header.status.rawValue); only carts and drafts change.", code: "order_not_open", field: "status")
        }
    }

    /// Prices and adds a line (the same SKU twice makes two lines: prices may differ by what was typed).
    static func addLine(_ db: Database, orderID: Int64, _ item: ShopPricer.Item, pricer: ShopPricer, field: String = "sku") throws -> Int64
    {
        let line = try pricer.price(item, field: field)
        try refuseUnavailable(line, field: field)
        let comment = try pricer.context.customer.customerID.flatMap {
            try db.scalar(
                "SELECT comment FROM customer_product_comment WHERE customer_id = ? AND sku = ?", [$0, item.sku], as: String.self)
        }
        let resolution = line.resolution
        try db.execute(
            """
            INSERT INTO order_line(order_id, product_id, sku, name, quantity, unit_price, price_level, price_type, price_rule_id,
                                   discount_level, discount_rule_id, discount_percentage, discount_amount, line_total, comment, priced_at)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                orderID, line.productID, line.sku, line.name, resolution.quantity, resolution.unitPrice, resolution.priceLevel.name,
                resolution.priceType.rawValue, resolution.priceRuleID, resolution.discountLevel?.name, resolution.discountRuleID,
                resolution.discountPercentage?.millionths, resolution.discountAmount, resolution.lineTotal, comment, Timestamp.now(),
            ])
        let id = db.lastInsertRowID
        try recomputeTotal(db, orderID)
        return id
    }

    static func refuseUnavailable(_ line: ShopPricer.Line, field: String) throws {
        if let refusal = line.refusal {
            throw HTTPError(.conflict, code: refusal.code, message: refusal.message, field: field)
        }
        guard line.active else {
            throw HTTPError(.conflict, code: "product_inactive", message: "\(line.sku) is not on sale.", field: field)
        }
    }

    /// Reprices a line at a new quantity (what was typed on it is kept).
    static func changeQuantity(_ db: Database, orderID: Int64, lineID: Int64, quantity: Int, pricer: ShopPricer) throws {
        guard let row = try db.queryRow("SELECT sku FROM order_line WHERE id = ? AND order_id = ?", [lineID, orderID]),
            let sku = row[0].text
        else { throw HTTPError.notFound("No line \(lineID) on order \(orderID).") }
        let line = try pricer.price(ShopPricer.Item(sku: sku, quantity: quantity), field: "quantity")
        try refuseUnavailable(line, field: "quantity")
        let resolution = line.resolution
        try db.execute(
            """
            UPDATE order_line SET quantity = ?, unit_price = ?, price_level = ?, price_type = ?, price_rule_id = ?, discount_level = ?,
                   discount_rule_id = ?, discount_percentage = ?, discount_amount = ?, line_total = ?, priced_at = ?
            WHERE id = ?
            """,
            [
                quantity, resolution.unitPrice, resolution.priceLevel.name, resolution.priceType.rawValue, resolution.priceRuleID,
                resolution.discountLevel?.name, resolution.discountRuleID, resolution.discountPercentage?.millionths,
                resolution.discountAmount, resolution.lineTotal, Timestamp.now(), lineID,
            ])
        try recomputeTotal(db, orderID)
    }

    static func removeLine(_ db: Database, orderID: Int64, lineID: Int64) throws {
        try db.execute("DELETE FROM order_line WHERE id = ? AND order_id = ?", [lineID, orderID])
        guard db.changes == 1 else { throw HTTPError.notFound("No line \(lineID) on order \(orderID).") }
        try recomputeTotal(db, orderID)
    }

    static func recomputeTotal(_ db: Database, _ orderID: Int64) throws {
        try db.execute(
            """
            UPDATE sales_order SET total = (SELECT coalesce(sum(line_total), 0) FROM order_line WHERE order_id = ?),
                   updated_at = ?, version = version + 1
            WHERE id = ?
            """, [orderID, Timestamp.now(), orderID])
    }

    static let headerFields: Set<String> = ["paymentMethod", "deliveryMethod", "reference", "note", "currency"]

    /// Changes the header of a cart or draft. A new currency is refused once lines exist
    /// (they were priced in the old one).
    static func updateHeader(_ db: Database, _ header: Header, _ body: JSONBody) throws {
        try requireOpen(header)
        var sets: [String] = []
        var values: [(any SQLValueConvertible)?] = []
        for (key, column) in [("paymentMethod", "payment_method"), ("deliveryMethod", "delivery_method")] where body.has(key) {
            sets.append("\(column) = ?")
            values.append(try body.string(key, max: 50))
        }
        if body.has("reference") {
            sets.append("reference = ?")
            values.append(try body.string("reference", max: 100))
        }
        if body.has("note") {
            sets.append("note = ?")
            values.append(try body.string("note", max: 2000))
        }
        if let currency = try body.currency("currency"), currency != header.currency {
            let lines = try db.scalar("SELECT count(*) FROM order_line WHERE order_id = ?", [header.id], as: Int64.self) ?? 0
            guard lines == 0 else {
                throw HTTPError.conflict(
                    "The order has lines priced in \(header.currency); remove them to change the currency.", code: "currency_locked",
                    field: "currency")
            }
            sets.append("currency = ?")
            values.append(currency)
        }
        guard !sets.isEmpty else { return }
        try db.execute(
            "UPDATE sales_order SET \(sets.joined(separator: ", ")), updated_at = ?, version = version + 1 WHERE id = ?",
            values + [Timestamp.now(), header.id])
    }
}
