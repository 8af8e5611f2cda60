import SQLite

/// Reads customers as the API shows them: every field, the groups, the addresses and the
/// version that an edit must quote back (`If-Match`).
enum CustomerReader {
    static let columns = CustomerField.all.map(\.column).joined(separator: ", ")

    /// Each field's key and how its stored value reads back, in `CustomerField.all` order:
    /// lighter to walk per read than the fields themselves.
    private static let readPlan: [(key: String, shape: CustomerFieldValidator.ReadShape)] = CustomerField.all.map {
        ($0.key, CustomerFieldValidator.ReadShape($0.kind))
    }

    /// What a read of one customer takes from the database; `record(_:)` makes the JSON of it,
    /// which a caller can do after the read, off the shop's database thread.
    struct Stored: Sendable {
        let row: Row
        let addresses: [Row]
    }

    /// The full record, or nil when no such customer exists.
    static func record(_ db: Database, id: Int64) throws -> JSONValue? {
        try stored(db, id: id).map(record)
    }

    /// The customer's row and addresses, or nil when no such customer exists.
    static func stored(_ db: Database, id: Int64) throws -> Stored? {
        guard
            let row = try db.queryRow(
                """
                SELECT id, store_id, default_group_id, version, \(columns),
                       (SELECT group_concat(group_id) FROM (SELECT group_id FROM customer_group_member
                        WHERE customer_id = customer.id ORDER BY group_id)) AS group_ids
                FROM customer WHERE id = ?
                """, [id])
        else { return nil }
        return Stored(row: row, addresses: try db.query("SELECT * FROM customer_address WHERE customer_id = ? ORDER BY id", [id]))
    }

    /// The record as the API shows it.
    static func record(_ stored: Stored) -> JSONValue {
        let row = stored.row
        var object: [String: JSONValue] = [:]
        object.reserveCapacity(CustomerField.all.count + 8)
        object["id"] = .int(row[0].integerValue ?? 0)
        object["storeId"] = .int(row[1].integerValue ?? 0)
        object["defaultGroupId"] = .int(row[2].integerValue ?? 0)
        object["version"] = .int(row[3].integerValue ?? 0)
        // By position: the fields follow the four leading columns in `CustomerField.all` order.
        for (index, field) in readPlan.enumerated() {
            object[field.key] = CustomerFieldValidator.json(shape: field.shape, row[4 + index])
        }
        object["blocked"] = .bool(object["blockedReason"] != .null)
        // The groups came with the row, as a comma list, sparing a statement per read.
        let groups = row[4 + readPlan.count].textValue?.split(separator: ",").compactMap { Int64($0) } ?? []
        object["groupIds"] = .array(groups.map { .int($0) })
        object["addresses"] = .array(stored.addresses.map(address))
        return .object(object)
    }

    static func version(_ db: Database, id: Int64) throws -> Int64? {
        try db.scalar("SELECT version FROM customer WHERE id = ?", [id], as: Int64.self)
    }

    static func groupIDs(_ db: Database, _ id: Int64) throws -> [Int64] {
        try db.query("SELECT group_id FROM customer_group_member WHERE customer_id = ? ORDER BY group_id", [id]).map {
            try $0.get("group_id")
        }
    }

    static func addresses(_ db: Database, _ id: Int64) throws -> [JSONValue] {
        try db.query("SELECT * FROM customer_address WHERE customer_id = ? ORDER BY id", [id]).map(address)
    }

    /// One address row as the API shows it.
    static func address(_ row: Row) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (column, key) in CustomerAddress.columns {
            switch row[column] {
            case .text(let text): object[key] = .string(text)
            case .integer(let number): object[key] = key.hasPrefix("isDefault") ? .bool(number != 0) : .int(number)
            default: object[key] = .null
            }
        }
        return .object(object)
    }

    /// The record or a 404 that names the id.
    static func require(_ db: Database, id: Int64) throws -> JSONValue {
        guard let record = try record(db, id: id) else {
            throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found")
        }
        return record
    }
}
