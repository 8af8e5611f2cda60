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
    /// Members the module adds at the top level of the customer record (`customFields`), with
    /// their schemas: every read of a customer shows them, create and update (staff, storefront,
    /// import) accept them, and `/openapi.json` describes them. Empty for most modules.
    var customerRecordMembers: [String: JSONSchema] { get }
    /// The module's members of one customer's record, keyed as in `customerRecordMembers`.
    func customerRecordValues(_ db: Database, customerID: Int64) throws -> [String: JSONValue]
    /// Stores the module's members of a create or update body (`values` holds only the
    /// module's keys) inside the write's transaction, before any check runs. Throws a 422
    /// naming the field (`customFields.x`) for a bad value or one `source` may not set.
    func writeCustomerRecordValues(
        _ db: Database, customerID: Int64, storeID: Int64, values: [String: JSONValue], source: CustomerWriteSource) throws
    /// Checks a customer after a create or update, inside its transaction (required fields).
    /// Every problem is returned, so the one 422 the core answers names each field; the same
    /// check runs for the staff API, the storefront's registration and profile, and imports.
    func checkCustomer(_ db: Database, _ write: CustomerWrite) throws -> [CustomerFieldError]
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
    /// What the customer belongs to in this module's terms (`["company": [12]]`), handed to
    /// every module's pricing hooks, so a credit limit or a product restriction can be set per
    /// company without the module that keeps limits importing the one that keeps companies.
    func customerAffiliations(_ db: Database, customerID: Int64) throws -> [String: [Int64]]
    /// The customers who belong to affiliation `id` of `kind` when this module keeps that kind
    /// (b2b: `"company"`, 12 → the company's people), nil otherwise or when it has no such
    /// affiliation; so the credit limit can sum a company's outstanding orders without b2b.
    func affiliatedCustomers(_ db: Database, kind: String, id: Int64) throws -> [Int64]?
    /// "My account" with what the customer belongs to at hand (a company's credit limit); the
    /// core calls this one. By default it answers `accountData(_:customerID:)`.
    func accountData(_ db: Database, customerID: Int64, affiliations: ModuleAffiliations) throws -> JSONValue?
    /// Columns the module adds to each row of the customer list (`creditLimit`), with their
    /// schemas for `/openapi.json`; empty for most modules.
    var customerListColumns: [String: JSONSchema] { get }
    /// The module's columns for one page of the customer list, by customer id, in one go (not a
    /// query per row); a customer or a column left out shows as null.
    func customerListValues(_ db: Database, customerIDs: [Int64]) throws -> [Int64: [String: JSONValue]]
    /// The demo shop's sample data with what customers belong to at hand (a restriction for a
    /// b2b company); the demo calls this one. By default it answers `addDemoData(_:)`.
    func addDemoData(_ db: Database, affiliations: ModuleAffiliations) throws
    /// Columns the module adds to the customer CSV (tags as one column), exported and imported
    /// with the core's columns; empty for most modules.
    var customerCSVColumns: [CustomerCSVColumn] { get }
    /// The cells of `column` for one page of an export, by customer id, in one query (an
    /// export reads thousands of customers a page); a customer left out gets an empty cell.
    func customerCSVValues(_ db: Database, column: String, customerIDs: [Int64]) throws -> [Int64: String]
    /// Stores one imported cell of the module's column inside the import's transaction (the
    /// row's savepoint: a throw rolls the whole row back and reports it against the column).
    /// Returns whether the customer's data changed, so a second import of a file is unchanged.
    func importCustomerCSVValue(_ db: Database, _ cell: CustomerCSVCell) throws -> Bool
}

extension FeatureModule {
    public var migrations: [ModuleMigration] { [] }
    public func addRoutes(to routes: RouteGroup) {}
    public func addStorefrontRoutes(to routes: RouteGroup) {}
    public var pricingHooks: [any PricingHook] { [] }
    public var customerFields: [CustomerFieldDefinition] { [] }
    public var apiOperations: [String: APIOperation] { [:] }
    public var customerListFilters: [CustomerListFilter] { [] }
    public var customerRecordMembers: [String: JSONSchema] { [:] }
    public var customerListColumns: [String: JSONSchema] { [:] }
    public func customerListValues(_ db: Database, customerIDs: [Int64]) throws -> [Int64: [String: JSONValue]] { [:] }
    public func affiliatedCustomers(_ db: Database, kind: String, id: Int64) throws -> [Int64]? { nil }
    public func accountData(_ db: Database, customerID: Int64, affiliations: ModuleAffiliations) throws -> JSONValue? {
        try accountData(db, customerID: customerID)
    }
    public func addDemoData(_ db: Database, affiliations: ModuleAffiliations) throws { try addDemoData(db) }
    public func customerRecordValues(_ db: Database, customerID: Int64) throws -> [String: JSONValue] { [:] }
    public func writeCustomerRecordValues(
        _ db: Database, customerID: Int64, storeID: Int64, values: [String: JSONValue], source: CustomerWriteSource
    ) throws {}
    public func checkCustomer(_ db: Database, _ write: CustomerWrite) throws -> [CustomerFieldError] { [] }
    public func accountData(_ db: Database, customerID: Int64) throws -> JSONValue? { nil }
    public func customerAffiliations(_ db: Database, customerID: Int64) throws -> [String: [Int64]] { [:] }
    public func customerDeletionImpact(_ db: Database, customerID: Int64) throws -> [String: JSONValue] { [:] }
    public func exportCustomerData(_ db: Database, customerID: Int64) throws -> JSONValue? { nil }
    public func eraseCustomerData(_ db: Database, customerID: Int64) throws {}
    public func addDemoData(_ db: Database) throws {}
    public var customerCSVColumns: [CustomerCSVColumn] { [] }
    public func customerCSVValues(_ db: Database, column: String, customerIDs: [Int64]) throws -> [Int64: String] { [:] }
    public func importCustomerCSVValue(_ db: Database, _ cell: CustomerCSVCell) throws -> Bool { false }
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
    /// SQL over the `customer` row, true when the customer has no value for the field (for
    /// example `NOT EXISTS (SELECT 1 FROM credit_limit l WHERE l.customer_id = customer.id)`).
    /// With it the merchant may make the field required (the required-fields module checks
    /// writes and lists incomplete customers with it); nil for a field the module keeps itself,
    /// such as a ledger's balance, which no one can be asked to fill in.
    public let missingCondition: String?

    public init(key: String, label: String, kind: Kind, module: String, choices: [String] = [], missingCondition: String? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        self.module = module
        self.choices = choices
        self.missingCondition = missingCondition
    }
}
