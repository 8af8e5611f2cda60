import SQLite
import ShopCore

/// The demo shop's credit limits, the same on every machine: a few customers with limits of
/// their own (the first one close to it, so "over 80 % of the limit" finds someone) and the
/// first company that has people a limit over all of them. Audited as staff setting them would be.
enum CreditLimitDemoData {
    /// Customer id and limit in minor units; customer 1's is set from what it owes.
    static let limits: [(customerID: Int64, amount: Int64)] = [(2, 500_000), (4, 1_000_000), (5, 250_000), (10, 2_000_000)]
    static let companyLimit: Int64 = 5_000_000

    static func add(_ db: Database, affiliations: ModuleAffiliations) throws {
        let actor = AuditActor(kind: "system", id: nil, label: "demo")
        let currency = try OrderLedger.companyCurrency(db)
        // Customer 1 has used about 90 % of its limit (1,000.00 when it owes nothing).
        let owed = try OrderLedger.outstanding(db, customerID: 1)
        var all = [(customerID: Int64(1), amount: owed > 0 ? (owed * 10 / 9 + 99) / 100 * 100 : 100_000)]
        all += limits
        for (customerID, amount) in all {
            guard try db.scalar("SELECT 1 FROM customer WHERE id = ? AND erased_at IS NULL", [customerID], as: Int.self) != nil else {
                continue
            }
            try CreditLimitStore.set(db, .customer, customerID, amount: amount, currency: currency)
            try AuditLog.record(
                db, actor: actor, action: "credit_limit.set", entity: CreditLimit.Scope.customer.auditEntity, entityID: String(customerID),
                after: .object(["amount": .int(amount), "currency": .string(currency)]))
        }
        let customers = try db.query("SELECT id FROM customer WHERE erased_at IS NULL ORDER BY id").map { try $0.get("id", as: Int64.self) }
        for customerID in customers {
            guard let companyID = try affiliations.of(db, customerID: customerID)[CreditLimitModule.companyAffiliation]?.first else {
                continue
            }
            try CreditLimitStore.set(db, .company, companyID, amount: companyLimit, currency: currency)
            try AuditLog.record(
                db, actor: actor, action: "credit_limit.set", entity: CreditLimit.Scope.company.auditEntity, entityID: String(companyID),
                after: .object(["amount": .int(companyLimit), "currency": .string(currency)]))
            return
        }
    }
}
