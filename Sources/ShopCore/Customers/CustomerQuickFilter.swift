import Foundation
import NordicIdentifiers
import SQLite

/// The quick filter over the newest 1,000 customers (DOMAIN.md 002): a substring match, not
/// just a prefix, on the same folded text the search index holds, answered at once however
/// large the shop is, because it never looks past the newest 1,000.
enum CustomerQuickFilter {
    static let window = 1000

    static func run(_ db: Database, text: String, limit: Int) throws -> JSONValue {
        let folded = TextFolding.fold(text.trimmedWhitespace())
        let pattern =
            "%"
            + folded.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        let fields = CustomerListQuery.listFields.compactMap { CustomerField.byKey[$0] }
        let rows = try db.query(
            """
            SELECT c.id, c.store_id, c.default_group_id, c.blocked_reason, \(fields.map { "c.\($0.column)" }.joined(separator: ", "))
            FROM (SELECT id FROM customer ORDER BY registered_at DESC, id DESC LIMIT ?) AS newest
            JOIN customer c ON c.id = newest.id
            JOIN customer_search s ON s.rowid = c.id
            WHERE s.text LIKE ? ESCAPE '\\'
            ORDER BY c.registered_at DESC, c.id DESC LIMIT ?
            """, [window, pattern, limit])
        let customers: [JSONValue] = try rows.map { row in
            var object: [String: JSONValue] = [
                "id": .int(try row.get("id")), "storeId": .int(try row.get("store_id")),
                "defaultGroupId": .int(try row.get("default_group_id")), "blocked": .bool(row["blocked_reason"] != .null),
            ]
            for field in fields { object[field.key] = CustomerFieldValidator.json(for: field, row[field.column]) }
            return .object(object)
        }
        return .object(["customers": .array(customers), "window": .int(Int64(window))])
    }
}
