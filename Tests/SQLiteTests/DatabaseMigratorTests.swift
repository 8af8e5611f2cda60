import Foundation
import Testing

@testable import SQLite

@Suite struct DatabaseMigratorTests {
    struct Failure: Error {}

    let directory: TemporaryDirectory
    let db: Database

    init() throws {
        directory = try .make()
        db = try Database(path: directory.path("shop.sqlite"), options: OpenOptions(create: true))
    }

    static func make() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(owner: "core", id: "001-customers") { db in
            try db.executeScript("CREATE TABLE customers(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);")
        }
        migrator.registerMigration(owner: "credit-limit", id: "001-limits") { db in
            try db.executeScript(
                "CREATE TABLE credit_limits(customer_id INTEGER NOT NULL REFERENCES customers(id), amount INTEGER NOT NULL);"
            )
        }
        migrator.registerMigration(owner: "core", id: "002-names") { db in
            try db.execute("ALTER TABLE customers ADD COLUMN name TEXT")
        }
        return migrator
    }

    @Test func appliesInOrderAndIsANoOpTheSecondTime() throws {
        let migrator = Self.make()
        #expect(try migrator.pendingMigrations(db) == ["core/001-customers", "credit-limit/001-limits", "core/002-names"])
        #expect(try DatabaseMigrator.appliedMigrations(db).isEmpty)
        let applied = try migrator.migrate(db)
        #expect(applied == ["core/001-customers", "credit-limit/001-limits", "core/002-names"])
        #expect(try DatabaseMigrator.appliedMigrations(db) == applied)
        #expect(try migrator.pendingMigrations(db).isEmpty)
        #expect(try migrator.migrate(db).isEmpty)
        #expect(try db.scalar("SELECT count(*) FROM schema_migrations", as: Int.self) == 3)
        let appliedAt = try #require(try db.scalar("SELECT applied_at FROM schema_migrations LIMIT 1", as: Date.self))
        #expect(abs(appliedAt.timeIntervalSinceNow) < 60)
        #expect(try db.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
    }

    @Test func migrationsRegisteredLaterAreAppliedLater() throws {
        var migrator = Self.make()
        _ = try migrator.migrate(db)
        migrator.registerMigration(owner: "loyalty", id: "001") { db in
            try db.execute("CREATE TABLE points(customer_id INTEGER REFERENCES customers(id), points INTEGER)")
        }
        #expect(try migrator.migrate(db) == ["loyalty/001"])
    }

    @Test func aFailingMigrationRollsBackAloneAndLeavesEarlierOnesApplied() throws {
        var migrator = Self.make()
        migrator.registerMigration(owner: "broken", id: "001") { db in
            try db.execute("CREATE TABLE half_done(x)")
            throw Failure()
        }
        migrator.registerMigration(owner: "core", id: "003-never") { db in
            try db.execute("CREATE TABLE never(x)")
        }
        let error = try #require(throws: SQLiteError.self) { try migrator.migrate(db) }
        #expect(error.message.contains("broken/001"))
        #expect(try DatabaseMigrator.appliedMigrations(db) == ["core/001-customers", "credit-limit/001-limits", "core/002-names"])
        #expect(try db.scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('half_done', 'never')", as: Int.self) == 0)
        #expect(try migrator.pendingMigrations(db) == ["broken/001", "core/003-never"])
        #expect(try db.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
    }

    @Test func aSQLErrorInAMigrationKeepsItsCodeAndSQL() throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(owner: "core", id: "bad-sql") { db in
            try db.execute("CREATE TABLE oops(")
        }
        let error = try #require(throws: SQLiteError.self) { try migrator.migrate(db) }
        #expect(error.resultCode == 1)
        #expect(error.sql == "CREATE TABLE oops(")
        #expect(error.message.contains("core/bad-sql"))
    }

    @Test func aForeignKeyViolationInAMigrationIsRefused() throws {
        var migrator = Self.make()
        _ = try migrator.migrate(db)
        migrator.registerMigration(owner: "credit-limit", id: "002-seed") { db in
            // Foreign keys are off during a migration, so this insert itself succeeds...
            try db.execute("INSERT INTO credit_limits(customer_id, amount) VALUES(?, ?)", [424242, 1000])
        }
        // ...and the check before commit refuses it.
        let error = try #require(throws: SQLiteError.self) { try migrator.migrate(db) }
        #expect(error.isConstraintViolation)
        #expect(error.message.contains("credit_limits"))
        #expect(!error.description.contains("424242"))
        #expect(try db.scalar("SELECT count(*) FROM credit_limits", as: Int.self) == 0)
        #expect(try migrator.pendingMigrations(db) == ["credit-limit/002-seed"])
        #expect(try db.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
    }

    @Test func aMigrationCanRebuildATableReferencedByForeignKeys() throws {
        var migrator = Self.make()
        try db.execute("PRAGMA foreign_keys = ON")
        _ = try migrator.migrate(db)
        try db.execute("INSERT INTO customers(id, email) VALUES(1, 'a@example.com')")
        try db.execute("INSERT INTO credit_limits(customer_id, amount) VALUES(1, 5)")
        migrator.registerMigration(owner: "core", id: "003-rebuild") { db in
            try db.executeScript(
                """
                CREATE TABLE customers_new(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT, vip INTEGER NOT NULL DEFAULT 0);
                INSERT INTO customers_new(id, email, name) SELECT id, email, name FROM customers;
                DROP TABLE customers;
                ALTER TABLE customers_new RENAME TO customers;
                """
            )
        }
        #expect(try migrator.migrate(db) == ["core/003-rebuild"])
        #expect(try db.scalar("SELECT count(*) FROM credit_limits", as: Int.self) == 1)
    }

    @Test func migrateRefusesToRunInsideATransaction() throws {
        let migrator = Self.make()
        #expect(throws: SQLiteError.self) {
            try db.transaction { _ = try migrator.migrate(db) }
        }
    }
}
