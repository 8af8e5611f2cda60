import SQLite

/// The core's tables for staff accounts beyond sign-in: integration API tokens, single-use
/// "set your password" tokens and the operator's support sessions. Every secret is stored only
/// as its SHA-256 (the tokens carry 256 random bits, so a slow hash would add nothing).
///
/// Failed sign-ins are counted in memory by `SignInThrottle`, not in a table: a flood of wrong
/// passwords must not turn into a flood of writes.
enum StaffSchema {
    static let migration = ModuleMigration(id: "3-staff-tokens-throttle") { db in
        try db.executeScript(
            """
            ALTER TABLE staff ADD COLUMN updated_at TEXT;
            ALTER TABLE staff ADD COLUMN password_changed_at TEXT;
            CREATE TABLE api_token(
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL CHECK(role IN ('owner','admin','staff','read-only')),
                created_by_label TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT,
                last_used_at TEXT,
                revoked_at TEXT
            );
            CREATE TABLE staff_password_token(
                token_hash TEXT PRIMARY KEY,
                staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            );
            CREATE INDEX staff_password_token_staff ON staff_password_token(staff_id);
            CREATE TABLE support_session(
                id INTEGER PRIMARY KEY,
                token_hash TEXT NOT NULL UNIQUE,
                reason TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                ended_at TEXT
            );
            """)
    }
}
