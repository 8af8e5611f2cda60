import ShopCore

/// The tables of the tags module (DOMAIN.md 004: tags named by the merchant, several per
/// customer). `name` is unique case-insensitively for A-Z through NOCASE; `name_key`, the
/// Unicode-lowercased name, makes "Öljy" and "öljy" one tag too and is what lookups use.
enum TagSchema {
    static let createTables = ModuleMigration(id: "1-create-tags") { db in
        try db.executeScript(
            """
            CREATE TABLE tag(
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL COLLATE NOCASE UNIQUE,
                name_key TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL
            );
            CREATE TABLE customer_tag(
                customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
                PRIMARY KEY(customer_id, tag_id)
            ) WITHOUT ROWID;
            CREATE INDEX customer_tag_tag ON customer_tag(tag_id, customer_id);
            """)
    }
}
