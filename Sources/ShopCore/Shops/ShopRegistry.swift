import Foundation
import SQLite
import Synchronization

/// The list of shops, kept in `registry.sqlite` under the data directory and mirrored
/// in memory, so resolving a shop on a request costs a dictionary lookup. Only this
/// process writes the registry (the data directory is locked), so the mirror is exact.
public final class ShopRegistry: Sendable {
    public let dataDirectory: String
    let database: DatabaseQueue
    private let shops: Mutex<[String: ShopRecord]>

    /// Opens the registry of a data directory, creating both on first use.
    public init(dataDirectory: String) throws {
        self.dataDirectory = dataDirectory
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        database = try DatabaseQueue(path: dataDirectory + "/registry.sqlite", options: OpenOptions(create: true, exclusiveLocking: true))
        _ = try database.migrateSync(RegistrySchema.migrator())
        let records = try database.readSync { db in
            try db.query("SELECT * FROM shop").map(ShopRegistry.record(from:))
        }
        shops = Mutex(Dictionary(uniqueKeysWithValues: records.map { ($0.slug.value, $0) }))
    }

    /// The shop with this slug, from memory.
    public func shop(_ slug: ShopSlug) -> ShopRecord? {
        shops.withLock { $0[slug.value] }
    }

    /// Every shop, sorted by slug.
    public func allShops() -> [ShopRecord] {
        shops.withLock { Array($0.values) }.sorted { $0.slug.value < $1.slug.value }
    }

    public var count: Int { shops.withLock { $0.count } }

    /// Adds a provisioned shop. Fails with 409 when the slug is taken.
    public func insert(_ record: ShopRecord, actor: String) async throws {
        try await database.write { db in
            if try db.scalar("SELECT 1 FROM shop WHERE slug = ?", [record.slug.value], as: Int.self) != nil {
                throw HTTPError.conflict("A shop named \(record.slug) already exists.", code: "shop_exists", field: "slug")
            }
            try db.execute(
                """
                INSERT INTO shop(slug, name, tier, add_ons, flags, status, suspended_reason, created_at, updated_at)
                VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                ShopRegistry.columns(of: record))
            try ShopRegistry.audit(db, actor: actor, action: "shop.created", slug: record.slug, before: nil, after: record)
        }
        shops.withLock { $0[record.slug.value] = record }
    }

    /// Changes one shop in a transaction with its audit entry; returns the new record.
    /// `change` may throw an `HTTPError` to refuse the change.
    @discardableResult
    public func update(
        _ slug: ShopSlug, actor: String, action: String, _ change: @escaping @Sendable (inout ShopRecord) throws -> Void
    ) async throws -> ShopRecord {
        let updated = try await database.write { db -> ShopRecord in
            guard let row = try db.queryRow("SELECT * FROM shop WHERE slug = ?", [slug.value]) else {
                throw HTTPError.notFound("No shop named \(slug).", code: "shop_not_found")
            }
            let before = try ShopRegistry.record(from: row)
            var after = before
            try change(&after)
            after.slug = before.slug
            after.updatedAt = Date()
            try db.execute(
                """
                UPDATE shop SET name = ?, tier = ?, add_ons = ?, flags = ?, status = ?, suspended_reason = ?,
                created_at = ?, updated_at = ? WHERE slug = ?
                """,
                Array(ShopRegistry.columns(of: after).dropFirst()) + [slug.value])
            try ShopRegistry.audit(db, actor: actor, action: action, slug: slug, before: before, after: after)
            return after
        }
        shops.withLock { $0[slug.value] = updated }
        return updated
    }

    /// Removes a shop from the registry (its folder is moved to the trash by the caller).
    public func remove(_ slug: ShopSlug, actor: String, trashPath: String) async throws {
        try await database.write { db in
            guard let row = try db.queryRow("SELECT * FROM shop WHERE slug = ?", [slug.value]) else {
                throw HTTPError.notFound("No shop named \(slug).", code: "shop_not_found")
            }
            let before = try ShopRegistry.record(from: row)
            try db.execute("DELETE FROM shop WHERE slug = ?", [slug.value])
            try ShopRegistry.audit(db, actor: actor, action: "shop.deleted", slug: slug, before: before, after: nil, note: trashPath)
        }
        _ = shops.withLock { $0.removeValue(forKey: slug.value) }
    }

    /// The operator's trail for one shop or all, newest first.
    public func auditTrail(for slug: ShopSlug? = nil, limit: Int = 100) async throws -> [JSONValue] {
        try await database.read { db in
            var sql = "SELECT id, at, actor, action, shop_slug, before, after FROM registry_audit"
            var arguments: [(any SQLValueConvertible)?] = []
            if let slug {
                sql += " WHERE shop_slug = ?"
                arguments.append(slug.value)
            }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments.append(limit)
            return try db.query(sql, arguments).map { row in
                func value(_ column: String) -> JSONValue {
                    switch row[column] {
                    case .text(let text):
                        if column == "before" || column == "after" {
                            return (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
                        }
                        return .string(text)
                    case .integer(let number): return .int(number)
                    default: return .null
                    }
                }
                return .object([
                    "id": value("id"), "at": value("at"), "actor": value("actor"), "action": value("action"),
                    "shop": value("shop_slug"), "before": value("before"), "after": value("after"),
                ])
            }
        }
    }

    public func close() {
        database.closeSync()
    }

    // MARK: rows

    static func columns(of record: ShopRecord) -> [(any SQLValueConvertible)?] {
        [
            record.slug.value, record.name, record.tier.rawValue,
            record.addOns.map(\.rawValue).sorted().joined(separator: ","),
            record.flags.map(\.rawValue).sorted().joined(separator: ","),
            record.status.rawValue, record.suspendedReason,
            Timestamp.format(record.createdAt), Timestamp.format(record.updatedAt),
        ]
    }

    static func record(from row: Row) throws -> ShopRecord {
        func list(_ column: String) throws -> [String] {
            try row.get(column, as: String.self).split(separator: ",").map(String.init)
        }
        guard let slug = ShopSlug(try row.get("slug", as: String.self)),
            let tier = Tier(rawValue: try row.get("tier", as: String.self)),
            let status = ShopStatus(rawValue: try row.get("status", as: String.self))
        else {
            throw HTTPError(.internalServerError, code: "registry_corrupt", message: "A registry row does not decode.")
        }
        return ShopRecord(
            slug: slug, name: try row.get("name"), tier: tier,
            addOns: Set(try list("add_ons").map(AddOn.init(rawValue:))),
            flags: Set(try list("flags").map(ShopFlag.init(rawValue:))),
            status: status, suspendedReason: try row.get("suspended_reason", as: String?.self),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }

    static func audit(
        _ db: Database, actor: String, action: String, slug: ShopSlug?, before: ShopRecord?, after: ShopRecord?,
        note: String? = nil
    ) throws {
        var afterJSON = after?.json
        if let note { afterJSON = .object(["trash": .string(note)]) }
        try db.execute(
            "INSERT INTO registry_audit(at, actor, action, shop_slug, before, after) VALUES(?, ?, ?, ?, ?, ?)",
            [
                Timestamp.now(), actor, action, slug?.value,
                before.map { String(decoding: $0.json.serialized(), as: UTF8.self) },
                afterJSON.map { String(decoding: $0.serialized(), as: UTF8.self) },
            ])
    }
}
