import SQLite
import ShopCore

/// The customers a mass action applies to, as SQL that selects their ids (never as a list
/// of ids in memory): either ids the merchant ticked, or every customer a list filter matches.
struct CustomerSelection {
    /// One statement selecting a column `id`.
    let sql: String
    let arguments: [(any SQLValueConvertible)?]
    /// What was selected, for the audit entry.
    let summary: JSONValue

    /// The most ids one request may tick; larger sets go by `filter`.
    static let maximumIDs = 100_000

    /// Ids ticked in the list, bound as one JSON array. Each must be a customer of the shop;
    /// a 422 naming `customerIds` lists the first few that are not.
    static func ids(_ value: JSONValue, in db: Database) throws -> CustomerSelection {
        guard case .array(let items) = value, !items.isEmpty else {
            throw HTTPError.invalid("customerIds", "customerIds must be a non-empty list of customer ids.", code: "wrong_type")
        }
        guard items.count <= maximumIDs else {
            throw HTTPError.invalid(
                "customerIds", "customerIds may hold at most \(maximumIDs) ids; select larger sets with filter.", code: "too_many_ids")
        }
        for (index, item) in items.enumerated() {
            guard case .int(let id) = item, id > 0 else {
                throw HTTPError.invalid("customerIds[\(index)]", "customerIds[\(index)] must be a customer id.", code: "wrong_type")
            }
        }
        let list = String(decoding: value.serialized(), as: UTF8.self)
        let unknown = try db.query(
            "SELECT DISTINCT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM customer) ORDER BY value LIMIT 5", [list]
        ).map { String(try $0.get("value", as: Int64.self)) }
        guard unknown.isEmpty else {
            throw HTTPError.invalid(
                "customerIds", "customerIds holds ids that are not customers of this shop: \(unknown.joined(separator: ", ")).",
                code: "customer_not_found")
        }
        return CustomerSelection(
            sql: "SELECT customer.id AS id FROM customer WHERE customer.id IN (SELECT value FROM json_each(?))", arguments: [list],
            summary: .object(["customerIds": .int(Int64(items.count))]))
    }

    /// Every customer the shop's customer list shows for `filter`: its parameters as
    /// `GET /customers` takes them (the search `q`, store, group, enabled, registration dates,
    /// the tag filters and every other module's), selected in SQL by the core
    /// (`Shop.customerSelection`), so "all matching" in the admin needs no ids whatever the filter.
    /// Values are strings, numbers, true/false, or lists of names (the tag filters).
    static func filter(_ value: JSONValue, shop: Shop) throws -> CustomerSelection {
        guard case .object(let members) = value else {
            throw HTTPError.invalid("filter", "filter must be an object of customer-list parameters.", code: "wrong_type")
        }
        guard !members.isEmpty else {
            throw HTTPError.invalid(
                "filter", "filter must name at least one list parameter (q, storeId, tagsAll, ...); all: true selects everyone.",
                code: "empty_filter")
        }
        // The tag filters take a list of names too; the list's parameters, comma-separated.
        let flattened = members.mapValues { member -> JSONValue in
            guard case .array(let items) = member, items.allSatisfy({ $0.stringValue != nil }) else { return member }
            return .string(items.compactMap(\.stringValue).joined(separator: ","))
        }
        let (sql, arguments) = try shop.customerSelection(filter: .object(flattened))
        return CustomerSelection(sql: sql, arguments: arguments, summary: .object(["filter": value]))
    }

    /// Every customer of the shop.
    static let everyone = CustomerSelection(sql: "SELECT id FROM customer", arguments: [], summary: .object(["all": .bool(true)]))
}
