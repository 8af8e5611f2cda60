import ShopCore

/// The account balance's ledger (DOMAIN.md 004, the 300 kr/month add-on): one row per
/// entry, amounts in integer minor units with their currency; the balance is the sum per
/// currency. Append-only: a trigger refuses any change to an entry's money, customer or
/// time, so a correction is a new entry. Only the reason and actor label may change, which
/// GDPR erasure does; deleting the customer deletes their entries (the foreign key).
enum BalanceSchema {
    static let createLedger = ModuleMigration(id: "1-create-balance-entry") { db in
        try db.executeScript(
            """
            CREATE TABLE balance_entry(
                id INTEGER PRIMARY KEY,
                customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                amount INTEGER NOT NULL CHECK(typeof(amount) = 'integer' AND amount <> 0 AND abs(amount) <= 100000000000),
                currency TEXT NOT NULL CHECK(currency IN ('EUR','SEK','NOK','DKK')),
                reason TEXT NOT NULL,
                actor_kind TEXT NOT NULL,
                actor_label TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE INDEX balance_entry_customer ON balance_entry(customer_id, id);
            CREATE TRIGGER balance_entry_append_only BEFORE UPDATE OF id, customer_id, amount, currency, actor_kind, created_at
            ON balance_entry BEGIN
                SELECT RAISE(ABORT, 'balance entries are append-only; add a correcting entry');
            END;
            """)
    }
}
