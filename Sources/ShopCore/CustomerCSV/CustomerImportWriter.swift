import SQLite

/// Writes imported customers inside the caller's transaction, each in its own savepoint so a
/// row that fails rolls back alone and is reported. A row updates the customer with its
/// customer number, else its email (in the store's account scope), else its ERP id, and
/// creates one otherwise; an update that would change nothing writes nothing, so importing a
/// file twice changes nothing the second time. Creates and updates go through
/// `CustomerWriter` with source `.import`: the API's validation, the modules' checks
/// (required fields), the search index and one audit entry per changed customer. Imported
/// customers get no password.
struct CustomerImportWriter {
    let db: Database
    let actor: AuditActor
    let requestID: String?
    let modules: [any FeatureModule]
    let header: CustomerCSVHeader
    private var groups: [String: Int64] = [:]
    private var stores: [String: Int64] = [:]

    /// What happened to the rows of one batch.
    struct Outcome: Sendable {
        var created = 0
        var updated = 0
        var unchanged = 0
        var failed = 0
        var problems: [CustomerImportProblem] = []

        mutating func add(_ other: Outcome) {
            created += other.created
            updated += other.updated
            unchanged += other.unchanged
            failed += other.failed
            problems += other.problems
        }
    }

    init(db: Database, actor: AuditActor, requestID: String?, modules: [any FeatureModule], header: CustomerCSVHeader) throws {
        self.db = db
        self.actor = actor
        self.requestID = requestID
        self.modules = modules
        self.header = header
        for row in try db.query("SELECT id, name FROM customer_group") {
            groups[try row.get("name", as: String.self).lowercased()] = try row.get("id")
        }
        for row in try db.query("SELECT id, code FROM store") {
            stores[try row.get("code", as: String.self).lowercased()] = try row.get("id")
        }
    }

    /// Applies a batch of rows; the rows with problems are skipped and reported.
    func apply(_ rows: [CustomerImportRow]) throws -> Outcome {
        var outcome = Outcome()
        let writer = CustomerWriter(db: db, actor: actor, requestID: requestID, modules: modules, source: .import)
        for row in rows {
            if !row.problems.isEmpty {
                outcome.failed += 1
                outcome.problems += row.problems
                continue
            }
            do {
                let result = try db.savepoint { () -> Result in
                    let (result, id) = try apply(row, writer: writer)
                    return try applyModuleCells(row, customerID: id) && result == .unchanged ? .updated : result
                }
                switch result {
                case .created: outcome.created += 1
                case .updated: outcome.updated += 1
                case .unchanged: outcome.unchanged += 1
                }
            } catch let error as HTTPError {
                outcome.failed += 1
                outcome.problems += problems(error, row: row.row)
            }
        }
        return outcome
    }

    enum Result { case created, updated, unchanged }

    /// Hands the row's module CSV cells (`tags`) to their modules; whether any changed data.
    private func applyModuleCells(_ row: CustomerImportRow, customerID: Int64) throws -> Bool {
        var changed = false
        for (column, text) in row.moduleCells.sorted(by: { $0.key < $1.key }) {
            guard let module = modules.first(where: { $0.customerCSVColumns.contains { $0.name == column } }) else { continue }
            let cell = CustomerCSVCell(column: column, customerID: customerID, text: text, actor: actor, requestID: requestID)
            if try module.importCustomerCSVValue(db, cell) { changed = true }
        }
        return changed
    }

    private func apply(_ row: CustomerImportRow, writer: CustomerWriter) throws -> (Result, Int64) {
        var input = row.input
        if let code = row.storeCode {
            guard let id = stores[code.lowercased()] else {
                throw HTTPError.invalid("storeId", "No store with code \(code) in this shop.", code: "unknown_store")
            }
            input["storeId"] = .int(id)
        }
        if !row.groupNames.isEmpty || row.defaultGroupName != nil {
            var ids: [Int64] = []
            for name in row.groupNames + [row.defaultGroupName].compactMap({ $0 }) {
                guard let id = groups[name.lowercased()] ?? Int64(name).flatMap({ id in groups.values.contains(id) ? id : nil }) else {
                    throw HTTPError.invalid("groupIds", "No customer group named \(name) in this shop.", code: "unknown_group")
                }
                if !ids.contains(id) { ids.append(id) }
            }
            input["groupIds"] = .array(ids.map { .int($0) })
            if let name = row.defaultGroupName {
                input["defaultGroupId"] = .int(groups[name.lowercased()] ?? Int64(name) ?? ids[0])
            } else {
                input["defaultGroupId"] = .int(ids[0])
            }
        }
        guard let id = try existing(input) else {
            return (.created, try writer.createRecord(input).id)
        }
        let record = try writer.parts.require(db, id: id)
        let patch = try changes(input, against: record)
        if patch.isEmpty { return (.unchanged, id) }
        try writer.update(id, patch, expectedVersion: nil)
        return (.updated, id)
    }

