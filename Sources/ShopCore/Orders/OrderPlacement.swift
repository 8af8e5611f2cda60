import Pricing
import SQLite

/// Placing an order and moving it on (invoiced, paid, cancelled), in one transaction each.
/// Placing runs the order guards in a fixed order (availability, allowed methods, required
/// fields, then the modules' guards such as the credit limit); a refusal is a 409 naming the
/// guard and why. The customer's stored sales total and order count move in the same
/// transaction.
enum OrderPlacement {
    struct Refusal: Error {
        var error: HTTPError
    }

    static func refuse(_ guardName: String, _ code: String, _ message: String, field: String? = nil, details: [String: JSONValue] = [:])
        -> HTTPError
    {
        var all = details
        all["guard"] = .string(guardName)
        return HTTPError(.conflict, code: code, message: message, field: field, details: all)
    }

    /// Places a cart or draft. `override` lets a permitted staff member place an order a
    /// module's guard refused; the override is audited with what it overrode.
    static func place(
        _ db: Database, orderID: Int64, pricer: ShopPricer, guards: [(moduleID: String, hook: any PricingHook)], override: Bool,
        actor: AuditActor, requestID: String
    ) throws -> JSONValue {
        let header = try OrderStore.header(db, orderID)
        try OrderStore.requireOpen(header)
        guard let customerID = header.customerID else {
            throw refuse("customer", "no_customer", "The order has no customer (the customer was deleted).")
        }
        let lines = try db.query("SELECT sku, quantity, line_total, unit_price FROM order_line WHERE order_id = ? ORDER BY id", [orderID])
        guard !lines.isEmpty else { throw refuse("lines", "empty_order", "The order has no lines.", field: "lines") }

        // 1. Availability: every product still on sale and visible to the customer.
        var pricingLines: [PricingLine] = []
        for (index, line) in lines.enumerated() {
            let sku = line[0].text ?? ""
            let quantity = Int(line[1].int ?? 1)
            let priced: ShopPricer.Line
            do {
                priced = try pricer.price(ShopPricer.Item(sku: sku, quantity: quantity), field: "lines[\(index)].sku")
            } catch let error as HTTPError where error.code == "unknown_product" {
                throw refuse("availability", "product_gone", "\(sku) is no longer in the catalog.", field: "lines[\(index)]")
            }
            if let refusal = priced.refusal {
                throw refuse("availability", refusal.code, "\(sku): \(refusal.message)", field: "lines[\(index)]")
            }
            guard priced.active else {
                throw refuse("availability", "product_inactive", "\(sku) is not on sale.", field: "lines[\(index)]")
            }
            pricingLines.append(
                PricingLine(
                    customerID: customerID, sku: sku, category: priced.category, quantity: quantity, currency: header.currency,
                    unitPrice: line[3].int ?? 0, lineTotal: line[2].int ?? 0, groupIDs: pricer.groupIDs,
                    affiliations: pricer.affiliations))
        }

        // 2. Allowed payment and delivery methods (both required).
        guard
            let row = try db.queryRow(
                "SELECT payment_method, delivery_method, reference, total FROM sales_order WHERE id = ?", [orderID]),
            let customer = try db.queryRow(
                "SELECT allowed_payment_methods, allowed_delivery_methods FROM customer WHERE id = ?", [customerID])
        else { throw HTTPError.notFound("No order \(orderID) in this shop.") }
        for (index, (field, label)) in [("paymentMethod", "payment method"), ("deliveryMethod", "delivery method")].enumerated() {
            guard let method = row[index].text else {
                throw refuse("required-fields", "missing_field", "Choose a \(label) before placing the order.", field: field)
            }
            let allowed = (customer[index].text ?? "").split(separator: ",").map { String($0).trimmedWhitespace() }.filter { !$0.isEmpty }
            if !allowed.isEmpty && !allowed.contains(method) {
                throw refuse(
                    "allowed-methods", "method_not_allowed",
                    "The customer may not use the \(label) \(method); allowed: \(allowed.joined(separator: ", ")).", field: field,
                    details: ["allowed": .array(allowed.map(JSONValue.string))])
            }
        }
        // 3. Required fields of the order.
        if try ShopSettings.load(db).requireOrderReference && row[2].text == nil {
            throw refuse("required-fields", "missing_field", "This shop asks for a payment reference on every order.", field: "reference")
        }
        // 4. The modules' guards, in catalog order, on the total in the company currency.
        let total = row[3].int ?? 0
        guard let rate = pricer.book.rate(header.currency, on: pricer.day) else {
            throw refuse(
                "exchange-rate", "no_exchange_rate", "No exchange rate to \(header.currency) covers \(pricer.day).", field: "currency")
        }
        let companyTotal = Rounding.halfAwayFromZero(Int128(total) * 1_000_000, over: Int128(rate))
        let pending = PendingOrder(
            customerID: customerID, currency: header.currency, total: total, lines: pricingLines, companyTotal: companyTotal,
            companyCurrency: pricer.book.companyCurrency, affiliations: pricer.affiliations,
            affiliatedCustomers: guards.isEmpty ? [:] : try pricer.affiliationSource.members(db, of: pricer.affiliations))
        var overridden: [JSONValue] = []
        for (moduleID, hook) in guards {
            guard case .refuse(let code, let message, let details) = try hook.evaluate(order: pending, in: db) else { continue }
            guard override else { throw refuse(moduleID, code, message, details: details) }
            overridden.append(.object(["guard": .string(moduleID), "code": .string(code), "message": .string(message)]))
        }

        let number = try db.scalar("SELECT next FROM order_number_sequence WHERE id = 1", as: Int64.self) ?? 100_001
        try db.execute("UPDATE order_number_sequence SET next = ? WHERE id = 1", [number + 1])
        let now = Timestamp.now()
        try db.execute(
            """
            UPDATE sales_order SET status = 'placed', number = ?, placed_at = ?, updated_at = ?, total_company = ?, version = version + 1
            WHERE id = ?
            """, [String(number), now, now, companyTotal, orderID])
        try db.execute(
            "UPDATE customer SET total_sales = total_sales + ?, order_count = order_count + 1 WHERE id = ?", [companyTotal, customerID])
        let order = try OrderJSON.order(db, orderID)
        var after: [String: JSONValue] = ["number": .string(String(number)), "total": .int(total), "currency": .string(header.currency)]
        if !overridden.isEmpty { after["overridden"] = .array(overridden) }
        try AuditLog.record(
            db, actor: actor, action: overridden.isEmpty ? "order.placed" : "order.placed_with_override", entity: "sales_order",
            entityID: String(orderID), before: .object(["status": .string(header.status.rawValue)]), after: .object(after),
            requestID: requestID)
        // DOMAIN.md "ERP": the customer goes to the ERP with the order, so the event carries both.
        try ShopEvents.emit(db, "order.placed", ["order": order, "customer": try CustomerReader.require(db, id: customerID)])
        return order
    }

