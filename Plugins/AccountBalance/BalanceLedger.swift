import SQLite
import ShopCore

/// One shop's balance ledger: appending entries, balances per currency, the entries newest
/// first, and the views the customer, the GDPR export and erasure get. Every function runs
/// in the caller's transaction; the callers audit.
enum BalanceLedger {
    /// What erasure leaves in place of a reason and an actor label.
    static let erased = "erased"

    /// Appends an entry for a customer who must exist (404 otherwise); returns its id.
    static func append(_ db: Database, customerID: Int64, _ input: BalanceEntryInput, actor: AuditActor) throws -> Int64 {
        try requireCustomer(db, id: customerID)
        try db.execute(
            """
            INSERT INTO balance_entry(customer_id, amount, currency, reason, actor_kind, actor_label, created_at)
            VALUES(?, ?, ?, ?, ?, ?, ?)
            """, [customerID, input.amount, input.currency, input.reason, actor.kind, actor.label, Timestamp.now()])
        return db.lastInsertRowID
    }

    /// The balance per currency, by currency code; currencies with no entries are left out.
    static func balances(_ db: Database, customerID: Int64) throws -> [JSONValue] {
        try db.query(
            "SELECT currency, sum(amount) AS amount, count(*) AS entries FROM balance_entry WHERE customer_id = ? GROUP BY currency ORDER BY currency",
            [customerID]
        ).map { row in
            .object([
                "currency": .string(try row.get("currency")), "amount": .int(try row.get("amount")),
                "entries": .int(try row.get("entries")),
            ])
        }
    }

    /// The balance of one currency (0 when there are no entries in it).
    static func balance(_ db: Database, customerID: Int64, currency: String) throws -> Int64 {
        try db.scalar(
            "SELECT coalesce(sum(amount), 0) FROM balance_entry WHERE customer_id = ? AND currency = ?", [customerID, currency],
            as: Int64.self) ?? 0
    }

    /// Entries newest first, after the entry id `before` when given, at most `limit`.
    /// `staffView` adds who made each entry; the customer never sees staff names.
    static func entries(_ db: Database, customerID: Int64, before: Int64? = nil, limit: Int, staffView: Bool) throws -> [JSONValue] {
        var sql = "SELECT id, amount, currency, reason, actor_kind, actor_label, created_at FROM balance_entry WHERE customer_id = ?"
        var arguments: [(any SQLValueConvertible)?] = [customerID]
        if let before {
            sql += " AND id < ?"
            arguments.append(before)
        }
        sql += " ORDER BY id DESC LIMIT ?"
        arguments.append(limit)
        return try db.query(sql, arguments).map { row in try json(row, staffView: staffView) }
    }

    /// One entry as staff see it.
    static func entry(_ db: Database, id: Int64) throws -> JSONValue {
        guard
            let row = try db.queryRow(
                "SELECT id, amount, currency, reason, actor_kind, actor_label, created_at FROM balance_entry WHERE id = ?", [id])
        else { throw HTTPError.notFound("No balance entry with id \(id).", code: "balance_entry_not_found") }
        return try json(row, staffView: true)
    }

    /// Erasure: the money stays for the books (amounts, currencies, dates), the words go.
    static func erase(_ db: Database, customerID: Int64) throws {
        try db.execute(
            "UPDATE balance_entry SET reason = ?, actor_label = ? WHERE customer_id = ?", [erased, erased, customerID])
    }

    static func requireCustomer(_ db: Database, id: Int64) throws {
        guard try db.scalar("SELECT 1 FROM customer WHERE id = ?", [id], as: Int.self) != nil else {
            throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found")
        }
    }

    private static func json(_ row: Row, staffView: Bool) throws -> JSONValue {
        var object: [String: JSONValue] = [
            "amount": .int(try row.get("amount")), "currency": .string(try row.get("currency")),
            "reason": .string(try row.get("reason")), "createdAt": .string(try row.get("created_at")),
        ]
        if staffView {
            object["id"] = .int(try row.get("id"))
            object["actor"] = .object(["kind": .string(try row.get("actor_kind")), "label": .string(try row.get("actor_label"))])
        }
        return .object(object)
    }
}
