import SQLite
import ShopCore

/// The module's part of the demo shop: the Finnish store asks for a phone and a payment
/// reference (a Finnish bank reference, "viitenumero", with its check digit), the reference
/// filled in for all but the newest two of the store's sample customers, so the list of
/// incomplete customers has something to show.
enum RequiredFieldsDemo {
    static func add(_ db: Database) throws {
        guard let store = try db.scalar("SELECT id FROM store WHERE country = 'FI' ORDER BY id LIMIT 1", as: Int64.self) else {
            return
        }
        let now = Timestamp.now()
        try db.execute(
            """
            INSERT INTO custom_field(key, label, kind, required, customer_editable, all_stores, created_at, updated_at)
            VALUES('paymentReference', 'Payment reference', 'text', 1, 1, 0, ?, ?)
            """, [now, now])
        let field = db.lastInsertRowID
        try db.execute("INSERT INTO custom_field_store(field_id, store_id) VALUES(?, ?)", [field, store])
        try db.execute("INSERT INTO required_field(store_id, field_key) VALUES(?, 'phone')", [store])
        let customers = try db.query("SELECT id, customer_number FROM customer WHERE store_id = ? ORDER BY id", [store])
        for row in customers.dropLast(2) {
            try db.execute(
                "INSERT INTO customer_custom_value(customer_id, field_id, value) VALUES(?, ?, ?)",
                [try row.get("id", as: Int64.self), field, reference(try row.get("customer_number"))])
        }
        let demo = AuditActor(kind: "system", id: nil, label: "demo")
        try AuditLog.record(
            db, actor: demo, action: "custom_field.created", entity: "custom_field", entityID: String(field),
            after: .object(["key": .string("paymentReference"), "required": .bool(true)]))
        try AuditLog.record(
            db, actor: demo, action: "required_fields.changed", entity: "store", entityID: String(store),
            after: .object(["required": .array([.string("phone")])]))
    }

    /// A Finnish payment reference from the digits of `base`: weights 7, 3, 1 from the right;
    /// the check digit brings the sum up to the next ten (Finance Finland's reference standard).
    static func reference(_ base: String) -> String {
        let digits = base.compactMap(\.wholeNumberValue)
        let weights = [7, 3, 1]
        let sum = digits.reversed().enumerated().reduce(0) { $0 + $1.element * weights[$1.offset % 3] }
        return digits.map(String.init).joined() + String((10 - sum % 10) % 10)
    }
}
