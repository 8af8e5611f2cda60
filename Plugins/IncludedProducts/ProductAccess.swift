import SQLite
import ShopCore

/// Which restriction decides for a customer, and whether it lets a product through. The most
/// specific level with a restriction decides, whole: the customer's own; else their company's
/// (the companies the b2b module says they belong to, united); else their groups' (united over
/// every group they are in). A level decides even when a broader one would allow more: a
/// customer's own list is the merchant's last word for that customer. With no restriction at
/// any level the customer sees and orders everything.
struct ProductAccess: Sendable, Equatable {
    /// The level that decides, with the owners at it that have a restriction.
    let scope: ProductRestriction.Scope
    let owners: [Int64]

    /// The affiliation kind companies come under (the b2b module's).
    static let companyAffiliation = "company"

    /// The deciding level for a customer (nil: a visitor), their companies and groups; nil
    /// when no level restricts them.
    static func deciding(_ db: Database, customerID: Int64?, companies: [Int64], groups: [Int64]) throws -> ProductAccess? {
        let levels: [(ProductRestriction.Scope, [Int64])] = [
            (.customer, customerID.map { [$0] } ?? []), (.company, companies), (.group, groups),
        ]
        for (scope, candidates) in levels where !candidates.isEmpty {
            // One index probe per owner (a customer is in a few groups), never a scan of a long list.
            let owners = try Set(candidates).sorted().filter {
                try db.scalar("SELECT EXISTS(SELECT 1 FROM \(scope.table) WHERE \(scope.keyColumn) = ?)", [$0], as: Int.self) == 1
            }
            if !owners.isEmpty { return ProductAccess(scope: scope, owners: owners) }
        }
        return nil
    }

    /// Whether the deciding restrictions include the product, by SKU or by category.
    func includes(_ db: Database, sku: String, category: String?) throws -> Bool {
        let owned = "\(scope.keyColumn) IN (\(ProductAccess.marks(owners.count)))"
        let values: [(any SQLValueConvertible)?] =
            owners.map { $0 as (any SQLValueConvertible)? } + [sku] + owners.map { $0 as (any SQLValueConvertible)? }
            + [category.map(ProductRestriction.categoryKey)]
        return try db.scalar(
            """
            SELECT EXISTS(SELECT 1 FROM \(scope.table) WHERE \(owned) AND kind = 'sku' AND match_key = ?)
                OR EXISTS(SELECT 1 FROM \(scope.table) WHERE \(owned) AND kind = 'category' AND match_key = ?)
            """, values, as: Int.self) == 1
    }

    /// The deciding restrictions united, for staff to see what a customer gets.
    func restriction(_ db: Database) throws -> ProductRestriction {
        var skus: Set<String> = []
        var categories: [String: String] = [:]
        for owner in owners {
            let one = try ProductRestriction.load(db, scope, owner)
            skus.formUnion(one.skus)
            for category in one.categories {
                categories[ProductRestriction.categoryKey(category)] = categories[ProductRestriction.categoryKey(category)] ?? category
            }
        }
        return ProductRestriction(skus: skus.sorted(), categories: categories.values.sorted())
    }

    static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ",") }
}
