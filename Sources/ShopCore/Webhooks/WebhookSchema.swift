import SQLite

/// The webhook tables: the merchant's subscriptions, the events the shop's changes emitted
/// (`webhook_event`, the body signed and sent, written in the change's transaction), one
/// delivery per event and subscription (`webhook_delivery`, the outbox the worker sends) and
/// one row per attempt (`webhook_attempt`, opened before the request goes out, so a crash
/// mid-delivery is seen and the delivery sent again, never lost); and per customer the ERP
/// version last applied by the ERP API (`erp_customer_sync`).
enum WebhookSchema {
    static let migration = ModuleMigration(id: "11-webhooks-erp-sync") { db in
        try db.executeScript(
            """
            CREATE TABLE webhook_subscription(
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL,
                events TEXT NOT NULL,
                secret TEXT NOT NULL,
                description TEXT,
                active INTEGER NOT NULL DEFAULT 1 CHECK(active IN (0, 1)),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE webhook_event(
                id INTEGER PRIMARY KEY,
                event TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE TABLE webhook_delivery(
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES webhook_event(id) ON DELETE CASCADE,
                subscription_id INTEGER REFERENCES webhook_subscription(id) ON DELETE SET NULL,
                url TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'queued' CHECK(status IN ('queued','sent','failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT,
                claimed_at TEXT,
                status_code INTEGER,
                error TEXT,
                redelivery_of INTEGER REFERENCES webhook_delivery(id) ON DELETE SET NULL,
                created_at TEXT NOT NULL,
                delivered_at TEXT
            );
            CREATE INDEX webhook_delivery_queued ON webhook_delivery(status, next_attempt_at) WHERE status = 'queued';
            CREATE INDEX webhook_delivery_subscription ON webhook_delivery(subscription_id, id);
            CREATE TABLE webhook_attempt(
                id INTEGER PRIMARY KEY,
                delivery_id INTEGER NOT NULL REFERENCES webhook_delivery(id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                outcome TEXT CHECK(outcome IN ('sent','transient','permanent','interrupted')),
                status_code INTEGER,
                response TEXT,
                duration_ms INTEGER
            );
            CREATE INDEX webhook_attempt_delivery ON webhook_attempt(delivery_id, id);
            CREATE TABLE erp_customer_sync(
                customer_id INTEGER PRIMARY KEY REFERENCES customer(id) ON DELETE CASCADE,
                erp_updated_at TEXT NOT NULL,
                payload_hash TEXT NOT NULL,
                synced_at TEXT NOT NULL
            );
            """)
    }

    /// Each event filed under the customer it is about, so GDPR erasure deletes the customer's
    /// events with their deliveries (the bodies hold the person's data).
    static let customerMigration = ModuleMigration(id: "12-webhook-event-customer") { db in
        try db.executeScript(
            """
            ALTER TABLE webhook_event ADD COLUMN customer_id INTEGER;
            CREATE INDEX webhook_event_customer ON webhook_event(customer_id) WHERE customer_id IS NOT NULL;
            """)
    }
}
