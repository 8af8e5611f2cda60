import SQLite

/// The customers a job works on, frozen when the job starts (`job_customer`): a mass action
/// over "everyone the filter matches" acts on the customers matched at that moment, not on
/// those a change made halfway (disabling by `enabled=true` would otherwise chase its own
/// tail), and a resumed job after a restart continues over the same set. The rows go when the
/// job ends.
enum JobCustomers {
    static let migration = ModuleMigration(id: "13-job-customers") { db in
        try db.executeScript(
            """
            CREATE TABLE job_customer(
                job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
                customer_id INTEGER NOT NULL,
                PRIMARY KEY(job_id, customer_id)
            ) WITHOUT ROWID;
            """)
    }

    /// Freezes the ids `sql` selects (a column `id`) for the job; returns how many.
    static func freeze(_ db: Database, jobID: Int64, sql: String, arguments: [(any SQLValueConvertible)?]) throws -> Int {
        try db.execute(
            "INSERT OR IGNORE INTO job_customer(job_id, customer_id) SELECT ?, id FROM (\(sql))", [jobID] + arguments)
        return try db.scalar("SELECT count(*) FROM job_customer WHERE job_id = ?", [jobID], as: Int.self) ?? 0
    }

    /// The next `limit` frozen ids after `after`, in id order.
    static func batch(_ db: Database, jobID: Int64, after: Int64, limit: Int) throws -> [Int64] {
        try db.query(
            "SELECT customer_id FROM job_customer WHERE job_id = ? AND customer_id > ? ORDER BY customer_id LIMIT ?",
            [jobID, after, Int64(limit)]
        ).map { try $0.get(0) }
    }

    /// Whether the job has a frozen set (a job started before sets were frozen has none).
    static func exists(_ db: Database, jobID: Int64) throws -> Bool {
        try db.scalar("SELECT 1 FROM job_customer WHERE job_id = ? LIMIT 1", [jobID], as: Int.self) != nil
    }

    /// Drops the set of a job that ended.
    static func release(_ db: Database, jobID: Int64) throws {
        try db.execute("DELETE FROM job_customer WHERE job_id = ?", [jobID])
    }
}
