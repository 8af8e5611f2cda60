import NordicIdentifiers
import SQLite

/// Inserts many customers in one transaction: every field validated by the same rules as
/// the API, group membership and the search index written alongside, and one audit entry
/// for the whole batch (rather than one per row, which would double the file). For
/// generated demo data and seeding.
///
/// Validation needs no database, so it is split out (`prepare`): a caller can validate the
/// next batch on another core while the database thread inserts this one.
public struct CustomerBulkInsert {
    let db: Database
    let actor: AuditActor
    private let store: StoreInfo
    private let generalGroup: Int64
    private var nextNumber: Int64
    /// The first id of the batch: the customer table's ids only grow.
    private let firstID: Int64

    /// A customer validated off the database thread, ready to insert.
    public struct Prepared: Sendable {
        fileprivate let fieldValues: [SQLValue]
        /// The customer number given, or nil to take the next from the shop's sequence.
        fileprivate let number: SQLValue?
        fileprivate let emailKey: SQLValue
        /// The folded search text, without the customer number (added once it is known).
        fileprivate let searchText: String
        fileprivate let registeredAt: String?
    }

    /// What `prepare` needs to know of the store, read once per batch.
    public struct Target: Sendable {
        public let storeID: Int64
        public let country: String

        /// - Parameters:
        ///   - storeID: the store the customers go into.
        ///   - country: the store's country, by which phones, ids and postal codes are read.
        public init(storeID: Int64, country: String) {
            self.storeID = storeID
            self.country = country
        }
    }

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
        firstID = (try db.scalar("SELECT max(id) FROM customer", as: Int64.self) ?? 0) + 1
        try CustomerTally.suspendInsertTriggers(db, firstID: firstID)
    }

    /// The store the batch goes into, for `prepare`.
    public var target: Target { Target(storeID: store.id, country: store.country) }

    /// The staff-settable columns, in one fixed order, so every row uses the same statement.
    private static let fields = CustomerField.all.filter {
        $0.access == .staff && $0.key != "customerNumber" && $0.key != "remoteAssistanceAllowed"
    }
    private static let insertSQL: String = {
        let columns =
            [
                "store_id", "account_scope", "customer_number", "default_group_id", "registered_at", "registered_day", "updated_at",
                "email_key",
            ]
            + fields.map(\.column)
        return "INSERT INTO customer(\(columns.joined(separator: ", "))) VALUES(\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }()
    private static let fieldIndex: [String: Int] = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.key, $0) })
    private static let defaults: [(index: Int, value: SQLValue)] =
        [
            "has_account": SQLValue.integer(1), "enabled": .integer(1), "newsletter": .integer(0), "partner_offers": .integer(0),
            "sms_marketing": .integer(0), "sale_type": .text("domestic"),
        ]
        .compactMap { column, value in fields.firstIndex { $0.column == column }.map { ($0, value) } }
    private static let searchColumns: [(column: String, index: Int)] = CustomerSearchIndex.columns.compactMap { column in
        fields.firstIndex { $0.column == column }.map { (column, $0) }
    }

    /// Validates one customer given as API fields, without the database. Only scalar fields
    /// are taken; the customer lands in General.
    /// - Throws: the API's 422 naming the field, as a create would.
    public static func prepare(_ input: [String: JSONValue], into target: Target, registeredAt: String? = nil) throws -> Prepared {
        var fieldValues = [SQLValue](repeating: .null, count: fields.count)
        var number: SQLValue?
        for (key, json) in input {
            if key == "customerNumber", let field = CustomerField.byKey[key] {
                number = try CustomerFieldValidator.value(for: field, json, country: target.country)
                continue
            }
            guard let index = fieldIndex[key] else {
                throw HTTPError.invalid(key, "\(key) is not a customer field that can be set.", code: "unknown_field")
            }
            fieldValues[index] = try CustomerFieldValidator.value(for: fields[index], json, country: target.country)
        }
        for (index, value) in defaults where fieldValues[index] == .null { fieldValues[index] = value }
        var emailKey: SQLValue = .null
        var values: [String: SQLValue] = [:]
        for (column, index) in searchColumns {
            if column == "email", case .text(let email) = fieldValues[index] { emailKey = .text(EmailAddress.normalized(email)) }
            values[column] = fieldValues[index]
        }
        if number == .null { number = nil }
        return Prepared(
            fieldValues: fieldValues, number: number, emailKey: emailKey, searchText: CustomerSearchIndex.text(values),
            registeredAt: registeredAt)
    }

    /// Validates and inserts one customer given as API fields; returns its id.
    public mutating func insert(_ input: [String: JSONValue], registeredAt: String? = nil) throws -> Int64 {
        try insert(Self.prepare(input, into: target, registeredAt: registeredAt))
    }

    /// Inserts a customer prepared for this batch's store; returns its id.
    public mutating func insert(_ prepared: Prepared) throws -> Int64 {
        let now = prepared.registeredAt ?? Timestamp.now()
        let number: SQLValue
        if let given = prepared.number {
            number = given
        } else {
            number = .text(String(nextNumber))
            nextNumber += 1
        }
        let values: [SQLValue] = [
            .integer(store.id), .text(store.accountScope), number, .integer(generalGroup), .text(now), .text(String(now.prefix(10))),
            .text(now), prepared.emailKey,
        ]
        try db.execute(Self.insertSQL, values: values + prepared.fieldValues)
        let id = db.lastInsertRowID
        try db.execute(
            "INSERT INTO customer_group_member(customer_id, group_id) VALUES(?, ?)", values: [.integer(id), .integer(generalGroup)])
        let text = number.textValue.map { prepared.searchText + " " + TextFolding.fold($0) } ?? prepared.searchText
        try CustomerSearchIndex.insertPrepared(db, id: id, text: text)
        return id
    }

    /// Records the batch in the audit log, moves the customer-number sequence past it, and
    /// counts it in the list's tallies, whose insert triggers are back from then on.
    public func finish(count: Int, action: String = "customers.bulk_inserted") throws {
        try CustomerTally.resumeInsertTriggers(db, firstID: firstID)
        try db.execute("UPDATE customer_number_sequence SET next = max(next, ?) WHERE id = 1", [nextNumber])
        try AuditLog.record(
            db, actor: actor, action: action, entity: "customer", entityID: nil, after: .object(["count": .int(Int64(count))]))
    }
}
