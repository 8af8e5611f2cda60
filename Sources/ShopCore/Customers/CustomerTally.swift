import SQLite

/// How many customers each store has, enabled and disabled, kept by triggers in the
/// transaction of every insert, delete and change of store or enabled flag. The list's total
/// for no filter, a store or the enabled flag is then a sum of a few rows, never a count over
/// every customer, so it is never stale after an import and costs nothing after a write.
enum CustomerTally {
    /// The number of customers in `storeID` (all stores when nil) with that enabled flag (both when nil).
    static func count(_ db: Database, storeID: Int64?, enabled: Bool?) throws -> Int64 {
        try db.scalar(
            "SELECT coalesce(sum(n), 0) FROM customer_tally WHERE (?1 IS NULL OR store_id = ?1) AND (?2 IS NULL OR enabled = ?2)",
            [storeID, enabled.map { $0 ? 1 : 0 }], as: Int64.self) ?? 0
    }

    /// The table, filled from the customers there are, and the triggers that keep it.
    static let migration = ModuleMigration(id: "16-customer-tally") { db in
        try db.executeScript(
            """
            CREATE TABLE customer_tally(
                store_id INTEGER NOT NULL, enabled INTEGER NOT NULL, n INTEGER NOT NULL,
                PRIMARY KEY(store_id, enabled)
            ) WITHOUT ROWID;
            INSERT INTO customer_tally(store_id, enabled, n)
                SELECT store_id, enabled, count(*) FROM customer GROUP BY store_id, enabled;
            CREATE TRIGGER customer_tally_insert AFTER INSERT ON customer BEGIN
                INSERT INTO customer_tally(store_id, enabled, n) VALUES(new.store_id, new.enabled, 1)
                    ON CONFLICT(store_id, enabled) DO UPDATE SET n = n + 1;
            END;
            CREATE TRIGGER customer_tally_delete AFTER DELETE ON customer BEGIN
                UPDATE customer_tally SET n = n - 1 WHERE store_id = old.store_id AND enabled = old.enabled;
            END;
            CREATE TRIGGER customer_tally_update AFTER UPDATE OF store_id, enabled ON customer
                WHEN old.store_id IS NOT new.store_id OR old.enabled IS NOT new.enabled BEGIN
                UPDATE customer_tally SET n = n - 1 WHERE store_id = old.store_id AND enabled = old.enabled;
                INSERT INTO customer_tally(store_id, enabled, n) VALUES(new.store_id, new.enabled, 1)
                    ON CONFLICT(store_id, enabled) DO UPDATE SET n = n + 1;
            END;
            """)
    }
}
