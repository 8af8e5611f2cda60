import ShopCore

/// The credit-limit module's tables (DOMAIN.md 001 "credit limits", 003 "allowed outstanding
/// amount", 004 "Platinum"): one limit per customer and one per company, in minor units of the
/// currency the shop kept its books in when the limit was set (`OrderLedger.companyCurrency`).
///
/// - A customer's limit goes with the customer (the foreign key); GDPR erasure removes it too.
/// - A company's limit is keyed by the id the b2b module gives the company (`affiliations
///   ["company"]`); the module never reads b2b's tables, so there is no foreign key to one.
enum CreditLimitSchema {
    static let createTables = ModuleMigration(id: "1-create-credit-limits") { db in
        try db.executeScript(
            """
            CREATE TABLE credit_limit_customer(
                customer_id INTEGER PRIMARY KEY REFERENCES customer(id) ON DELETE CASCADE,
                amount INTEGER NOT NULL CHECK(typeof(amount) = 'integer' AND amount BETWEEN 0 AND 100000000000),
                currency TEXT NOT NULL CHECK(currency IN ('EUR','SEK','NOK','DKK')),
                updated_at TEXT NOT NULL
            );
            CREATE TABLE credit_limit_company(
                company_id INTEGER PRIMARY KEY CHECK(company_id > 0),
                amount INTEGER NOT NULL CHECK(typeof(amount) = 'integer' AND amount BETWEEN 0 AND 100000000000),
                currency TEXT NOT NULL CHECK(currency IN ('EUR','SEK','NOK','DKK')),
                updated_at TEXT NOT NULL
            );
            """)
    }
}
