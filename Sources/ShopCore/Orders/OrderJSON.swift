import Pricing
import SQLite

/// Orders as the API shows them.
enum OrderJSON {
    static let columns = """
        o.id, o.number, o.customer_id, s.code, o.status, o.currency, o.payment_method, o.delivery_method, o.reference, o.note,
        o.total, o.total_company, o.created_at, o.updated_at, o.placed_at, o.invoiced_at, o.paid_at, o.cancelled_at, o.created_by,
        o.version, (SELECT count(*) FROM order_line l WHERE l.order_id = o.id)
        """
    static let from = "FROM sales_order o JOIN store s ON s.id = o.store_id"

    static func optional(_ value: SQLValue) -> JSONValue {
        switch value {
        case .integer(let number): .int(number)
        case .text(let text): .string(text)
        default: .null
        }
    }

    /// The order's header fields (for lists).
    static func summary(_ row: Row) -> [String: JSONValue] {
        [
            "id": optional(row[0]), "number": optional(row[1]), "customerId": optional(row[2]), "store": optional(row[3]),
            "status": optional(row[4]), "currency": optional(row[5]), "paymentMethod": optional(row[6]),
            "deliveryMethod": optional(row[7]), "reference": optional(row[8]), "note": optional(row[9]), "total": optional(row[10]),
            "totalInCompanyCurrency": optional(row[11]), "createdAt": optional(row[12]), "updatedAt": optional(row[13]),
            "placedAt": optional(row[14]), "invoicedAt": optional(row[15]), "paidAt": optional(row[16]),
            "cancelledAt": optional(row[17]), "createdBy": optional(row[18]), "version": optional(row[19]), "lineCount": optional(row[20]),
        ]
    }

    /// The whole order with its lines.
    static func order(_ db: Database, _ id: Int64) throws -> JSONValue {
        guard let row = try db.queryRow("SELECT \(columns) \(from) WHERE o.id = ?", [id]) else {
            throw HTTPError.notFound("No order \(id) in this shop.")
        }
        var object = summary(row)
        object["lines"] = .array(
            try db.query(
                """
                SELECT id, sku, name, quantity, unit_price, price_level, price_type, price_rule_id, discount_level, discount_rule_id,
                       discount_percentage, discount_amount, line_total, comment, priced_at
                FROM order_line WHERE order_id = ? ORDER BY id
                """, [id]
            ).map { line in
                var members: [String: JSONValue] = [
                    "id": optional(line[0]), "sku": optional(line[1]), "name": optional(line[2]), "quantity": optional(line[3]),
                    "unitPrice": optional(line[4]), "priceLevel": optional(line[5]), "priceType": optional(line[6]),
                    "priceRuleId": optional(line[7]), "lineTotal": optional(line[12]), "comment": optional(line[13]),
                    "pricedAt": optional(line[14]),
                ]
                if let level = line[8].text {
                    var discount: [String: JSONValue] = ["level": .string(level), "ruleId": optional(line[9])]
                    if let percentage = line[10].int { discount["percentage"] = .string(Percentage(millionths: percentage).description) }
                    if let amount = line[11].int { discount["amount"] = .int(amount) }
                    members["discount"] = .object(discount)
                } else {
                    members["discount"] = .null
                }
                return .object(members)
            })
        return .object(object)
    }

    /// A customer's orders (newest first, without lines), cart and drafts, and stored totals.
    static func customerView(_ db: Database, customerID: Int64, limit: Int) throws -> JSONValue {
        guard let totals = try db.queryRow("SELECT total_sales, order_count FROM customer WHERE id = ?", [customerID]) else {
            throw HTTPError.notFound("No customer \(customerID) in this shop.")
        }
        let orders = try db.query(
            "SELECT \(columns) \(from) WHERE o.customer_id = ? AND o.status NOT IN ('cart','draft') ORDER BY o.id DESC LIMIT ?",
            [customerID, limit]
        ).map { JSONValue.object(summary($0)) }
        let cart = try db.scalar("SELECT id FROM sales_order WHERE customer_id = ? AND status = 'cart'", [customerID], as: Int64.self)
        let drafts = try db.query("SELECT id FROM sales_order WHERE customer_id = ? AND status = 'draft' ORDER BY id DESC", [customerID])
        return .object([
            "orders": .array(orders), "cart": try cart.map { try order(db, $0) } ?? .null,
            "drafts": .array(try drafts.map { try order(db, $0[0].int ?? 0) }),
            "salesTotal": .int(totals[0].int ?? 0), "orderCount": .int(totals[1].int ?? 0),
            "currency": .string(try PriceBookLoader.companyCurrency(db)),
        ])
    }
}
