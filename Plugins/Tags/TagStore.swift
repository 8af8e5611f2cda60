import SQLite
import ShopCore

/// The tags of one shop's database: the merchant's list, each customer's set, and the
/// lookups the routes, the mass action and GDPR share. Every function runs in the caller's
/// read or write transaction; the callers audit.
enum TagStore {
    /// Every tag, by name, each with how many customers carry it.
    static func all(_ db: Database) throws -> [JSONValue] {
        try db.query(
            """
            SELECT t.id, t.name, t.created_at,
                   (SELECT count(*) FROM customer_tag ct WHERE ct.tag_id = t.id) AS customers
            FROM tag t ORDER BY t.name_key, t.id
            """
        ).map(json)
    }

    /// One tag with its customer count, or a 404.
    static func require(_ db: Database, id: Int64) throws -> JSONValue {
        guard
            let row = try db.queryRow(
                """
                SELECT t.id, t.name, t.created_at,
                       (SELECT count(*) FROM customer_tag ct WHERE ct.tag_id = t.id) AS customers
                FROM tag t WHERE t.id = ?
                """, [id])
        else { throw HTTPError.notFound("No tag with id \(id).", code: "tag_not_found") }
        return try json(row)
    }

    /// Creates a tag, or a 409 naming `field` when the name (in any case) is taken.
    static func create(_ db: Database, _ name: TagName, field: String = "name") throws -> Int64 {
        try refuseTaken(db, name, field: field, except: nil)
        try db.execute("INSERT INTO tag(name, name_key, created_at) VALUES(?, ?, ?)", [name.text, name.key, Timestamp.now()])
        return db.lastInsertRowID
    }

    /// Renames a tag; only a change of case of its own name may reuse its key. Returns the old name.
    static func rename(_ db: Database, id: Int64, to name: TagName) throws -> String {
        guard let old = try db.scalar("SELECT name FROM tag WHERE id = ?", [id], as: String.self) else {
            throw HTTPError.notFound("No tag with id \(id).", code: "tag_not_found")
        }
        try refuseTaken(db, name, field: "name", except: id)
        try db.execute("UPDATE tag SET name = ?, name_key = ? WHERE id = ?", [name.text, name.key, id])
        return old
    }

    /// Deletes a tag; its customers lose it (the foreign key cascades).
    static func delete(_ db: Database, id: Int64) throws -> JSONValue {
        let tag = try require(db, id: id)
        try db.execute("DELETE FROM tag WHERE id = ?", [id])
        return tag
    }

    /// The ids of `names` in order, creating the ones the shop does not have yet; also the
    /// names created, for the response and the audit.
    static func ensure(_ db: Database, _ names: [TagName]) throws -> (ids: [Int64], created: [String]) {
        var ids: [Int64] = []
        var created: [String] = []
        for name in names {
            if let id = try db.scalar("SELECT id FROM tag WHERE name_key = ?", [name.key], as: Int64.self) {
                ids.append(id)
            } else {
                try db.execute("INSERT INTO tag(name, name_key, created_at) VALUES(?, ?, ?)", [name.text, name.key, Timestamp.now()])
                ids.append(db.lastInsertRowID)
                created.append(name.text)
            }
        }
        return (ids, created)
    }

    /// The ids of those of `names` that exist (for removal: a name no one has removes nothing).
    static func existing(_ db: Database, _ names: [TagName]) throws -> [Int64] {
        try names.compactMap { try db.scalar("SELECT id FROM tag WHERE name_key = ?", [$0.key], as: Int64.self) }
    }

    /// A customer's tags, by name.
    static func tags(_ db: Database, customerID: Int64) throws -> [JSONValue] {
        try db.query(
            "SELECT t.id, t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.customer_id = ? ORDER BY t.name_key",
            [customerID]
        ).map { row in .object(["id": .int(try row.get("id")), "name": .string(try row.get("name"))]) }
    }

    /// A customer's tag names, by name.
    static func names(_ db: Database, customerID: Int64) throws -> [String] {
        try db.query(
            "SELECT t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.customer_id = ? ORDER BY t.name_key",
            [customerID]
        ).map { try $0.get("name", as: String.self) }
    }

    /// Replaces a customer's tags with `ids`.
    static func replace(_ db: Database, customerID: Int64, with ids: [Int64]) throws {
        try db.execute("DELETE FROM customer_tag WHERE customer_id = ?", [customerID])
        for id in ids {
            try db.execute("INSERT OR IGNORE INTO customer_tag(customer_id, tag_id) VALUES(?, ?)", [customerID, id])
        }
    }

    /// A 404 unless the customer exists.
    static func requireCustomer(_ db: Database, id: Int64) throws {
        guard try db.scalar("SELECT 1 FROM customer WHERE id = ?", [id], as: Int.self) != nil else {
            throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found")
        }
    }

    private static func refuseTaken(_ db: Database, _ name: TagName, field: String, except id: Int64?) throws {
        guard
            let row = try db.queryRow("SELECT id, name FROM tag WHERE name_key = ? OR name = ?", [name.key, name.text]),
            try row.get("id", as: Int64.self) != id
        else { return }
        let existing = try row.get("name", as: String.self)
        throw HTTPError(
            .conflict, code: "tag_exists", message: "A tag named \(existing) exists already; tag names are unique whatever their case.",
            field: field, details: ["existingId": .int(try row.get("id"))])
    }

    private static func json(_ row: Row) throws -> JSONValue {
        .object([
            "id": .int(try row.get("id")), "name": .string(try row.get("name")), "createdAt": .string(try row.get("created_at")),
            "customers": .int(try row.get("customers")),
        ])
    }
}
