import SQLite

/// How many customers there are per store, enabled flag and day of registration, and per
/// group, kept by triggers in the transaction of every insert, delete and change, whichever
/// writer makes it (the API, an import, a mass action, a migration). The list's total for no
/// filter, or any mix of store, enabled and registration dates, is then a sum over a few
/// thousand rows at most, and a group's count one row, never a count over every customer: on a
/// million customers "enabled" counted 234 ms, a store 53 ms and the groups page 55 ms, paid again
/// after every write.
enum CustomerTally {
    /// The filters the tally can answer; any other filter (or a search) counts the rows.
    struct Filter {
        var storeID: Int64?
        var enabled: Bool?
        /// Calendar days, `YYYY-MM-DD`, both inclusive, like the list's own parameters.
        var registeredFrom: String?
        var registeredTo: String?
        /// How many of the list's conditions these are.
        var conditions: Int {
            [storeID != nil, enabled != nil, registeredFrom != nil, registeredTo != nil].filter { $0 }.count
        }
    }

    /// The number of customers that pass every filter set in `filter`.
    static func count(_ db: Database, _ filter: Filter) throws -> Int64 {
        var conditions: [String] = []
        var arguments: [(any SQLValueConvertible)?] = []
        if let store = filter.storeID {
            conditions.append("store_id = ?")
            arguments.append(store)
        }
        if let enabled = filter.enabled {
            conditions.append("enabled = ?")
            arguments.append(enabled ? 1 : 0)
        }
        if let from = filter.registeredFrom {
            conditions.append("registered_day >= ?")
            arguments.append(from)
        }
        if let to = filter.registeredTo {
            conditions.append("registered_day <= ?")
            arguments.append(to)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try db.scalar("SELECT coalesce(sum(n), 0) FROM customer_tally \(whereClause)", arguments, as: Int64.self) ?? 0
    }

    /// The customers in the group, as its member rows count them.
    static func groupCount(_ db: Database, groupID: Int64) throws -> Int64 {
        try db.scalar("SELECT n FROM customer_group_tally WHERE group_id = ?", [groupID], as: Int64.self) ?? 0
    }

    /// The tables, filled from the rows there are, and the triggers that keep them.
    ///
    /// The day of registration is a column of its own, `customer.registered_day`, written by
    /// the two inserts there are (`CustomerWriter`, `CustomerBulkInsert`) beside
    /// `registered_at`, so the triggers every insert runs call no SQL function: measured in a
    /// bulk insert, a trigger calling `substr` (or any trigger, once the table has NOT NULL
    /// columns and foreign keys) makes SQLite keep a statement journal per insert, twice the
    /// time; the bulk insert therefore suspends the insert triggers (`suspendInsertTriggers`).
    /// The one trigger that calls a function, keeping the day in step when `registered_at`
    /// itself is changed, is only compiled into the rare UPDATE that sets it. An insert without
    /// the day fails on the tally's NOT NULL key instead of being counted nowhere.
    static let migration = ModuleMigration(id: "16-customer-tallies") { db in
        try db.executeScript(
            """
            ALTER TABLE customer ADD COLUMN registered_day TEXT;
            UPDATE customer SET registered_day = substr(registered_at, 1, 10);
            CREATE TABLE customer_tally(
                store_id INTEGER NOT NULL, enabled INTEGER NOT NULL, registered_day TEXT NOT NULL, n INTEGER NOT NULL,
                PRIMARY KEY(store_id, enabled, registered_day)
            ) WITHOUT ROWID;
            INSERT INTO customer_tally(store_id, enabled, registered_day, n)
                SELECT store_id, enabled, registered_day, count(*) FROM customer GROUP BY 1, 2, 3;
            CREATE TRIGGER customer_tally_delete AFTER DELETE ON customer BEGIN
                UPDATE customer_tally SET n = n - 1
                    WHERE store_id = old.store_id AND enabled = old.enabled AND registered_day = old.registered_day;
            END;
            CREATE TRIGGER customer_tally_update AFTER UPDATE OF store_id, enabled, registered_day ON customer
                WHEN old.store_id IS NOT new.store_id OR old.enabled IS NOT new.enabled OR old.registered_day IS NOT new.registered_day
            BEGIN
                UPDATE customer_tally SET n = n - 1
                    WHERE store_id = old.store_id AND enabled = old.enabled AND registered_day = old.registered_day;
                INSERT INTO customer_tally(store_id, enabled, registered_day, n) VALUES(new.store_id, new.enabled, new.registered_day, 1)
                    ON CONFLICT(store_id, enabled, registered_day) DO UPDATE SET n = n + 1;
            END;
            CREATE TRIGGER customer_registered_day AFTER UPDATE OF registered_at ON customer
                WHEN new.registered_day IS NOT substr(new.registered_at, 1, 10) BEGIN
                UPDATE customer SET registered_day = substr(new.registered_at, 1, 10) WHERE id = new.id;
            END;

            CREATE TABLE customer_group_tally(group_id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
            INSERT INTO customer_group_tally(group_id, n)
                SELECT group_id, count(*) FROM customer_group_member GROUP BY group_id;
            CREATE TRIGGER customer_group_tally_delete AFTER DELETE ON customer_group_member BEGIN
                UPDATE customer_group_tally SET n = n - 1 WHERE group_id = old.group_id;
            END;
            CREATE TRIGGER customer_group_tally_update AFTER UPDATE OF group_id ON customer_group_member
                WHEN old.group_id IS NOT new.group_id BEGIN
                UPDATE customer_group_tally SET n = n - 1 WHERE group_id = old.group_id;
                INSERT INTO customer_group_tally(group_id, n) VALUES(new.group_id, 1)
                    ON CONFLICT(group_id) DO UPDATE SET n = n + 1;
            END;
            """)
        try db.executeScript(insertTriggers)
    }

    /// The triggers every insert runs; a bulk insert drops them for its batch (`suspendInsertTriggers`).
    private static let insertTriggers = """
        CREATE TRIGGER customer_tally_insert AFTER INSERT ON customer BEGIN
            INSERT INTO customer_tally(store_id, enabled, registered_day, n) VALUES(new.store_id, new.enabled, new.registered_day, 1)
                ON CONFLICT(store_id, enabled, registered_day) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER customer_group_tally_insert AFTER INSERT ON customer_group_member BEGIN
            INSERT INTO customer_group_tally(group_id, n) VALUES(new.group_id, 1)
                ON CONFLICT(group_id) DO UPDATE SET n = n + 1;
        END;
        """

    /// Drops the insert triggers for a bulk insert of customers with ids from `firstID` on.
    ///
    /// With any trigger on the table, SQLite keeps a statement journal for each insert (the
    /// table's NOT NULL and foreign keys could abort it halfway), copying every page the insert
    /// touches: a million seeded customers took 97 s instead of 49. The drop is part of the
    /// transaction, so a rollback brings the triggers back; `resume` counts the batch in one
    /// statement per table and puts them back, and runs before COMMIT in any case. The other
    /// writes of a group commit run before or after the batch's write, never inside it, so
    /// none of them inserts while the triggers are gone.
    static func suspendInsertTriggers(_ db: Database, firstID: Int64) throws {
        try db.executeScript("DROP TRIGGER customer_tally_insert; DROP TRIGGER customer_group_tally_insert;")
        try db.beforeCommit("customer_tally_resume") { db in try resumeInsertTriggers(db, firstID: firstID) }
    }

    /// Counts the customers inserted since `suspendInsertTriggers` and recreates the triggers;
    /// does nothing when they are in place.
    static func resumeInsertTriggers(_ db: Database, firstID: Int64) throws {
        let suspended =
            try db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'customer_tally_insert'", as: Int64.self)
            == 0
        guard suspended else { return }
        try db.execute(
            """
            INSERT INTO customer_tally(store_id, enabled, registered_day, n)
                SELECT store_id, enabled, registered_day, count(*) FROM customer WHERE id >= ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT(store_id, enabled, registered_day) DO UPDATE SET n = n + excluded.n
            """, [firstID])
        try db.execute(
            """
            INSERT INTO customer_group_tally(group_id, n)
                SELECT group_id, count(*) FROM customer_group_member WHERE customer_id >= ? GROUP BY 1 ORDER BY 1
                ON CONFLICT(group_id) DO UPDATE SET n = n + excluded.n
            """, [firstID])
        try db.executeScript(insertTriggers)
    }
}
