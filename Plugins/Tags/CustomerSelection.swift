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

    /// Every customer matching a customer-list filter: `q` through the search index and the
    /// tag filters, with the same SQL `GET /customers` uses for them.
    static func filter(_ value: JSONValue) throws -> CustomerSelection {
        guard case .object(let members) = value else {
            throw HTTPError.invalid("filter", "filter must be an object of customer-list parameters.", code: "wrong_type")
        }
        var from = "customer"
        var conditions: [String] = []
        var arguments: [(any SQLValueConvertible)?] = []
        let tagFilters = TagListFilters.byParameter
        for key in members.keys.sorted() {
            let field = "filter.\(key)"
            guard key == "q" || tagFilters[key] != nil else {
                let supported = (["q"] + tagFilters.keys.sorted()).joined(separator: ", ")
                throw HTTPError.invalid(
                    field, "\(field) cannot select customers for mass tagging; use \(supported).", code: "unsupported_filter")
            }
        }
        if let q = members["q"] {
            guard case .string(let text) = q else { throw HTTPError.invalid("filter.q", "filter.q must be a string.", code: "wrong_type") }
            from = "customer_search JOIN customer ON customer.id = customer_search.rowid"
            if let match = CustomerSearchIndex.matchExpression(text) {
                conditions.append("customer_search MATCH ?")
                arguments.append(match)
            } else {
                // Nothing searchable: the list shows no one, so the action touches no one.
                conditions.append("0")
            }
        }
        for (parameter, filter) in tagFilters.sorted(by: { $0.key < $1.key }) {
            guard let member = members[parameter] else { continue }
            let text: String
            switch member {
            case .string(let string): text = string
            case .array(let items) where items.allSatisfy({ $0.stringValue != nil }):
                text = items.compactMap(\.stringValue).joined(separator: ",")
            default:
                throw HTTPError.invalid(
                    "filter.\(parameter)", "filter.\(parameter) must be comma-separated names or a list of names.", code: "wrong_type")
            }
            let condition: (sql: String, arguments: [SQLValue])
            do {
                condition = try filter.condition(text)
            } catch let error as HTTPError {
                throw HTTPError.invalid("filter.\(parameter)", error.message, code: error.code)
            }
            conditions.append("(\(condition.sql))")
            arguments.append(contentsOf: condition.arguments.map { $0 as (any SQLValueConvertible)? })
        }
        guard !conditions.isEmpty else {
            throw HTTPError.invalid("filter", "filter must name at least one of q, tagsAll, tagsAny, tagsNone.", code: "empty_filter")
        }
        return CustomerSelection(
            sql: "SELECT customer.id AS id FROM \(from) WHERE \(conditions.joined(separator: " AND "))", arguments: arguments,
            summary: .object(["filter": value]))
    }
}