    /// Moves a placed order on: invoiced, paid or cancelled. Cancelling takes the order out
    /// of the customer's stored sales total and count.
    static func transition(_ db: Database, orderID: Int64, to status: OrderStore.Status, actor: AuditActor, requestID: String) throws
        -> JSONValue
    {
        let header = try OrderStore.header(db, orderID)
        let allowed: [OrderStore.Status: [OrderStore.Status]] = [
            .invoiced: [.placed], .paid: [.placed, .invoiced], .cancelled: [.placed, .invoiced, .draft, .cart],
        ]
        guard allowed[status]?.contains(header.status) == true else {
            throw HTTPError.conflict(
                "An order that is \(header.status.rawValue) cannot become \(status.rawValue).", code: "invalid_transition", field: "status")
        }
        let now = Timestamp.now()
        let column = "\(status.rawValue)_at"
        try db.execute(
            "UPDATE sales_order SET status = ?, \(column) = ?, updated_at = ?, version = version + 1 WHERE id = ?",
            [status.rawValue, now, now, orderID])
        if status == .cancelled, header.status == .placed || header.status == .invoiced, let customerID = header.customerID {
            let companyTotal = try db.scalar("SELECT total_company FROM sales_order WHERE id = ?", [orderID], as: Int64.self) ?? 0
            try db.execute(
                "UPDATE customer SET total_sales = total_sales - ?, order_count = order_count - 1 WHERE id = ?", [companyTotal, customerID])
        }
        try AuditLog.record(
            db, actor: actor, action: "order.\(status.rawValue)", entity: "sales_order", entityID: String(orderID),
            before: .object(["status": .string(header.status.rawValue)]), after: .object(["status": .string(status.rawValue)]),
            requestID: requestID)
        return try OrderJSON.order(db, orderID)
    }
}
