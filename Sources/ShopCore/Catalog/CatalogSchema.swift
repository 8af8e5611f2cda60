import SQLite

/// The catalog, the pricing rules and the orders: just what pricing and orders need
/// (issue 5). Money is integer minor units; percentages and rates are exact integers
/// (millionths); days are `YYYY-MM-DD` read in the shop's time zone.
/// `pricing_state.version` moves with every change the price book depends on, so the
/// cached book of a shop is rebuilt exactly when it must be.
enum CatalogSchema {
    static let migration = ModuleMigration(id: "6-catalog-pricing-orders") { db in
        try db.executeScript(
            """
            ALTER TABLE customer ADD COLUMN segment TEXT;
            ALTER TABLE customer ADD COLUMN district TEXT;
            CREATE TABLE pricing_state(id INTEGER PRIMARY KEY CHECK(id = 1), version INTEGER NOT NULL);
            INSERT INTO pricing_state(id, version) VALUES(1, 1);
            CREATE TABLE discount_group(
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                base_percentage INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL
            );
            CREATE TABLE product(
                id INTEGER PRIMARY KEY,
                sku TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                category TEXT,
                gross_price INTEGER NOT NULL CHECK(gross_price >= 0),
                net_price INTEGER CHECK(net_price >= 0),
                cost_price INTEGER CHECK(cost_price >= 0),
                discount_group_id INTEGER REFERENCES discount_group(id),
                active INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX product_category ON product(category, sku);
            CREATE INDEX product_discount_group ON product(discount_group_id);
            CREATE TABLE product_list_price(
                id INTEGER PRIMARY KEY,
                product_id INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
                currency TEXT NOT NULL,
                kind TEXT NOT NULL CHECK(kind IN ('net','gross')),
                amount INTEGER NOT NULL CHECK(amount >= 0),
                valid_from TEXT,
                valid_to TEXT
            );
            CREATE INDEX product_list_price_product ON product_list_price(product_id);
            CREATE TABLE store_price(
                store_id INTEGER NOT NULL REFERENCES store(id) ON DELETE CASCADE,
                product_id INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
                amount INTEGER NOT NULL CHECK(amount >= 0),
                PRIMARY KEY(store_id, product_id)
            ) WITHOUT ROWID;
            CREATE TABLE exchange_rate(
                id INTEGER PRIMARY KEY,
                currency TEXT NOT NULL,
                rate INTEGER NOT NULL CHECK(rate > 0),
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                created_at TEXT NOT NULL
            );
            CREATE INDEX exchange_rate_currency ON exchange_rate(currency, valid_from);
            CREATE TABLE price_rule(
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK(kind IN ('price','discount','margin')),
                scope TEXT NOT NULL CHECK(scope IN ('customer','segment','group','district')),
                scope_value TEXT NOT NULL,
                target TEXT CHECK(target IN ('product','discount-group')),
                target_id INTEGER,
                currency TEXT,
                amount INTEGER,
                price_type TEXT CHECK(price_type IN ('gross','e-net','n-net')),
                percentage INTEGER,
                minimum_quantity INTEGER NOT NULL DEFAULT 1 CHECK(minimum_quantity >= 1),
                valid_from TEXT,
                valid_to TEXT,
                note TEXT,
                created_at TEXT NOT NULL
            );
            CREATE INDEX price_rule_scope ON price_rule(scope, scope_value, id);
            CREATE INDEX price_rule_target ON price_rule(target, target_id);
            CREATE TABLE customer_product_comment(
                customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                sku TEXT NOT NULL,
                comment TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY(customer_id, sku)
            ) WITHOUT ROWID;
            CREATE TABLE order_number_sequence(id INTEGER PRIMARY KEY CHECK(id = 1), next INTEGER NOT NULL);
            INSERT INTO order_number_sequence(id, next) VALUES(1, 100001);
            CREATE TABLE sales_order(
                id INTEGER PRIMARY KEY,
                number TEXT UNIQUE,
                customer_id INTEGER REFERENCES customer(id) ON DELETE SET NULL,
                store_id INTEGER NOT NULL REFERENCES store(id),
                status TEXT NOT NULL CHECK(status IN ('cart','draft','placed','invoiced','paid','cancelled')),
                currency TEXT NOT NULL,
                payment_method TEXT,
                delivery_method TEXT,
                reference TEXT,
                note TEXT,
                total INTEGER NOT NULL DEFAULT 0,
                total_company INTEGER,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                placed_at TEXT,
                invoiced_at TEXT,
                paid_at TEXT,
                cancelled_at TEXT,
                created_by TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE UNIQUE INDEX sales_order_one_cart ON sales_order(customer_id) WHERE status = 'cart';
            CREATE INDEX sales_order_customer ON sales_order(customer_id, status, id);
            CREATE INDEX sales_order_status ON sales_order(status, id);
            CREATE TABLE order_line(
                id INTEGER PRIMARY KEY,
                order_id INTEGER NOT NULL REFERENCES sales_order(id) ON DELETE CASCADE,
                product_id INTEGER REFERENCES product(id) ON DELETE SET NULL,
                sku TEXT NOT NULL,
                name TEXT NOT NULL,
                quantity INTEGER NOT NULL CHECK(quantity >= 1),
                unit_price INTEGER NOT NULL,
                price_level TEXT NOT NULL,
                price_type TEXT NOT NULL,
                price_rule_id INTEGER,
                discount_level TEXT,
                discount_rule_id INTEGER,
                discount_percentage INTEGER,
                discount_amount INTEGER,
                line_total INTEGER NOT NULL,
                comment TEXT,
                priced_at TEXT NOT NULL
            );
            CREATE INDEX order_line_order ON order_line(order_id, id);
            """)
    }

    /// Marks the price book stale; call in the transaction of any change it depends on.
    static func touch(_ db: Database) throws {
        try db.execute("UPDATE pricing_state SET version = version + 1 WHERE id = 1")
    }
}