    /// The customer a row names: by customer number, then email in its account scope, then ERP id.
    private func existing(_ input: [String: JSONValue]) throws -> Int64? {
        if case .string(let number)? = input["customerNumber"],
            let id = try db.scalar("SELECT id FROM customer WHERE customer_number = ?", [number.trimmedWhitespace()], as: Int64.self)
        {
            return id
        }
        if case .string(let email)? = input["email"] {
            let store = try StoreInfo.resolve(db, input["storeId"])
            if let id = try db.scalar(
                "SELECT id FROM customer WHERE account_scope = ? AND email_key = ?",
                [store.accountScope, EmailAddress.normalized(email.trimmedWhitespace())], as: Int64.self)
            {
                return id
            }
        }
        if case .string(let erp)? = input["erpCustomerId"],
            let id = try db.scalar("SELECT id FROM customer WHERE erp_customer_id = ?", [erp.trimmedWhitespace()], as: Int64.self)
        {
            return id
        }
        return nil
    }

    /// The members of `input` that differ from the stored record, compared as stored.
    private func changes(_ input: [String: JSONValue], against record: JSONValue) throws -> [String: JSONValue] {
        var patch: [String: JSONValue] = [:]
        let store = try StoreInfo.resolve(db, input["storeId"] ?? record["storeId"])
        for (key, value) in input {
            if let field = CustomerField.byKey[key] {
                let stored = try CustomerFieldValidator.value(for: field, value, country: store.country)
                if CustomerFieldValidator.json(for: field, stored) != (record[key] ?? .null) { patch[key] = value }
                continue
            }
            switch key {
            case "groupIds":
                let have = Set((record[key]?.arrayValue ?? []).compactMap(\.intValue))
                let want = Set((value.arrayValue ?? []).compactMap(\.intValue))
                if have != want { patch[key] = value }
            case "addresses":
                if Self.comparable(value) != Self.comparable(record[key] ?? .array([])) { patch[key] = value }
            default:
                if value != (record[key] ?? .null) { patch[key] = value }
            }
        }
        if patch["groupIds"] != nil || patch["defaultGroupId"] != nil {
            patch["groupIds"] = input["groupIds"]
            patch["defaultGroupId"] = input["defaultGroupId"]
        }
        return patch
    }

    /// Addresses without ids and empty members, for comparing a file's with the stored ones.
    static func comparable(_ value: JSONValue) -> [[String: JSONValue]] {
        (value.arrayValue ?? []).map { item in
            var object = item.objectValue ?? [:]
            object["id"] = nil
            object = object.filter { $0.value != .null && $0.value != .bool(false) }
            return object
        }
    }

    private func problems(_ error: HTTPError, row: Int) -> [CustomerImportProblem] {
        if case .array(let errors)? = error.details["errors"] {
            return errors.map { item in
                let field = item["field"]?.stringValue
                return CustomerImportProblem(
                    row: row, column: field.flatMap { header.column(forField: $0) ?? $0 }, code: item["code"]?.stringValue ?? error.code,
                    message: item["message"]?.stringValue ?? error.message)
            }
        }
        return [
            CustomerImportProblem(
                row: row, column: error.field.map { header.column(forField: $0) ?? $0 }, code: error.code, message: error.message)
        ]
    }
}

extension JSONValue {
    fileprivate var arrayValue: [JSONValue]? { if case .array(let items) = self { return items } else { return nil } }
    fileprivate var intValue: Int64? { if case .int(let number) = self { return number } else { return nil } }
    fileprivate var objectValue: [String: JSONValue]? { if case .object(let members) = self { return members } else { return nil } }
}
