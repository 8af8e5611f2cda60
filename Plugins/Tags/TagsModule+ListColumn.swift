import SQLite
import ShopCore

extension TagsModule {
    /// `tags`: each row's tag names, so the customer list (and the browser admin's) shows them.
    public var customerListColumns: [String: JSONSchema] {
        ["tags": .array(.string(description: "the customer's tag names, by name"))]
    }

    /// The page's tags in one query over its ids (never a query per row).
    public func customerListValues(_ db: Database, customerIDs: [Int64]) throws -> [Int64: [String: JSONValue]] {
        let list = String(decoding: JSONValue.array(customerIDs.map { .int($0) }).serialized(), as: UTF8.self)
        var names: [Int64: [JSONValue]] = [:]
        for row in try db.query(
            """
            SELECT ct.customer_id, t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id
            WHERE ct.customer_id IN (SELECT value FROM json_each(?)) ORDER BY ct.customer_id, t.name_key
            """, [list])
        {
            names[try row.get("customer_id", as: Int64.self), default: []].append(.string(try row.get("name", as: String.self)))
        }
        var values: [Int64: [String: JSONValue]] = [:]
        for id in customerIDs { values[id] = ["tags": .array(names[id] ?? [])] }
        return values
    }
}
