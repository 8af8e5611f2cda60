import SQLite

/// The storefront's tables: customer sessions, single-use customer tokens (password reset,
/// set-your-password) and the shop's email outbox. Tokens and sessions are stored only as
/// SHA-256 hashes of the secrets the customer holds.
enum StorefrontSchema {
    static let migration = ModuleMigration(id: "4-storefront-outbox") { db in
        try db.executeScript(
            """
            CREATE TABLE customer_session(
                token_hash TEXT PRIMARY KEY,
                customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                store_id INTEGER NOT NULL REFERENCES store(id),
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            );
            CREATE INDEX customer_session_customer ON customer_session(customer_id);
            CREATE TABLE customer_token(
                token_hash TEXT PRIMARY KEY,
                customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK(kind IN ('reset','set-password')),
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                consumed_at TEXT
            );
            CREATE INDEX customer_token_customer ON customer_token(customer_id, kind);
            CREATE TABLE email_outbox(
                id INTEGER PRIMARY KEY,
                customer_id INTEGER REFERENCES customer(id) ON DELETE SET NULL,
                to_address TEXT NOT NULL,
                locale TEXT NOT NULL CHECK(locale IN ('fi','sv','nb','da','en')),
                template TEXT NOT NULL,
                subject TEXT NOT NULL,
                text_body TEXT NOT NULL,
                html_body TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'queued' CHECK(status IN ('queued','sent','failed')),
                created_at TEXT NOT NULL,
                sent_at TEXT,
                error TEXT,
                message_id TEXT
            );
            CREATE INDEX email_outbox_customer ON email_outbox(customer_id, id);
            CREATE INDEX email_outbox_status ON email_outbox(status, id);
            """)
    }
}
