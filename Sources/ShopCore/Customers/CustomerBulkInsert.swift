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
        guard
            let general = try db.scalar("SELECT id FROM customer_group WHERE name = ?", [GroupMembership.registrationGroup], as: Int64.self)
        else { throw HTTPError.conflict("The shop has no General group.", code: "no_group") }
        generalGroup = general
        nextNumber = try db.scalar("SELECT next FROM customer_number_sequence WHERE id = 1", as: Int64.self) ?? 10001
    }

    /// The staff-settable columns, in one fixed order, so every row uses the same statement.
    private static let fields = CustomerField.all.filter {
        $0.access == .staff && $0.key != "customerNumber" && $0.key != "remoteAssistanceAllowed"
    }
    private static let insertSQL: String = {
        let columns =
            ["store_id", "account_scope", "customer_number", "default_group_id", "registered_at", "updated_at", "email_key"]
            + fields.map(\.column)
        return "INSERT INTO customer(\(columns.joined(separator: ", "))) VALUES(\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }()
    private static let fieldIndex: [String: Int] = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.key, $0) })

    /// Validates and inserts one customer given as API fields; returns its id.
    /// Only scalar fields are taken; the customer lands in General.
    public mutating func insert(_ input: [String: JSONValue], registeredAt: String? = nil) throws -> Int64 {
        let now = registeredAt ?? Timestamp.now()
        var fieldValues = [SQLValue](repeating: .null, count: Self.fields.count)
        var number: SQLValue = .null
        var indexed: [String: SQLValue] = [:]
        for (key, json) in input {
            if key == "customerNumber", let field = CustomerField.byKey[key] {
                number = try CustomerFieldValidator.value(for: field, json, country: store.country)
                continue
            }
            guard let index = Self.fieldIndex[key] else {
                throw HTTPError.invalid(key, "\(key) is not a customer field that can be set.", code: "unknown_field")
            }
            let field = Self.fields[index]
            let value = try CustomerFieldValidator.value(for: field, json, country: store.country)
            fieldValues[index] = value
            indexed[field.column] = value
        }
        for flag in ["has_account", "enabled", "newsletter", "partner_offers", "sms_marketing"] {
            if let index = Self.fields.firstIndex(where: { $0.column == flag }), fieldValues[index] == .null {
                fieldValues[index] = .integer(flag == "has_account" || flag == "enabled" ? 1 : 0)
            }
        }
        if let index = Self.fieldIndex["saleType"], fieldValues[index] == .null { fieldValues[index] = .text("domestic") }
        if number == .null {
            number = .text(String(nextNumber))
            nextNumber += 1
        }
        indexed["customer_number"] = number
        var emailKey: SQLValue = .null
        if case .text(let email)? = indexed["email"] { emailKey = .text(EmailAddress.normalized(email)) }
        let values: [SQLValue] = [
            .integer(store.id), .text(store.accountScope), number, .integer(generalGroup), .text(now), .text(now), emailKey,
        ]
        try db.execute(Self.insertSQL, values + fieldValues)
        let id = db.lastInsertRowID
        try db.execute("INSERT INTO customer_group_member(customer_id, group_id) VALUES(?, ?)", [id, generalGroup])
        try CustomerSearchIndex.insert(db, id: id, values: indexed)
        return id
    }

    /// Records the batch in the audit log and moves the customer-number sequence past it.
    public func finish(count: Int, action: String = "customers.bulk_inserted") throws {
        try db.execute("UPDATE customer_number_sequence SET next = max(next, ?) WHERE id = 1", [nextNumber])
        try AuditLog.record(
            db, actor: actor, action: action, entity: "customer", entityID: nil, after: .object(["count": .int(Int64(count))]))
    }
}
