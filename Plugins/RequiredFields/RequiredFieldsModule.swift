import SQLite
import ShopCore

/// Required fields and custom fields (DOMAIN.md 003, 004: "the merchant marks which fields are
/// required"; 002: "required extra fields such as a payment reference"). Per store the
/// merchant requires core and module fields, and defines custom fields (text, number, date,
/// choice), each optionally required in the stores it applies to. Customers carry the values
/// under `customFields`. Every create and update (staff API, storefront registration and
/// profile, imports) is checked through the core's one hook, and customers who lack a field
/// required after they were made are listed as incomplete, never refused on read.
/// Every tier (`TierMatrix.standard`).
///
/// ```swift
/// enum InstalledModules {
///     static var all: [any FeatureModule] { [RequiredFieldsModule()] }
/// }
/// ```
public struct RequiredFieldsModule: FeatureModule {
    public let id = "required-fields"
    public let name = "Required and custom customer fields"

    public init() {}

    public var migrations: [ModuleMigration] { [RequiredFieldsSchema.createTables] }

    public func addRoutes(to routes: RouteGroup) {
        RequiredFieldsRoutes().addRoutes(to: routes)
        CustomFieldRoutes().addRoutes(to: routes)
    }

    public var apiOperations: [String: APIOperation] { RequiredFieldsAPIOperations.table }

    public var customerListFilters: [CustomerListFilter] { [IncompleteListFilter.filter] }

    /// `customFields`: the customer's custom field values, by key.
    public var customerRecordMembers: [String: JSONSchema] { ["customFields": RequiredFieldsAPIOperations.customFieldsMember] }

    public func customerRecordValues(_ db: Database, customerID: Int64) throws -> [String: JSONValue] {
        ["customFields": .object(try CustomFieldValues.values(db, customerID: customerID))]
    }

    public func writeCustomerRecordValues(
        _ db: Database, customerID: Int64, storeID: Int64, values: [String: JSONValue], source: CustomerWriteSource
    ) throws {
        guard let customFields = values["customFields"] else { return }
        try CustomFieldValues.write(db, customerID: customerID, storeID: storeID, customFields, source: source)
    }

    /// The required fields the write leaves empty (`MissingFields.problems` says which count).
    public func checkCustomer(_ db: Database, _ write: CustomerWrite) throws -> [CustomerFieldError] {
        try MissingFields(catalog: RequirableCatalog(moduleFields: write.moduleFields)).problems(db, write)
    }

    /// The custom fields the customer fills in on the storefront, with their values.
    public func accountData(_ db: Database, customerID: Int64) throws -> JSONValue? {
        try CustomFieldValues.accountView(db, customerID: customerID)
    }

    public func customerDeletionImpact(_ db: Database, customerID: Int64) throws -> [String: JSONValue] {
        let count =
            try db.scalar("SELECT count(*) FROM customer_custom_value WHERE customer_id = ?", [customerID], as: Int64.self) ?? 0
        return count == 0 ? [:] : ["customFieldValues": .int(count)]
    }

    /// The customer's custom field values, by key (a payment reference is the customer's data).
    public func exportCustomerData(_ db: Database, customerID: Int64) throws -> JSONValue? {
        let values = try CustomFieldValues.values(db, customerID: customerID)
        return values.isEmpty ? nil : .object(["customFields": .object(values)])
    }

    /// Removes the customer's custom field values; the definitions are the merchant's and stay.
    public func eraseCustomerData(_ db: Database, customerID: Int64) throws {
        try db.execute("DELETE FROM customer_custom_value WHERE customer_id = ?", [customerID])
    }

    /// A payment reference on the demo's Finnish store (`RequiredFieldsDemo`).
    public func addDemoData(_ db: Database) throws {
        try RequiredFieldsDemo.add(db)
    }
}
