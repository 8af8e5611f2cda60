import ShopCore

/// The tables of the required-fields module (DOMAIN.md 003, 004: the merchant marks which
/// fields are required; 002: extra fields such as a payment reference).
///
/// - `required_field`: per store, the core and module fields a customer of that store must have.
/// - `custom_field`: the merchant's own fields; `key` is unique whatever its case, `required`
///   applies in each store the field applies to (`all_stores`, or the rows of `custom_field_store`).
/// - `customer_custom_value`: one value per customer and field, as SQLite stores the kind
///   (text, INTEGER or REAL, `YYYY-MM-DD`, the choice). Deleting a customer or a field deletes
///   its values with it.
enum RequiredFieldsSchema {
    static let createTables = ModuleMigration(id: "1-create-required-fields") { db in
        try db.executeScript(
            """
            CREATE TABLE required_field(
                store_id INTEGER NOT NULL REFERENCES store(id) ON DELETE CASCADE,
                field_key TEXT NOT NULL,
                PRIMARY KEY(store_id, field_key)
            ) WITHOUT ROWID;
            CREATE TABLE custom_field(
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL COLLATE NOCASE UNIQUE,
                label TEXT NOT NULL,
                kind TEXT NOT NULL CHECK(kind IN ('text','number','date','choice')),
                choices TEXT,
                required INTEGER NOT NULL DEFAULT 0 CHECK(required IN (0, 1)),
                customer_editable INTEGER NOT NULL DEFAULT 0 CHECK(customer_editable IN (0, 1)),
                all_stores INTEGER NOT NULL DEFAULT 1 CHECK(all_stores IN (0, 1)),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE custom_field_store(
                field_id INTEGER NOT NULL REFERENCES custom_field(id) ON DELETE CASCADE,
                store_id INTEGER NOT NULL REFERENCES store(id) ON DELETE CASCADE,
                PRIMARY KEY(field_id, store_id)
            ) WITHOUT ROWID;
            CREATE TABLE customer_custom_value(
                customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                field_id INTEGER NOT NULL REFERENCES custom_field(id) ON DELETE CASCADE,
                value NOT NULL, -- no type: no affinity, each value stays as its kind stored it
                PRIMARY KEY(customer_id, field_id)
            ) WITHOUT ROWID;
            CREATE INDEX customer_custom_value_field ON customer_custom_value(field_id, customer_id);
            """)
    }
}
