import SQLite
import ShopCore

/// Customer tags (DOMAIN.md 004): tags named by the merchant, unique per shop whatever
/// their case, several per customer; list filters "has all of", "any of", "none of"; and a
/// mass action that adds and removes tags on ticked customers or a whole filtered list.
/// Tiers Pro, Business and Platinum (`TierMatrix.standard`).
///
/// ```swift
/// enum InstalledModules {
///     static var all: [any FeatureModule] { [TagsModule()] }
/// }
/// ```
public struct TagsModule: FeatureModule {
    public let id = "tags"
    public let name = "Customer tags"

    public init() {}

    public var migrations: [ModuleMigration] { [TagSchema.createTables] }

    public func addRoutes(to routes: RouteGroup) { TagRoutes().addRoutes(to: routes) }

    public var apiOperations: [String: APIOperation] { TagsAPIOperations.table }

    public var customerListFilters: [CustomerListFilter] { TagListFilters.all }

    /// Tags as one CSV column, `tags` (Shopify's `Tags`), comma separated.
    public var customerCSVColumns: [CustomerCSVColumn] { [TagCSVColumn.column] }

    public func customerCSVValues(_ db: Database, column: String, customerIDs: [Int64]) throws -> [Int64: String] {
        try TagCSVColumn.values(db, customerIDs: customerIDs)
    }

    public func importCustomerCSVValue(_ db: Database, _ cell: CustomerCSVCell) throws -> Bool {
        try TagCSVColumn.importCell(db, cell)
    }

    /// The customer's tag names, by name.
    public func exportCustomerData(_ db: Database, customerID: Int64) throws -> JSONValue? {
        .object(["tags": .array(try TagStore.names(db, customerID: customerID).map { .string($0) })])
    }

    /// How many tags the customer would lose.
    public func customerDeletionImpact(_ db: Database, customerID: Int64) throws -> [String: JSONValue] {
        let count = try db.scalar("SELECT count(*) FROM customer_tag WHERE customer_id = ?", [customerID], as: Int64.self) ?? 0
        return count == 0 ? [:] : ["tags": .int(count)]
    }

    /// Takes the customer's tags off them; the tags themselves are the merchant's and stay.
    public func eraseCustomerData(_ db: Database, customerID: Int64) throws {
        try db.execute("DELETE FROM customer_tag WHERE customer_id = ?", [customerID])
    }
}
