import SQLite
import ShopCore

/// The products one customer, company or group is restricted to: SKUs and product categories.
/// Empty (no SKU and no category) means no restriction at that level.
struct ProductRestriction: Sendable, Equatable {
    /// The level a restriction is set at.
    enum Scope: String, Sendable, CaseIterable {
        case customer, company, group

        var table: String { "included_product_\(rawValue)" }
        var keyColumn: String { "\(rawValue)_id" }
        /// The JSON member naming the owner (`customerId`).
        var idMember: String { "\(rawValue)Id" }
    }

    /// As the merchant wrote them, sorted.
    var skus: [String]
    var categories: [String]

    var isEmpty: Bool { skus.isEmpty && categories.isEmpty }

    static let none = ProductRestriction(skus: [], categories: [])

    var json: JSONValue {
        .object([
            "restricted": .bool(!isEmpty), "skus": .array(skus.map(JSONValue.string)),
            "categories": .array(categories.map(JSONValue.string)),
        ])
    }

    /// What a product's category is compared by: `Tools`, ` tools ` and `TOOLS` are one category.
    static func categoryKey(_ category: String) -> String { category.trimmedWhitespace().lowercased() }

    /// The restriction of one owner at one level.
    static func load(_ db: Database, _ scope: Scope, _ id: Int64) throws -> ProductRestriction {
        var restriction = ProductRestriction.none
        for row in try db.query("SELECT kind, value FROM \(scope.table) WHERE \(scope.keyColumn) = ? ORDER BY kind, match_key", [id]) {
            let value: String = try row.get("value")
            if try row.get("kind", as: String.self) == "sku" {
                restriction.skus.append(value)
            } else {
                restriction.categories.append(value)
            }
        }
        return restriction
    }

    /// Replaces one owner's restriction at one level (empty removes it); returns the one before.
    @discardableResult
    static func replace(_ db: Database, _ scope: Scope, _ id: Int64, with restriction: ProductRestriction) throws -> ProductRestriction {
        let before = try load(db, scope, id)
        try db.execute("DELETE FROM \(scope.table) WHERE \(scope.keyColumn) = ?", [id])
        let insert = "INSERT INTO \(scope.table)(\(scope.keyColumn), kind, match_key, value) VALUES(?, ?, ?, ?)"
        for sku in restriction.skus { try db.execute(insert, [id, "sku", sku, sku]) }
        for category in restriction.categories { try db.execute(insert, [id, "category", categoryKey(category), category]) }
        return before
    }

    /// The SKUs of the restriction no product of the shop has (a typo, or one not synced yet).
    func unknownSKUs(_ db: Database) throws -> [String] {
        try skus.filter { try db.scalar("SELECT 1 FROM product WHERE sku = ?", [$0], as: Int.self) == nil }
    }
}
