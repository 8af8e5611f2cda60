import SQLite
import ShopCore

/// Credit limits (DOMAIN.md 001, 003 "allowed outstanding amount", 004: the Platinum tier's
/// field): a limit per customer and per company (companies from the b2b module, reached
/// through the affiliations the core hands every hook), kept in the shop's company currency.
/// Placing an order that would take the outstanding amount (placed or invoiced, unpaid orders)
/// over a limit is refused with 409 `credit_limit_exceeded`; staff with `orders.override` may
/// place it anyway, audited by the core. The customer list shows each customer's limit, what is
/// used and what is available, and filters "over N % of the limit"; the signed-in customer sees
/// their limit, used and available in "my account".
///
/// ```swift
/// enum InstalledModules {
///     static var all: [any FeatureModule] { [CreditLimitModule()] }
/// }
/// ```
public struct CreditLimitModule: FeatureModule {
    public let id = "credit-limit"
    public let name = "Credit limit"

    /// The affiliation kind companies come under (the b2b module's).
    static let companyAffiliation = "company"

    public init() {}

    public var migrations: [ModuleMigration] { [CreditLimitSchema.createTables] }

    public func addRoutes(to routes: RouteGroup) { CreditLimitRoutes().addRoutes(to: routes) }

    public var apiOperations: [String: APIOperation] { CreditLimitAPIOperations.table }

    public var pricingHooks: [any PricingHook] { [CreditLimitGuard()] }

    /// Not requirable: the limit is set through the module's own route, never in a customer's body.
    public var customerFields: [CustomerFieldDefinition] {
        [CustomerFieldDefinition(key: "creditLimit", label: "Credit limit", kind: .money, module: id)]
    }

    public var customerListFilters: [CustomerListFilter] { [CreditUsedFilter.filter] }

    public var customerListColumns: [String: JSONSchema] {
        [
            "creditLimit": .nullable(.integer(description: "the customer's own credit limit, minor units of the company currency")),
            "creditUsed": .integer(description: "the customer's outstanding amount (placed or invoiced, unpaid orders), minor units"),
            "creditAvailable": .nullable(.integer(description: "the limit minus what is used, at least 0; null without a limit")),
        ]
    }

    /// The page's limits and outstanding amounts in two queries.
    public func customerListValues(_ db: Database, customerIDs: [Int64]) throws -> [Int64: [String: JSONValue]] {
        let currency = try OrderLedger.companyCurrency(db)
        let limits = try CreditLimitStore.customerLimits(db, customerIDs: customerIDs)
        let outstanding = try OrderLedger.outstanding(db, customerIDs: customerIDs)
        var values: [Int64: [String: JSONValue]] = [:]
        for id in customerIDs {
            let position = CreditPosition(
                scope: .customer, ownerID: id, limit: limits[id], outstanding: outstanding[id] ?? 0, currency: currency)
            values[id] = [
                "creditLimit": position.limit.map { .int($0.amount) } ?? .null, "creditUsed": .int(position.outstanding),
                "creditAvailable": position.available.map(JSONValue.int) ?? .null,
            ]
        }
        return values
    }

    public func accountData(_ db: Database, customerID: Int64) throws -> JSONValue? {
        try accountData(db, customerID: customerID, affiliations: ModuleAffiliations(modules: []))
    }

    /// The customer's own limit, used and available (`limit` null without one), their
    /// company's over all its people when it has a limit, and `availableToOrder`, the least of
    /// what the limits that apply leave; nil when no limit applies to the customer.
    public func accountData(_ db: Database, customerID: Int64, affiliations: ModuleAffiliations) throws -> JSONValue? {
        let currency = try OrderLedger.companyCurrency(db)
        let own = try CreditPosition.customer(db, id: customerID, currency: currency)
        var applying = own.limit == nil ? [] : [own]
        guard case .object(var data) = own.accountJSON else { return nil }
        for companyID in try affiliations.of(db, customerID: customerID)[Self.companyAffiliation] ?? [] {
            guard try CreditLimitStore.limit(db, .company, companyID) != nil else { continue }
            let people = try affiliations.customers(db, kind: Self.companyAffiliation, id: companyID) ?? [customerID]
            let company = try CreditPosition.company(db, id: companyID, people: people, currency: currency)
            data["company"] = company.accountJSON
            applying.append(company)
        }
        guard let least = applying.compactMap(\.available).min() else { return nil }
        data["availableToOrder"] = .int(least)
        return .object(data)
    }

    /// The limit goes with the customer; the dry run says so.
    public func customerDeletionImpact(_ db: Database, customerID: Int64) throws -> [String: JSONValue] {
        guard let limit = try CreditLimitStore.limit(db, .customer, customerID) else { return [:] }
        return ["creditLimit": limit.auditJSON]
    }

    /// The customer's own limit, as stored.
    public func exportCustomerData(_ db: Database, customerID: Int64) throws -> JSONValue? {
        guard let limit = try CreditLimitStore.limit(db, .customer, customerID) else { return nil }
        return .object(["creditLimit": limit.json])
    }

    /// An erased person buys nothing more on credit: their limit is removed (the orders stay, anonymised, with the core).
    public func eraseCustomerData(_ db: Database, customerID: Int64) throws {
        try db.execute("DELETE FROM credit_limit_customer WHERE customer_id = ?", [customerID])
    }

    public func addDemoData(_ db: Database, affiliations: ModuleAffiliations) throws {
        try CreditLimitDemoData.add(db, affiliations: affiliations)
    }
}
