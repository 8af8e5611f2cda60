import SQLite
import ShopCore

/// The customer-list filters of the tags module (DOMAIN.md 004: "customers with all of these
/// tags"): `tagsAll`, `tagsAny` and `tagsNone`, each a comma-separated list of tag names,
/// compared whatever their case. A name no tag has matches no one.
enum TagListFilters {
    static var all: [CustomerListFilter] {
        [
            CustomerListFilter(parameter: "tagsAll", summary: "Customers with all of these tags (comma-separated names)") { text in
                let keys = try keys(text, parameter: "tagsAll")
                return (
                    "customer.id IN (SELECT ct.customer_id FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id"
                        + " WHERE t.name_key IN (\(placeholders(keys.count))) GROUP BY ct.customer_id HAVING count(*) = \(keys.count))",
                    keys.map { .text($0) }
                )
            },
            CustomerListFilter(parameter: "tagsAny", summary: "Customers with at least one of these tags (comma-separated names)") {
                text in
                let keys = try keys(text, parameter: "tagsAny")
                return ("customer.id IN (\(carriers(keys.count)))", keys.map { .text($0) })
            },
            CustomerListFilter(parameter: "tagsNone", summary: "Customers with none of these tags (comma-separated names)") { text in
                let keys = try keys(text, parameter: "tagsNone")
                return ("customer.id NOT IN (\(carriers(keys.count)))", keys.map { .text($0) })
            },
        ]
    }

    /// The parameters, for the mass action's `filter`.
    static var byParameter: [String: CustomerListFilter] {
        Dictionary(uniqueKeysWithValues: all.map { ($0.parameter, $0) })
    }

    /// The most names one filter may list.
    static let maximumNames = 50

    /// The distinct keys of a comma-separated list; a 400 naming the parameter when it
    /// lists no name or too many.
    static func keys(_ text: String, parameter: String) throws -> [String] {
        var seen: Set<String> = []
        let keys = text.split(separator: ",").map { TagName.key(String($0)) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard !keys.isEmpty else {
            throw HTTPError.badRequest(
                "\(parameter) must list at least one tag name, comma-separated.", code: "invalid_query", field: parameter)
        }
        guard keys.count <= maximumNames else {
            throw HTTPError.badRequest("\(parameter) may list at most \(maximumNames) tag names.", code: "invalid_query", field: parameter)
        }
        return keys
    }

    /// Customers carrying at least one tag whose key is one of `count` bound values.
    static func carriers(_ count: Int) -> String {
        "SELECT ct.customer_id FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id WHERE t.name_key IN (\(placeholders(count)))"
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
