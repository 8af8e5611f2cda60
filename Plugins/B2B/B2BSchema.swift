import Cryptography
import ShopCore

/// The B2B module's tables (DOMAIN.md 003, "B2B fields", and 000, "B2B account application").
///
/// - `b2b_setting`: one row: the shop's secret for signing approval links (random, made by the
///   migration, never shown), where the merchant's notifications go and where approval links point.
/// - `b2b_company` and `b2b_company_person`: companies and the customers who order in their
///   name; a customer belongs to at most one company, a company has at most one admin person (a
///   partial unique index) and, when its admin goes, the longest-standing person takes over (a
///   trigger, so deleting or erasing a customer never leaves a company without one).
/// - `b2b_application` and `b2b_approval_link`: applications from the storefront and the nonces
///   of their signed approval links. A trigger refuses any status change but pending to
///   approved or rejected, whatever code path tries.
enum B2BSchema {
    static let createTables = ModuleMigration(id: "1-create-b2b") { db in
        try db.executeScript(
            """
            CREATE TABLE b2b_setting(
                id INTEGER PRIMARY KEY CHECK(id = 1),
                link_secret TEXT NOT NULL,
                notification_email TEXT,
                approval_link_base_url TEXT
            );
            CREATE TABLE b2b_company(
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                country TEXT NOT NULL CHECK(country IN ('FI','SE','NO','DK')),
                business_id TEXT NOT NULL,
                vat_number TEXT,
                website TEXT,
                allowed_outstanding INTEGER CHECK(allowed_outstanding IS NULL OR allowed_outstanding >= 0),
                outstanding_currency TEXT CHECK(outstanding_currency IS NULL OR outstanding_currency IN ('EUR','SEK','NOK','DKK')),
                max_payment_days INTEGER CHECK(max_payment_days IS NULL OR max_payment_days BETWEEN 0 AND 365),
                risk_rating TEXT CHECK(risk_rating IS NULL OR risk_rating IN ('low','medium','high')),
                erp_customer_number TEXT,
                group_id INTEGER REFERENCES customer_group(id) ON DELETE SET NULL,
                search_text TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                CHECK((allowed_outstanding IS NULL) = (outstanding_currency IS NULL))
            );
            CREATE UNIQUE INDEX b2b_company_business_id ON b2b_company(country, business_id);
            CREATE UNIQUE INDEX b2b_company_erp ON b2b_company(erp_customer_number) WHERE erp_customer_number IS NOT NULL;
            CREATE TABLE b2b_company_person(
                customer_id INTEGER PRIMARY KEY REFERENCES customer(id) ON DELETE CASCADE,
                company_id INTEGER NOT NULL REFERENCES b2b_company(id) ON DELETE CASCADE,
                is_admin INTEGER NOT NULL DEFAULT 0 CHECK(is_admin IN (0, 1)),
                joined_at TEXT NOT NULL
            );
            CREATE INDEX b2b_company_person_company ON b2b_company_person(company_id, customer_id);
            CREATE UNIQUE INDEX b2b_company_one_admin ON b2b_company_person(company_id) WHERE is_admin = 1;
            CREATE TRIGGER b2b_company_admin_succession AFTER DELETE ON b2b_company_person
            WHEN old.is_admin = 1 BEGIN
                UPDATE b2b_company_person SET is_admin = 1
                WHERE customer_id = (
                    SELECT customer_id FROM b2b_company_person WHERE company_id = old.company_id ORDER BY joined_at, customer_id LIMIT 1);
            END;
            CREATE TABLE b2b_application(
                id INTEGER PRIMARY KEY,
                store_id INTEGER REFERENCES store(id) ON DELETE SET NULL,
                store_code TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending' CHECK(status IN ('pending','approved','rejected')),
                company_name TEXT NOT NULL,
                country TEXT NOT NULL CHECK(country IN ('FI','SE','NO','DK')),
                business_id TEXT NOT NULL,
                vat_number TEXT,
                website TEXT,
                first_name TEXT NOT NULL,
                last_name TEXT NOT NULL,
                email TEXT NOT NULL,
                email_key TEXT NOT NULL,
                phone TEXT,
                message TEXT,
                submitted_at TEXT NOT NULL,
                receipt_email_id INTEGER,
                decided_at TEXT,
                decided_by TEXT,
                decided_via TEXT CHECK(decided_via IS NULL OR decided_via IN ('admin','link')),
                erp_customer_number TEXT,
                rejection_reason TEXT,
                company_id INTEGER REFERENCES b2b_company(id) ON DELETE SET NULL,
                customer_id INTEGER REFERENCES customer(id) ON DELETE SET NULL,
                matched_company INTEGER NOT NULL DEFAULT 0,
                matched_customer INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX b2b_application_status ON b2b_application(status, id);
            CREATE INDEX b2b_application_customer ON b2b_application(customer_id) WHERE customer_id IS NOT NULL;
            CREATE UNIQUE INDEX b2b_application_pending_email ON b2b_application(email_key) WHERE status = 'pending';
            CREATE TRIGGER b2b_application_decided_once BEFORE UPDATE OF status ON b2b_application
            WHEN old.status <> 'pending' OR new.status = 'pending' BEGIN
                SELECT RAISE(ABORT, 'an application is decided once: from pending to approved or rejected');
            END;
            CREATE TABLE b2b_approval_link(
                nonce TEXT PRIMARY KEY,
                application_id INTEGER NOT NULL REFERENCES b2b_application(id) ON DELETE CASCADE,
                created_at TEXT NOT NULL,
                used_at TEXT
            );
            CREATE INDEX b2b_approval_link_application ON b2b_approval_link(application_id);
            """)
        try db.execute("INSERT INTO b2b_setting(id, link_secret) VALUES(1, ?)", [Hex.encode(SecureRandom.bytes(32))])
    }

    /// The outbox rows of the merchant's notification and of the decision, beside the receipt's,
    /// so erasing the applicant reaches every email about them.
    static let applicationEmails = ModuleMigration(id: "2-application-email-ids") { db in
        try db.executeScript(
            """
            ALTER TABLE b2b_application ADD COLUMN notification_email_id INTEGER;
            ALTER TABLE b2b_application ADD COLUMN decision_email_id INTEGER;
            """)
    }

    /// Per company the ERP version last applied by `PUT /erp/companies/{erpNumber}` and a hash
    /// of its fields, so a repeated or older push changes nothing.
    static let erpCompanySync = ModuleMigration(id: "3-erp-company-sync") { db in
        try db.executeScript(
            """
            CREATE TABLE b2b_company_erp_sync(
                company_id INTEGER PRIMARY KEY REFERENCES b2b_company(id) ON DELETE CASCADE,
                erp_updated_at TEXT NOT NULL,
                payload_hash TEXT NOT NULL,
                synced_at TEXT NOT NULL
            );
            """)
    }
}
