import Foundation
import SQLite

/// A customer export written to a file as a job (`POST /customers/export-jobs`), for a list
/// too large to wait for in a browser: the same export as `GET /customers/export.csv` (its
/// format, columns, search and filters), page by page into `<data>/<slug>/exports/`, with
/// progress, and downloadable afterwards (`GET /jobs/{id}/file`). Each page is appended and
/// synced before the job's row records it (rows done, the last customer id, the file's length),
/// so after a crash the job cuts the file back to what a committed row vouches for and goes on
/// after that id: the finished file holds every customer once.
struct CustomerExportJob: Sendable {
    static let kind = "customer-export"

    let export: CustomerCSVExport
    let file: JobFile
    let actor: AuditActor

    /// Starts the job: the job row (total: the customers the selection holds now) and the
    /// audit entry of the export, in the caller's transaction; returns the job's id.
    static func start(
        _ db: Database, export: CustomerCSVExport, parameters: [String: String], path: String, actor: AuditActor, requestID: String?
    ) throws -> Int64 {
        let (sql, arguments) = export.query.selection
        let total = try db.scalar("SELECT count(*) FROM (\(sql))", arguments, as: Int.self) ?? 0
        let stored: JSONValue = .object([
            "query": .object(parameters.mapValues { .string($0) }), "file": .string(path),
            "startedBy": .object(["kind": .string(actor.kind), "id": actor.id.map { .int($0) } ?? .null, "label": .string(actor.label)]),
        ])
        let id = try ShopJobs.create(db, kind: kind, parameters: stored, total: total, actor: actor, requestID: requestID)
        // An export hands personal data out of the shop: audited when it starts.
        try AuditLog.record(
            db, actor: actor, action: "customers.exported", entity: "customer", entityID: nil,
            after: .object([
                "format": .string(export.format.rawValue), "columns": .array(export.columns.map { .string($0) }),
                "query": .object(parameters.mapValues { .string($0) }), "job": .int(id),
            ]), requestID: requestID)
        return id
    }

    /// The export's query parameters and file of a stored job, for a resume.
    static func stored(_ parameters: JSONValue) -> (query: [String: String], path: String, actor: AuditActor)? {
        guard case .object(let query)? = parameters["query"], case .string(let path)? = parameters["file"],
            case .object(let by)? = parameters["startedBy"], case .string(let kind)? = by["kind"], case .string(let label)? = by["label"]
        else { return nil }
        var id: Int64?
        if case .int(let number)? = by["id"] { id = number }
        return (query.compactMapValues(\.stringValue), path, AuditActor(kind: kind, id: id, label: label))
    }

    /// Runs (or resumes) the job; ends it done, cancelled (the file removed) or failed.
    func run(_ queue: DatabaseQueue, jobID: Int64) async {
        let (actor, export, file) = (self.actor, self.export, self.file)
        do {
            var (after, done, offset) = try await queue.read { db -> (Int64, Int, Int) in
                let row = try db.queryRow("SELECT resume_at, done FROM job WHERE id = ?", [jobID])
                var bytes = 0
                if case .int(let length)? = try ShopJobs.result(db, id: jobID)?["bytes"] { bytes = Int(length) }
                return (try row?.get("resume_at") ?? 0, Int(try row?.get("done", as: Int64.self) ?? 0), bytes)
            }
            if offset == 0 {
                try await file.truncate(to: 0)
                let header = export.start()
                try await file.append(header, at: 0)
                offset = header.count
            } else {
                try await file.truncate(to: offset)
            }
            while true {
                let from = after
                let page = try await queue.read { db in try export.page(db, after: from) }
                if !page.bytes.isEmpty { try await file.append(page.bytes, at: offset) }
                offset += page.bytes.count
                done += page.count
                let result = summary(jobID: jobID, rows: done, bytes: offset)
                let (rows, last) = (done, page.last)
                try await queue.write { db in
                    try ShopJobs.progress(db, id: jobID, done: rows, resumeAt: last ?? from, result: result)
                    // The last page ends the job in its own transaction: a resume never appends it twice.
                    if last == nil { try ShopJobs.finish(db, id: jobID, status: "done", result: result, actor: actor) }
                }
                guard let last else { return }
                after = last
            }
        } catch is ShopJobs.Cancelled {
            await file.remove()
            try? await queue.write { db in
                try ShopJobs.finish(db, id: jobID, status: "cancelled", result: nil, error: "cancelled by request", actor: actor)
            }
        } catch {
            let reason = (error as? HTTPError)?.message ?? String(describing: error)
            try? await queue.write { db in try ShopJobs.finish(db, id: jobID, status: "failed", result: nil, error: reason, actor: actor) }
        }
    }

    func summary(jobID: Int64, rows: Int, bytes: Int) -> JSONValue {
        .object([
            "format": .string(export.format.rawValue), "rows": .int(Int64(rows)), "bytes": .int(Int64(bytes)),
            "download": .string("jobs/\(jobID)/file"),
        ])
    }

    /// Runs the job on its own task, leasing the shop's database from the pool for the job.
    static func runInBackground(service: ShopService, slug: ShopSlug, modules: [String], job: CustomerExportJob, jobID: Int64) {
        Task.detached {
            try? await service.pool.withDatabase(slug, modules: modules) { queue in await job.run(queue, jobID: jobID) }
        }
    }
}
