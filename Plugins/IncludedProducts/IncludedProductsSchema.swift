import ShopCore

/// The included-products module's tables (DOMAIN.md 002: "included products: sees and orders
/// only these"): one per level a restriction is set at, each row one included SKU or product
/// category. An owner with no rows has no restriction at that level. `match_key` is what a
/// product is compared by (the SKU as it is; the category lower-cased, so `Tools` is `tools`),
/// `value` what the merchant wrote.
///
/// - A customer's rows go with the customer, a group's with the group (foreign keys).
/// - A company's are keyed by the id the b2b module gives the company; the module never reads
///   b2b's tables, so there is no foreign key to one.
enum IncludedProductsSchema {
    static let createTables = ModuleMigration(id: "1-create-included-products") { db in
        try db.executeScript(
            """
            CREATE TABLE included_product_customer(
                customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK(kind IN ('sku','category')),
                match_key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY(customer_id, kind, match_key)
            ) WITHOUT ROWID;
            CREATE TABLE included_product_company(
                company_id INTEGER NOT NULL CHECK(company_id > 0),
                kind TEXT NOT NULL CHECK(kind IN ('sku','category')),
                match_key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY(company_id, kind, match_key)
            ) WITHOUT ROWID;
            CREATE TABLE included_product_group(
                group_id INTEGER NOT NULL REFERENCES customer_group(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK(kind IN ('sku','category')),
                match_key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY(group_id, kind, match_key)
            ) WITHOUT ROWID;
            """)
    }
}
