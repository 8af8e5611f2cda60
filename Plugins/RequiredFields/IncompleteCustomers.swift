import SQLite
import ShopCore

/// The customers who lack a field their store requires, each with the fields they lack:
/// existing customers are never refused on read when a field becomes required, they are
/// listed here (and by the customer list's `incomplete=true`) for staff to complete.
/// Keyset pages by id, so the last page costs what the first does.
struct IncompleteCustomers {
    let missing: MissingFields
    var storeID: Int64?
    var limit = 50
    var after: Int64 = 0

    func page(_ db: Database) throws -> JSONValue {
        var condition = missing.incompleteCondition
        var arguments: [(any SQLValueConvertible)?] = []
        if let storeID {
            condition += " AND customer.store_id = ?"
            arguments.append(storeID)
        }
        let total = try db.scalar("SELECT count(*) FROM customer WHERE \(condition)", arguments, as: Int64.self) ?? 0
        let rows = try db.query(
            """
            SELECT customer.id, customer.customer_number, customer.first_name, customer.last_name, customer.email,
                   store.code AS store_code, \(missing.namesExpression) AS missing
            FROM customer JOIN store ON store.id = customer.store_id
            WHERE \(condition) AND customer.id > ?
            ORDER BY customer.id LIMIT ?
            """, arguments + [after, limit + 1])
        let customers = try rows.prefix(limit).map { row -> JSONValue in
            .object([
                "id": .int(try row.get("id")), "customerNumber": .string(try row.get("customer_number")),
                "firstName": .string(try row.get("first_name")), "lastName": .string(try row.get("last_name")),
                "email": try row.get("email", as: String?.self).map(JSONValue.string) ?? .null,
                "store": .string(try row.get("store_code")),
                "missing": .array(missing.names(try row.get("missing", as: String?.self)).map { .string($0) }),
            ])
        }
        let next: JSONValue = rows.count > limit ? .string(String(try rows[limit - 1].get("id", as: Int64.self))) : .null
        return .object(["customers": .array(customers), "total": .int(total), "nextCursor": next])
    }
}
