import SQLite
import ShopCore

/// A credit limit as stored: whose (a customer or a company), how much and in which currency.
struct CreditLimit: Sendable, Equatable {
    /// Whose limit it is: a customer's own, or a company's over all its people.
    enum Scope: String, Sendable {
        case customer, company

        var table: String { self == .customer ? "credit_limit_customer" : "credit_limit_company" }
        var keyColumn: String { self == .customer ? "customer_id" : "company_id" }
        /// The audit entity a change of this scope's limit is recorded under.
        var auditEntity: String { rawValue }
    }

    let scope: Scope
    let ownerID: Int64
    /// Minor units (cents, öre) of `currency`.
    let amount: Int64
    let currency: String
    let updatedAt: String

    var json: JSONValue {
        .object(["amount": .int(amount), "currency": .string(currency), "updatedAt": .string(updatedAt)])
    }

    /// What the audit entry keeps of it: the money, not the time (the entry has its own).
    var auditJSON: JSONValue { .object(["amount": .int(amount), "currency": .string(currency)]) }
}

/// Reading and writing limits, in the caller's transaction; the callers audit.
enum CreditLimitStore {
    static func limit(_ db: Database, _ scope: CreditLimit.Scope, _ id: Int64) throws -> CreditLimit? {
        try db.queryRow("SELECT amount, currency, updated_at FROM \(scope.table) WHERE \(scope.keyColumn) = ?", [id]).map { row in
            CreditLimit(
                scope: scope, ownerID: id, amount: try row.get("amount"), currency: try row.get("currency"),
                updatedAt: try row.get("updated_at"))
        }
    }

    /// The customers' own limits among `customerIDs`, by customer id (one query for a list page).
    static func customerLimits(_ db: Database, customerIDs: [Int64]) throws -> [Int64: CreditLimit] {
        guard !customerIDs.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: customerIDs.count).joined(separator: ",")
        var limits: [Int64: CreditLimit] = [:]
        for row in try db.query(
            "SELECT customer_id, amount, currency, updated_at FROM credit_limit_customer WHERE customer_id IN (\(marks))", customerIDs)
        {
            let id: Int64 = try row.get("customer_id")
            limits[id] = CreditLimit(
                scope: .customer, ownerID: id, amount: try row.get("amount"), currency: try row.get("currency"),
                updatedAt: try row.get("updated_at"))
        }
        return limits
    }

    /// Sets (or replaces) a limit; returns the one it replaced, if any.
    @discardableResult
    static func set(_ db: Database, _ scope: CreditLimit.Scope, _ id: Int64, amount: Int64, currency: String) throws -> CreditLimit? {
        let before = try limit(db, scope, id)
        try db.execute(
            """
            INSERT INTO \(scope.table)(\(scope.keyColumn), amount, currency, updated_at) VALUES(?, ?, ?, ?)
            ON CONFLICT(\(scope.keyColumn)) DO UPDATE SET amount = excluded.amount, currency = excluded.currency,
                updated_at = excluded.updated_at
            """, [id, amount, currency, Timestamp.now()])
        return before
    }

    /// Removes a limit; returns the one removed, nil when there was none.
    static func clear(_ db: Database, _ scope: CreditLimit.Scope, _ id: Int64) throws -> CreditLimit? {
        guard let before = try limit(db, scope, id) else { return nil }
        try db.execute("DELETE FROM \(scope.table) WHERE \(scope.keyColumn) = ?", [id])
        return before
    }

    /// Whether the customer was erased (GDPR); a 404 when there is no such customer.
    static func isErased(_ db: Database, customerID id: Int64) throws -> Bool {
        guard let row = try db.queryRow("SELECT erased_at FROM customer WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found")
        }
        return row["erased_at"] != .null
    }
}
