import SQLite

/// Tables of the registry database, the one database that is not a shop's:
/// the list of shops, operator tokens, the operator's audit trail and migration runs.
enum RegistrySchema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(owner: "registry", id: "1-shops-tokens-audit-runs") { db in
            try db.executeScript(
                """
                CREATE TABLE shop(
                    slug TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    tier TEXT NOT NULL,
                    add_ons TEXT NOT NULL DEFAULT '',
                    flags TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL CHECK(status IN ('active','suspended')),
                    suspended_reason TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE operator_token(
                    id INTEGER PRIMARY KEY,
                    token_hash TEXT NOT NULL UNIQUE,
                    created_at TEXT NOT NULL,
                    revoked_at TEXT
                );
                CREATE TABLE registry_audit(
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    shop_slug TEXT,
                    before TEXT,
                    after TEXT
                );
                CREATE INDEX registry_audit_shop ON registry_audit(shop_slug, id);
                CREATE TABLE migration_run(
                    id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    status TEXT NOT NULL CHECK(status IN ('running','failed','completed')),
                    total INTEGER NOT NULL,
                    done INTEGER NOT NULL DEFAULT 0,
                    cursor TEXT,
                    failed_slug TEXT,
                    error TEXT
                );
                """)
        }
        return migrator
    }
}
