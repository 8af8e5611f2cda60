import CSQLite
import Foundation

/// Applies schema migrations in registration order, each once, each in its own transaction.
///
/// The core and every feature module register their migrations under their own owner id, so
/// two modules may both have a migration called "v1". Applied migrations are recorded in
/// `schema_migrations(owner, id, applied_at)`.
///
/// ```swift
/// var migrator = DatabaseMigrator()
/// migrator.registerMigration(owner: "core", id: "001-customers") { db in
///     try db.executeScript("CREATE TABLE customers(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);")
/// }
/// let applied = try migrator.migrate(db)   // ["core/001-customers"], then [] on the next run
/// ```
public struct DatabaseMigrator: Sendable {
    private struct Migration: Sendable {
        let owner: String
        let id: String
        let migrate: @Sendable (Database) throws -> Void
        var key: String { "\(owner)/\(id)" }
    }

    // Thrown inside the migration's transaction to roll it back; mapped to a SQLiteError outside.
    private struct ForeignKeyViolation: Error {
        let tables: [String]
    }

    private var migrations: [Migration] = []

    /// An empty migrator.
    public init() {}

    /// Adds a migration after those already registered.
    ///
    /// A migration runs with foreign-key enforcement off (so it can rebuild a table, SQLite's
    /// 12-step ALTER), and `PRAGMA foreign_key_check` must come back clean before it commits.
    /// - Parameters:
    ///   - owner: `"core"` or the feature module id.
    ///   - id: unique within the owner; never rename an id once shipped.
    ///   - migrate: the schema change; it runs inside the migration's transaction.
    /// - Precondition: `(owner, id)` is not registered yet (a duplicate is a programming error).
    public mutating func registerMigration(
        owner: String,
        id: String,
        _ migrate: @escaping @Sendable (Database) throws -> Void
    ) {
        precondition(
            !migrations.contains { $0.owner == owner && $0.id == id },
            "migration \(owner)/\(id) is registered twice"
        )
        migrations.append(Migration(owner: owner, id: id, migrate: migrate))
    }

    /// Applies the pending migrations in order, each in its own transaction.
    ///
    /// A failing migration is rolled back alone: those before it stay applied, those after it
    /// do not run. Running again applies nothing.
    /// - Parameter db: a connection outside any transaction.
    /// - Returns: `owner/id` of the migrations applied by this call.
    /// - Throws: `SQLiteError.migrationFailed` or `.migrationForeignKeyViolation`.
    public func migrate(_ db: Database) throws -> [String] {
        guard !db.isInsideTransaction else {
            // PRAGMA foreign_keys is a no-op inside a transaction, and each migration needs its own.
            throw SQLiteError(extendedResultCode: SQLITE_MISUSE, message: "migrate must run outside a transaction")
        }
        try Self.createTable(db)
        let applied = Set(try Self.appliedMigrations(db))
        var appliedNow: [String] = []

        try db.execute("PRAGMA foreign_keys = OFF")
        do {
            for migration in migrations where !applied.contains(migration.key) {
                try apply(migration, to: db)
                appliedNow.append(migration.key)
            }
        } catch {
            try db.execute("PRAGMA foreign_keys = ON")
            throw error
        }
        try db.execute("PRAGMA foreign_keys = ON")
        guard try db.scalar("PRAGMA foreign_keys", as: Int.self) == 1 else {
            throw SQLiteError.durabilityNotInForce(setting: "foreign_keys", expected: "ON", actual: "OFF")
        }
        return appliedNow
    }

    private func apply(_ migration: Migration, to db: Database) throws {
        do {
            try db.transaction {
                try migration.migrate(db)
                let violations = try db.query("PRAGMA foreign_key_check")
                if !violations.isEmpty {
                    // Table names only: the violating rows' values stay out of the error.
                    var tables: [String] = []
                    for row in violations {
                        let table = (try? row.get(0, as: String.self)) ?? "?"
                        let parent = (try? row.get(2, as: String.self)) ?? "?"
                        let entry = "\(table) -> \(parent)"
                        if !tables.contains(entry) { tables.append(entry) }
                    }
                    throw ForeignKeyViolation(tables: tables)
                }
                try db.execute(
                    "INSERT INTO schema_migrations(owner, id, applied_at) VALUES(?, ?, ?)",
                    [migration.owner, migration.id, Date()]
                )
            }
        } catch let violation as ForeignKeyViolation {
            throw SQLiteError.migrationForeignKeyViolation(migration.key, tables: violation.tables)
        } catch {
            throw SQLiteError.migrationFailed(migration.key, underlying: error)
        }
    }

    /// `owner/id` of the registered migrations not applied yet, in application order.
    /// - Parameter db: the connection to inspect.
    public func pendingMigrations(_ db: Database) throws -> [String] {
        let applied = Set(try Self.appliedMigrations(db))
        return migrations.map(\.key).filter { !applied.contains($0) }
    }

    /// `owner/id` of every migration recorded in the database, in the order applied
    /// (including ones no longer registered); empty for a database never migrated.
    /// - Parameter db: the connection to inspect.
    public static func appliedMigrations(_ db: Database) throws -> [String] {
        let hasTable = try db.scalar(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'",
            as: Int.self
        )
        guard hasTable == 1 else { return [] }
        return try db.query("SELECT owner, id FROM schema_migrations ORDER BY rowid").map {
            "\(try $0.get("owner", as: String.self))/\(try $0.get("id", as: String.self))"
        }
    }

    private static func createTable(_ db: Database) throws {
        try db.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations(
                owner TEXT NOT NULL,
                id TEXT NOT NULL,
                applied_at TEXT NOT NULL,
                PRIMARY KEY(owner, id)
            )
            """
        )
    }
}
