import SQLite

/// The core's tables in every shop database, as ordered migrations owned by `core`.
/// Modules add their own tables through their migrations; they never alter these.
public enum CoreSchema {
    public static let owner = "core"

    public static let migrations: [ModuleMigration] = [
        ModuleMigration(id: "1-stores-groups-staff-audit") { db in
            try db.executeScript(
                """
                CREATE TABLE store(
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    locale TEXT NOT NULL CHECK(locale IN ('fi','sv','nb','da','en')),
                    currency TEXT NOT NULL CHECK(currency IN ('EUR','SEK','NOK','DKK')),
                    country TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE customer_group(
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    tax_class TEXT NOT NULL CHECK(tax_class IN ('taxable','tax-free-reseller')),
                    built_in INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE staff(
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK(role IN ('owner','admin','staff','read-only')),
                    password_hash TEXT,
                    enabled INTEGER NOT NULL DEFAULT 1,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE staff_session(
                    token_hash TEXT PRIMARY KEY,
                    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL
                );
                CREATE INDEX staff_session_staff ON staff_session(staff_id);
                CREATE TABLE audit_log(
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor_kind TEXT NOT NULL,
                    actor_id INTEGER,
                    actor_label TEXT NOT NULL,
                    action TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    entity_id TEXT,
                    before TEXT,
                    after TEXT,
                    request_id TEXT
                );
                CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, id);
                CREATE TABLE shop_setting(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """)
        },
        CustomerSchema.migration,
        StaffSchema.migration,
        StorefrontSchema.migration,
        Impersonation.migration,
        CatalogSchema.migration,
        EmailDeliverySchema.migration,
        CustomerSearchIndex.prefixMigration,
        ShopJobs.migration,
        WebhookSchema.migration,
        WebhookSchema.customerMigration,
        JobCustomers.migration,
        CustomerSearchIndex.pendingMigration,
        CustomerSchema.sortIndexesMigration,
        CustomerTally.migration,
    ]

    /// The groups every shop starts with (DOMAIN.md "Customer groups"). NOT LOGGED IN holds
    /// no customers; registration puts a customer in General.
    public static let builtInGroups: [(name: String, taxClass: String)] = [
        ("NOT LOGGED IN", "taxable"), ("General", "taxable"), ("Wholesale", "tax-free-reseller"), ("Retailer", "taxable"),
    ]
}
