import Foundation
import SQLite

/// Long work in a shop (an import, a mass action) as a row of the shop's `job` table:
/// progress (done of total, from which rate and ETA), the point a restart resumes from
/// (`resume_at`: the last committed row of an import, the last customer id of a mass
/// action), a cancel request the runner honours between batches, and the result. Each batch
/// updates its job row in the transaction that commits the batch, so the row never claims
/// more than the database holds.
public enum ShopJobs {
    public static let migration = ModuleMigration(id: "10-jobs") { db in
        try db.executeScript(
            """
            CREATE TABLE job(
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                status TEXT NOT NULL CHECK(status IN ('running','done','failed','cancelled')),
                parameters TEXT NOT NULL,
                total INTEGER,
                done INTEGER NOT NULL DEFAULT 0,
                resume_at INTEGER NOT NULL DEFAULT 0,
                result TEXT,
                error TEXT,
                cancel_requested INTEGER NOT NULL DEFAULT 0,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                finished_at TEXT
            );
            CREATE INDEX job_status ON job(status, id);
            """)
    }

    /// A job that was cancelled by request.
    public struct Cancelled: Error {}

    /// Starts a job; audited as `job.started`.
    public static func create(
        _ db: Database, kind: String, parameters: JSONValue, total: Int?, actor: AuditActor, requestID: String? = nil
    ) throws -> Int64 {
        let now = Timestamp.now()
        try db.execute(
            "INSERT INTO job(kind, status, parameters, total, created_by, created_at, updated_at) VALUES(?, 'running', ?, ?, ?, ?, ?)",
            [
                kind, String(decoding: parameters.serialized(), as: UTF8.self), total.map { Int64($0) }, "\(actor.kind):\(actor.label)",
                now, now,
            ])
        let id = db.lastInsertRowID
        try AuditLog.record(
            db, actor: actor, action: "job.started", entity: "job", entityID: String(id),
            after: .object(["kind": .string(kind), "parameters": parameters]), requestID: requestID)
        return id
    }

    /// Records a committed batch: call inside the batch's transaction. Throws `Cancelled`
    /// (rolling the batch back) when a cancel was requested.
    public static func progress(_ db: Database, id: Int64, done: Int, resumeAt: Int64, result: JSONValue) throws {
        if try db.scalar("SELECT cancel_requested FROM job WHERE id = ?", [id], as: Int64.self) == 1 { throw Cancelled() }
        try db.execute(
            "UPDATE job SET done = ?, resume_at = ?, result = ?, updated_at = ? WHERE id = ?",
            [Int64(done), resumeAt, String(decoding: result.serialized(), as: UTF8.self), Timestamp.now(), id])
    }

    /// Ends a job as `done`, `failed` (with the reason) or `cancelled`; audited as `job.finished`.
    public static func finish(
        _ db: Database, id: Int64, status: String, result: JSONValue?, error: String? = nil, actor: AuditActor
    ) throws {
        let now = Timestamp.now()
        if let result {
            try db.execute("UPDATE job SET result = ? WHERE id = ?", [String(decoding: result.serialized(), as: UTF8.self), id])
        }
        try db.execute(
            "UPDATE job SET status = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?", [status, error, now, now, id])
        try JobCustomers.release(db, jobID: id)
        var summary: [String: JSONValue] = ["status": .string(status)]
        if let error { summary["error"] = .string(error) }
        if case .object(let members)? = result {
            for (key, value) in members where key != "problems" { summary[key] = value }
        }
        try AuditLog.record(db, actor: actor, action: "job.finished", entity: "job", entityID: String(id), after: .object(summary))
    }

    /// Asks a running job to stop after its current batch; audited.
    public static func requestCancel(_ db: Database, id: Int64, actor: AuditActor, requestID: String?) throws -> JSONValue {
        guard let status = try db.scalar("SELECT status FROM job WHERE id = ?", [id], as: String.self) else {
            throw HTTPError.notFound("No job with id \(id).", code: "job_not_found")
        }
        guard status == "running" else {
            throw HTTPError.conflict("Job \(id) is \(status); only a running job can be cancelled.", code: "job_not_running")
        }
        try db.execute("UPDATE job SET cancel_requested = 1, updated_at = ? WHERE id = ?", [Timestamp.now(), id])
        try AuditLog.record(db, actor: actor, action: "job.cancel_requested", entity: "job", entityID: String(id), requestID: requestID)
        return try require(db, id: id)
    }

    /// Running jobs, oldest first: after a restart these are resumed or failed.
    public static func running(_ db: Database) throws -> [(id: Int64, kind: String, parameters: JSONValue, resumeAt: Int64, done: Int)] {
        try db.query("SELECT id, kind, parameters, resume_at, done FROM job WHERE status = 'running' ORDER BY id").map { row in
            let text: String = try row.get("parameters")
            let parameters = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null
            return (try row.get("id"), try row.get("kind"), parameters, try row.get("resume_at"), Int(try row.get("done", as: Int64.self)))
        }
    }

    /// The stored result of a job (to continue counting after a resume).
    public static func result(_ db: Database, id: Int64) throws -> JSONValue? {
        guard let text = try db.scalar("SELECT result FROM job WHERE id = ?", [id], as: String.self) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Jobs, newest first, with progress and results.
    public static func list(_ db: Database, limit: Int = 50, before: Int64? = nil) throws -> [JSONValue] {
        try db.query(
            "SELECT * FROM job WHERE id < ? ORDER BY id DESC LIMIT ?", [before ?? Int64.max, Int64(limit)]
        ).map(json)
    }

    public static func require(_ db: Database, id: Int64) throws -> JSONValue {
        guard let row = try db.queryRow("SELECT * FROM job WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No job with id \(id).", code: "job_not_found")
        }
        return try json(row)
    }

    /// A job as the API shows it: progress with the rate (rows a second) and the ETA in seconds.
    static func json(_ row: Row) throws -> JSONValue {
        func decoded(_ column: String) -> JSONValue {
            guard let text = row[column].textValue else { return .null }
            return (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null
        }
        let done: Int64 = try row.get("done")
        let total = row["total"]
        let created: String = try row.get("created_at")
        let updated: String = try row.get("updated_at")
        var rate: JSONValue = .null
        var eta: JSONValue = .null
        if let start = try? row.get("created_at", as: Date.self), let last = try? row.get("updated_at", as: Date.self) {
            let seconds = last.timeIntervalSince(start)
            if seconds > 0, done > 0 {
                let perSecond = Double(done) / seconds
                rate = .double((perSecond * 10).rounded() / 10)
                if case .integer(let all) = total, row["status"].textValue == "running" {
                    eta = .double((Double(max(0, all - done)) / perSecond * 10).rounded() / 10)
                }
            }
        }
        var totalJSON: JSONValue = .null
        if case .integer(let all) = total { totalJSON = .int(all) }
        return .object([
            "id": .int(try row.get("id")), "kind": .string(try row.get("kind")), "status": .string(try row.get("status")),
            "parameters": decoded("parameters"),
            "progress": .object(["done": .int(done), "total": totalJSON, "rowsPerSecond": rate, "etaSeconds": eta]),
            "cancelRequested": .bool(try row.get("cancel_requested", as: Int64.self) == 1), "result": decoded("result"),
            "error": row["error"].textValue.map { .string($0) } ?? .null, "createdBy": .string(try row.get("created_by")),
            "createdAt": .string(created), "updatedAt": .string(updated),
            "finishedAt": row["finished_at"].textValue.map { .string($0) } ?? .null,
        ])
    }
}
