import SQLite

/// The named points of the pricing and order pipeline where modules take part.
/// The host runs them in this order, whatever order modules registered in
/// (so availability is known before any price is adjusted, and guards run last).
public enum PricingStage: Int, Sendable, Comparable, CaseIterable {
    /// May the customer see and order the product? (included-products)
    case availability = 0
    /// Adjust a resolved price (a module-specific surcharge or rebate).
    case priceAdjustment = 1
    /// Last word before an order is placed (credit-limit).
    case orderGuard = 2

    public static func < (a: PricingStage, b: PricingStage) -> Bool { a.rawValue < b.rawValue }
}

/// What a pricing hook sees of one priced line. Amounts are integer minor units.
public struct PricingLine: Sendable, Equatable {
    public var customerID: Int64?
    public var sku: String
    public var category: String?
    public var quantity: Int
    public var currency: String
    /// Unit price after the engine's lists, before hooks adjust it.
    public var unitPrice: Int64
    public var lineTotal: Int64
    /// Every group the customer is in (the NOT LOGGED IN group for a visitor).
    public var groupIDs: [Int64]
    /// What the enabled modules say the customer belongs to (`["company": [12]]` from b2b),
    /// so one module can act on another's relation without importing it.
    public var affiliations: [String: [Int64]]

    public init(
        customerID: Int64?, sku: String, category: String?, quantity: Int, currency: String, unitPrice: Int64, lineTotal: Int64,
        groupIDs: [Int64] = [], affiliations: [String: [Int64]] = [:]
    ) {
        self.customerID = customerID
        self.sku = sku
        self.category = category
        self.quantity = quantity
        self.currency = currency
        self.unitPrice = unitPrice
        self.lineTotal = lineTotal
        self.groupIDs = groupIDs
        self.affiliations = affiliations
    }
}

/// An order about to be placed, for the order guards.
public struct PendingOrder: Sendable, Equatable {
    public var customerID: Int64
    /// The order's (invoice) currency and total in it.
    public var currency: String
    public var total: Int64
    /// The total in the shop's company currency (at the day's rate), the one limits are kept in.
    public var companyTotal: Int64
    public var companyCurrency: String
    public var lines: [PricingLine]
    /// What the enabled modules say the customer belongs to (see `PricingLine.affiliations`).
    public var affiliations: [String: [Int64]]
    /// Who else belongs to each of those (`["company": [12: [3, 4]]]`, the customer included),
    /// so a guard can sum over a company's people (`ModuleAffiliations.members`).
    public var affiliatedCustomers: [String: [Int64: [Int64]]]

    public init(
        customerID: Int64, currency: String, total: Int64, lines: [PricingLine], companyTotal: Int64? = nil,
        companyCurrency: String? = nil, affiliations: [String: [Int64]] = [:], affiliatedCustomers: [String: [Int64: [Int64]]] = [:]
    ) {
        self.affiliations = affiliations
        self.affiliatedCustomers = affiliatedCustomers
        self.customerID = customerID
        self.currency = currency
        self.total = total
        self.lines = lines
        self.companyTotal = companyTotal ?? total
        self.companyCurrency = companyCurrency ?? currency
    }
}

/// A hook's verdict. A refusal names the hook's module and says why, for the explanation
/// and for the 409 an order placement returns.
public enum HookVerdict: Sendable, Equatable {
    case allow
    case adjust(PricingLine, reason: String)
    case refuse(code: String, message: String, details: [String: JSONValue])
}

/// A module's part in pricing and orders. Runs inside the shop's database transaction
/// (the `Database` it gets is the one the engine reads and writes with).
///
/// ```swift
/// struct CreditLimitGuard: PricingHook {
///     let stage = PricingStage.orderGuard
///     func evaluate(order: PendingOrder, in db: Database) throws -> HookVerdict {
///         order.total <= try available(order.customerID, db) ? .allow
///             : .refuse(code: "credit_limit_exceeded", message: "...", details: [:])
///     }
/// }
/// ```
public protocol PricingHook: Sendable {
    var stage: PricingStage { get }
    /// For `.availability` and `.priceAdjustment`: one line at a time.
    func evaluate(line: PricingLine, in db: Database) throws -> HookVerdict
    /// For `.orderGuard`: the whole order.
    func evaluate(order: PendingOrder, in db: Database) throws -> HookVerdict
}

extension PricingHook {
    public func evaluate(line: PricingLine, in db: Database) throws -> HookVerdict { .allow }
    public func evaluate(order: PendingOrder, in db: Database) throws -> HookVerdict { .allow }
}
