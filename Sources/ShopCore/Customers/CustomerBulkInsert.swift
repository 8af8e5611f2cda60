import SQLite

/// Inserts many customers in one transaction: every field validated by the same rules as
/// the API, group membership and the search index written alongside, and one audit entry
/// for the whole batch (rather than one per row, which would double the file). For
/// generated demo data, seeding and (later) imports.
public struct CustomerBulkInsert {
    let db: Database
    let actor: AuditActor
    private let store: StoreInfo
    private let generalGroup: Int64
    private var nextNumber: Int64

    /// Prepares a batch into the store with the given id (or the first store).
    public init(db: Database, actor: AuditActor, storeID: Int64?) throws {
        self.db = db
        self.actor = actor
        store = try StoreInfo.resolve(db, storeID.map { .int($0) })
        guard let general = try db.scalar("SELECT id FROM customer_group WHERE name = ?", [GroupMembership.registrationGroup], as: Int64.self)
        else { throw HTTPError.conflict("The shop has no General group.", code: "no_group") }
        generalGroup = general
        nextNumber = try db.scalar("SELECT next FROM customer_number_sequence WHERE id = 1", as: Int64.self) ?? 10001
    }

    /// Validates and inserts one customer given as API fields; returns its id.
    /// Only scalar fields are taken; the customer lands in General.
    public mutating func insert(_ input: [String: JSONValue], registeredAt: String? = nil) throws -> Int64 {
        var columns = ["store_id", "account_scope", "customer_number", "default_group_id", "registered_at", "updated_at", "email_key"]
        let now = registeredAt ?? Timestamp.now()
        var values: [SQLValue] = [.integer(store.id), .text(store.accountScope), .null, .integer(generalGroup), .text(now), .text(now), .null]
        var email: SQLValue = .null
        var number: SQLValue = .null
        for (key, json) in input.sorted(by: { $0.key < $1.key }) {
            guard let field = CustomerField.byKey[key], field.access == .staff else {
                throw HTTPError.invalid(key, "\(key) is not a customer field that can be set.", code: "unknown_field")
            }
            let value = try CustomerFieldValidator.value(for: field, json, country: store.country)
            if field.column == "customer_number" {
                number = value
                continue
            }
            if field.column == "email" { email = value }
            columns.append(field.column)
            values.append(value)
        }
        if number == .null {
            number = .text(String(nextNumber))
            nextNumber += 1
        }
        values[2] = number
        if case .text(let text) = email { values[6] = .text(EmailAddress.normalized(text)) }
        try db.execute(
            "INSERT INTO customer(\(columns.joined(separator: ", "))) VALUES(\(columns.map { _ in "?" }.joined(separator: ", ")))", values)
        let id = db.lastInsertRowID
        try db.execute("INSERT INTO customer_group_member(customer_id, group_id) VALUES(?, ?)", [id, generalGroup])
        try CustomerSearchIndex.update(db, id: id)
        return id
    }

    /// Records the batch in the audit log and moves the customer-number sequence past it.
    public func finish(count: Int, action: String = "customers.bulk_inserted") throws {
        try db.execute("UPDATE customer_number_sequence SET next = max(next, ?) WHERE id = 1", [nextNumber])
        try AuditLog.record(db, actor: actor, action: action, entity: "customer", entityID: nil, after: .object(["count": .int(Int64(count))]))
    }
}
