import SQLite

/// What delivery adds to the outbox: per email the attempts so far, when the next may run, the
/// claim of an attempt in progress and how it went out; one row per attempt (`email_attempt`,
/// claimed before the send, so a crash mid-delivery is seen and the email sent again, never
/// lost); and the shop's sender settings (`email_settings`, one row).
enum EmailDeliverySchema {
    static let migration = ModuleMigration(id: "7-email-delivery") { db in
        try db.executeScript(
            """
            ALTER TABLE email_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE email_outbox ADD COLUMN next_attempt_at TEXT;
            ALTER TABLE email_outbox ADD COLUMN claimed_at TEXT;
            ALTER TABLE email_outbox ADD COLUMN transport TEXT CHECK(transport IN ('smtp','maildir'));
            ALTER TABLE email_outbox ADD COLUMN maildir_file TEXT;
            CREATE TABLE email_attempt(
                id INTEGER PRIMARY KEY,
                outbox_id INTEGER NOT NULL REFERENCES email_outbox(id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                transport TEXT NOT NULL CHECK(transport IN ('smtp','maildir')),
                started_at TEXT NOT NULL,
                finished_at TEXT,
                outcome TEXT CHECK(outcome IN ('sent','transient','permanent','interrupted')),
                reply TEXT
            );
            CREATE INDEX email_attempt_outbox ON email_attempt(outbox_id, id);
            CREATE TABLE email_settings(
                id INTEGER PRIMARY KEY CHECK(id = 1),
                from_address TEXT,
                from_name TEXT,
                smtp_host TEXT,
                smtp_port INTEGER,
                smtp_security TEXT CHECK(smtp_security IN ('none','starttls','tls')),
                smtp_username TEXT,
                smtp_password TEXT,
                verify_certificate INTEGER NOT NULL DEFAULT 1,
                updated_at TEXT NOT NULL
            );
            """)
    }
}
