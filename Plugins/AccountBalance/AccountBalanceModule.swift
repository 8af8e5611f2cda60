import SQLite
import ShopCore

/// The account balance (DOMAIN.md 004, a paid add-on of 300 kr/month on any tier): a
/// ledger per customer that staff add credits and debits to by hand, each with a reason;
/// the balance is the sum per currency. The signed-in customer sees the balance and the
/// latest entries; GDPR erasure keeps the money for the books and drops the words.
///
/// ```swift
/// enum InstalledModules {
///     static var all: [any FeatureModule] { [AccountBalanceModule()] }
/// }
/// ```
public struct AccountBalanceModule: FeatureModule {
    public let id = "account-balance"
    public let name = "Account balance"

    /// How many entries "my account" shows.
    static let accountEntries = 20

    public init() {}

    public var migrations: [ModuleMigration] { [BalanceSchema.createLedger] }

    public func addRoutes(to routes: RouteGroup) { BalanceRoutes().addRoutes(to: routes) }

    public var apiOperations: [String: APIOperation] { AccountBalanceAPIOperations.table }

    public var customerFields: [CustomerFieldDefinition] {
        [CustomerFieldDefinition(key: "balance", label: "Account balance", kind: .money, module: id)]
    }

    /// The balance per currency and the latest entries: amount, currency, reason and date,
    /// never who on the staff made them.
    public func accountData(_ db: Database, customerID: Int64) throws -> JSONValue? {
        .object([
            "balances": .array(try BalanceLedger.balances(db, customerID: customerID).map(Self.withoutCount)),
            "entries": .array(try BalanceLedger.entries(db, customerID: customerID, limit: Self.accountEntries, staffView: false)),
        ])
    }

    /// Every entry and the balances. Staff names are the staff's personal data, not the
    /// customer's, so entries say only what and when.
    public func exportCustomerData(_ db: Database, customerID: Int64) throws -> JSONValue? {
        .object([
            "balances": .array(try BalanceLedger.balances(db, customerID: customerID).map(Self.withoutCount)),
            "entries": .array(try BalanceLedger.entries(db, customerID: customerID, limit: Int.max, staffView: false)),
        ])
    }

    /// Deleting a customer deletes their ledger with them; the dry run says how many entries.
    public func customerDeletionImpact(_ db: Database, customerID: Int64) throws -> [String: JSONValue] {
        let count = try db.scalar("SELECT count(*) FROM balance_entry WHERE customer_id = ?", [customerID], as: Int64.self) ?? 0
        return count == 0 ? [:] : ["balanceEntries": .int(count)]
    }

    /// Keeps amounts, currencies and dates for the books; reasons and actor labels become "erased".
    public func eraseCustomerData(_ db: Database, customerID: Int64) throws {
        try BalanceLedger.erase(db, customerID: customerID)
    }

    static func withoutCount(_ balance: JSONValue) -> JSONValue {
        guard case .object(var members) = balance else { return balance }
        members["entries"] = nil
        return .object(members)
    }
}
