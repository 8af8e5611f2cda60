import SQLite

/// A feature a shop gets by tier, add-on or flag: credit limit, account balance, B2B,
/// required fields, tags, included products. A module talks to the core only through
/// this API; the core never imports a module. The executable lists the modules.
///
/// ```swift
/// struct TagsModule: FeatureModule {
///     let id = "tags"
///     let name = "Customer tags"
///     var migrations: [ModuleMigration] {
///         [ModuleMigration(id: "1-create-tags") { db in try db.executeScript("CREATE TABLE tag(...)") }]
///     }
///     func addRoutes(to routes: RouteGroup) {
///         routes.get("/tags") { request, context in ... }
///     }
/// }
/// ```
public protocol FeatureModule: Sendable {
    /// Stable id, used in the tier matrix, migration records, errors and logs (`credit-limit`).
    var id: String { get }
    /// A name for people (`Credit limit`).
    var name: String { get }
    /// Schema changes, applied in order to each shop the module is enabled for, once each.
    var migrations: [ModuleMigration] { get }
    /// Adds the module's routes. The group is rooted at `/shops/{shop}/api`, carries the
    /// shop, staff-auth and module-gate middleware, so a handler always has a shop and a caller.
    func addRoutes(to routes: RouteGroup)
    /// Adds the module's storefront routes (an application form, a link emailed for one use).
    /// The group is rooted at `/shops/{shop}/storefront/{store}` and carries the shop-resolution
    /// and module-gate middleware only: a route is open to anyone unless the module puts
    /// `CustomerAuthMiddleware` in front of it. Handlers find the store with
    /// `StorefrontStore.require(_:code:)`.
    func addStorefrontRoutes(to routes: RouteGroup)
    /// Hooks the pricing and order pipeline runs at its named points.
    var pricingHooks: [any PricingHook] { get }
    /// Extra fields the module adds to the customer record (shown, exported, required-able).
    var customerFields: [CustomerFieldDefinition] { get }
    /// The request and response shapes of the module's routes for `/openapi.json`, keyed by
    /// `METHOD /shops/{shop}/api/...`; a route left out fails the description test.
    var apiOperations: [String: APIOperation] { get }
    /// Filters the module adds to the customer list and its exports.
    var customerListFilters: [CustomerListFilter] { get }
    /// What the signed-in customer sees of the module in "my account" (credit limit and
    /// what is used; the balance and its entries), nil when nothing.
    func accountData(_ db: Database, customerID: Int64) throws -> JSONValue?
    /// What deleting the customer would take of the module's data (`["balanceEntries": 3]`),
    /// shown in the delete's dry run so the merchant knows before confirming.
    func customerDeletionImpact(_ db: Database, customerID: Int64) throws -> [String: JSONValue]
    /// The module's data about one customer, for the GDPR export (nil when it holds none).
    func exportCustomerData(_ db: Database, customerID: Int64) throws -> JSONValue?
    /// Removes or anonymises the module's personal data about one customer (GDPR erasure),
    /// inside the erasure's transaction. Money records may be kept, without personal data.
    func eraseCustomerData(_ db: Database, customerID: Int64) throws
    /// Adds the module's part of the demo shop's deterministic sample data (companies,
    /// applications), inside one write transaction after the sample customers exist. Called
    /// once, when the demo shop is made, for the modules its plan enables.
    func addDemoData(_ db: Database) throws
}

extension FeatureModule {
    public var migrations: [ModuleMigration] { [] }
    public func addRoutes(to routes: RouteGroup) {}
    public func addStorefrontRoutes(to routes: RouteGroup) {}
    public var pricingHooks: [any PricingHook] { [] }
    public var customerFields: [CustomerFieldDefinition] { [] }
    public var apiOperations: [String: APIOperation] { [:] }
    public var customerListFilters: [CustomerListFilter] { [] }
    public func accountData(_ db: Database, customerID: Int64) throws -> JSONValue? { nil }
    public func customerDeletionImpact(_ db: Database, customerID: Int64) throws -> [String: JSONValue] { [:] }
    public func exportCustomerData(_ db: Database, customerID: Int64) throws -> JSONValue? { nil }
    public func eraseCustomerData(_ db: Database, customerID: Int64) throws {}
    public func addDemoData(_ db: Database) throws {}
}

/// One schema change of a module (or of the core), recorded by id in the shop's database.
public struct ModuleMigration: Sendable {
    public let id: String
    public let apply: @Sendable (Database) throws -> Void

    public init(id: String, _ apply: @escaping @Sendable (Database) throws -> Void) {
        self.id = id
        self.apply = apply
    }
}

/// A field a module adds to the customer record.
public struct CustomerFieldDefinition: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case text, number, money, date, choice, boolean }
    /// Key in JSON and CSV (`creditLimit`).
    public let key: String
    public let label: String
    public let kind: Kind
    /// The module that owns it.
    public let module: String
    public let choices: [String]

    public init(key: String, label: String, kind: Kind, module: String, choices: [String] = []) {
        self.key = key
        self.label = label
        self.kind = kind
        self.module = module
        self.choices = choices
    }
}
