import SQLite
import ShopCore

/// Included products (DOMAIN.md 002: "included products: sees and orders only these"; issue 4,
/// Business and Platinum): per customer, per company (from the b2b module, through the
/// affiliations the core hands every hook) and per customer group, the SKUs and product
/// categories a customer may see and order. The most specific level with a restriction decides
/// (`ProductAccess`: the customer's own, else their company's, else their groups' united); with
/// none the customer sees everything. The availability hook refuses anything else as "not
/// available to this customer", which the core's price endpoints, storefront catalog, carts,
/// draft orders and order placement all respect.
///
/// ```swift
/// enum InstalledModules {
///     static var all: [any FeatureModule] { [IncludedProductsModule()] }
/// }
/// ```
public struct IncludedProductsModule: FeatureModule {
    public let id = "included-products"
    public let name = "Included products"

    public init() {}

    public var migrations: [ModuleMigration] { [IncludedProductsSchema.createTables] }

    public func addRoutes(to routes: RouteGroup) { IncludedProductsRoutes().addRoutes(to: routes) }

    public var apiOperations: [String: APIOperation] { IncludedProductsAPIOperations.table }

    public var pricingHooks: [any PricingHook] { [IncludedProductsHook()] }

    /// What deleting the customer takes: their own restriction (it goes with them).
    public func customerDeletionImpact(_ db: Database, customerID: Int64) throws -> [String: JSONValue] {
        let own = try ProductRestriction.load(db, .customer, customerID)
        guard !own.isEmpty else { return [:] }
        return ["includedProducts": .object(["skus": .int(Int64(own.skus.count)), "categories": .int(Int64(own.categories.count))])]
    }

    /// The customer's own restriction, as stored.
    public func exportCustomerData(_ db: Database, customerID: Int64) throws -> JSONValue? {
        let own = try ProductRestriction.load(db, .customer, customerID)
        return own.isEmpty ? nil : .object(["includedProducts": own.json])
    }

    /// The person's own restriction goes; their company's and groups' are the merchant's and stay.
    public func eraseCustomerData(_ db: Database, customerID: Int64) throws {
        try ProductRestriction.replace(db, .customer, customerID, with: .none)
    }

    public func addDemoData(_ db: Database, affiliations: ModuleAffiliations) throws {
        try IncludedProductsDemoData.add(db, affiliations: affiliations)
    }
}
