import SQLite
import ShopCore

/// Where a customer or a company stands against its credit limit: the limit (if any), what is
/// used (the outstanding amount: placed or invoiced, unpaid orders, `OrderLedger.outstanding`)
/// and what is available, all in the shop's company currency. A company's outstanding amount
/// is the sum over its people.
struct CreditPosition: Sendable, Equatable {
    let scope: CreditLimit.Scope
    let ownerID: Int64
    let limit: CreditLimit?
    /// Minor units of `currency`.
    let outstanding: Int64
    /// The shop's company currency, which orders' company totals are kept in.
    let currency: String

    /// The limit minus what is used, never below 0; nil without a limit. A limit set in another
    /// currency than the books are kept in now leaves nothing available until it is set again.
    var available: Int64? {
        guard let limit else { return nil }
        guard limit.currency == currency else { return 0 }
        return max(0, limit.amount - outstanding)
    }

    /// A customer's own position.
    static func customer(_ db: Database, id: Int64, currency: String) throws -> CreditPosition {
        CreditPosition(
            scope: .customer, ownerID: id, limit: try CreditLimitStore.limit(db, .customer, id),
            outstanding: try OrderLedger.outstanding(db, customerID: id), currency: currency)
    }

    /// A company's position over its people.
    static func company(_ db: Database, id: Int64, people: [Int64], currency: String) throws -> CreditPosition {
        CreditPosition(
            scope: .company, ownerID: id, limit: try CreditLimitStore.limit(db, .company, id),
            outstanding: try OrderLedger.outstanding(db, customerIDs: people).values.reduce(0, +), currency: currency)
    }

    /// The position as staff see it.
    var json: JSONValue {
        .object([
            scope == .customer ? "customerId" : "companyId": .int(ownerID), "currency": .string(currency),
            "limit": limit?.json ?? .null, "outstanding": .int(outstanding), "available": available.map(JSONValue.int) ?? .null,
        ])
    }

    /// The position as the signed-in customer sees it: limit, used and available.
    var accountJSON: JSONValue {
        .object([
            "currency": .string(currency), "limit": limit.map { .int($0.amount) } ?? .null, "used": .int(outstanding),
            "available": available.map(JSONValue.int) ?? .null,
        ])
    }

    /// An amount for a message: `1234.56 EUR` (every currency a shop sells in has two decimals).
    static func text(_ amount: Int64, _ currency: String) -> String {
        let cents = amount.magnitude % 100
        return "\(amount < 0 ? "-" : "")\(amount.magnitude / 100).\(cents < 10 ? "0" : "")\(cents) \(currency)"
    }
}
