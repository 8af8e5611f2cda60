import Foundation
import SQLite

/// A customer import of one CSV file: a dry run that validates every row against the shop
/// (the same writes as the real import, rolled back) and reports, or the real import as a
/// job committing batches of `batchSize` rows, each batch with the job's progress in one
/// transaction. After a crash the job resumes after its last committed row; rows already
/// written are matched again anyway (`CustomerImportWriter`), so no customer is doubled.
public struct CustomerImport: Sendable {
    /// Opens the file again from its start (a resume or a second pass reads it anew).
    public let open: @Sendable () throws -> CSVReader
    public let modules: [any FeatureModule]
    public let actor: AuditActor
    public let requestID: String?
    public var batchSize = 2000
    /// At most this many problems are kept in a report; the rest are counted.
    public static let reportedProblems = 1000

    public init(
        modules: [any FeatureModule], actor: AuditActor, requestID: String? = nil, open: @escaping @Sendable () throws -> CSVReader
    ) {
        self.open = open
        self.modules = modules
        self.actor = actor
        self.requestID = requestID
    }

    /// Reads a file on disk (the CLI, an uploaded file kept for its job).
    public static func file(_ path: String, separator: UInt8? = nil) -> @Sendable () throws -> CSVReader {
        { try CSVReader.file(path, separator: separator) }
    }

    var moduleMembers: [String] { modules.flatMap { $0.customerRecordMembers.keys.sorted() } }
    var moduleColumns: [CustomerCSVColumn] { modules.flatMap(\.customerCSVColumns) }

    /// The number of data rows (records after the header), for the job's total.
    public func countRows() throws -> Int {
        var reader = try open()
        var count = 0
        while try reader.next() != nil { count += 1 }
        return max(0, count - 1)
    }

    /// Validates every row without keeping any write; the report names each problem's row and column.
    public func dryRun(_ queue: DatabaseQueue, progress: @Sendable (Int) -> Void = { _ in }) async throws -> JSONValue {
        try await process(queue, jobID: nil, resumeAt: 0, previous: nil, dryRun: true, progress: progress)
    }

    /// Starts the real import as a job and returns its id; run it with `run`.
    public func start(_ queue: DatabaseQueue, parameters: JSONValue, total: Int?) async throws -> Int64 {
        let actor = self.actor
        let requestID = self.requestID
        return try await queue.write { db in
            try ShopJobs.create(db, kind: "customer-import", parameters: parameters, total: total, actor: actor, requestID: requestID)
        }
    }

    /// Runs (or resumes) the import job `jobID`; returns the final report. A cancel request
    /// stops it between batches, with every committed batch kept.
    @discardableResult
    public func run(_ queue: DatabaseQueue, jobID: Int64, progress: @Sendable (Int) -> Void = { _ in }) async throws -> JSONValue {
        let actor = self.actor
        let (resumeAt, previous) = try await queue.read { db -> (Int64, JSONValue?) in
            let row = try db.queryRow("SELECT resume_at, status FROM job WHERE id = ?", [jobID])
            guard let row else { throw HTTPError.notFound("No job with id \(jobID).", code: "job_not_found") }
            return (try row.get("resume_at"), try ShopJobs.result(db, id: jobID))
        }
        do {
            let report = try await process(queue, jobID: jobID, resumeAt: resumeAt, previous: previous, dryRun: false, progress: progress)
            try await queue.write { db in try ShopJobs.finish(db, id: jobID, status: "done", result: report, actor: actor) }
            return report
        } catch is ShopJobs.Cancelled {
            try await queue.write { db in
                try ShopJobs.finish(db, id: jobID, status: "cancelled", result: nil, error: "cancelled by request", actor: actor)
            }
            return try await queue.read { db in try ShopJobs.result(db, id: jobID) ?? .null }
        } catch {
            let reason = (error as? HTTPError)?.message ?? String(describing: error)
            try? await queue.write { db in try ShopJobs.finish(db, id: jobID, status: "failed", result: nil, error: reason, actor: actor) }
            throw error
        }
    }

    private struct DryRunRollback: Error {}

    private func process(
        _ queue: DatabaseQueue, jobID: Int64?, resumeAt: Int64, previous: JSONValue?, dryRun: Bool, progress: @Sendable (Int) -> Void
    ) async throws -> JSONValue {
        var parser = try CustomerCSVParser(reader: try open(), moduleMembers: moduleMembers, moduleColumns: moduleColumns)
        let header = parser.header
        var totals = CustomerImportWriter.Outcome()
        var problemCount = 0
        func count(_ value: JSONValue?) -> Int {
            if case .int(let number)? = value { return Int(number) }
            return 0
        }
        if case .object(let old)? = previous {
            totals.created = count(old["created"])
            totals.updated = count(old["updated"])
            totals.unchanged = count(old["unchanged"])
            totals.failed = count(old["failed"])
            if case .array(let items)? = old["problems"] {
                totals.problems = items.compactMap { item in
                    guard case .int(let row)? = item["row"] else { return nil }
                    return CustomerImportProblem(
                        row: Int(row), column: item["column"]?.stringValue, code: item["code"]?.stringValue ?? "",
                        message: item["message"]?.stringValue ?? "")
                }
            }
            if case .int(let count)? = old["problemCount"] { problemCount = Int(count) }
        }
        let (modules, actor, requestID) = (self.modules, self.actor, self.requestID)
        var batch: [CustomerImportRow] = []
        var ended = false
        while !ended {
            batch.removeAll(keepingCapacity: true)
            while batch.count < batchSize {
                guard let row = try parser.next() else {
                    ended = true
                    break
                }
                if row.lastRow <= resumeAt { continue }
                batch.append(row)
            }
            if batch.isEmpty { break }
            let rows = batch
            let before = totals
            let kept = problemCount
            let outcome = try await queue.write { db -> CustomerImportWriter.Outcome in
                let writer = try CustomerImportWriter(db: db, actor: actor, requestID: requestID, modules: modules, header: header)
                if dryRun {
                    var outcome = CustomerImportWriter.Outcome()
                    do {
                        try db.savepoint {
                            outcome = try writer.apply(rows)
                            throw DryRunRollback()
                        }
                    } catch is DryRunRollback {}
                    return outcome
                }
                let outcome = try writer.apply(rows)
                if let jobID {
                    var after = before
                    after.add(outcome)
                    let report = CustomerImport.report(header, after, problemCount: kept + outcome.problems.count)
                    try ShopJobs.progress(
                        db, id: jobID, done: after.created + after.updated + after.unchanged + after.failed,
                        resumeAt: Int64(rows.last!.lastRow), result: report)
                }
                return outcome
            }
            totals.add(outcome)
            problemCount += outcome.problems.count
            if totals.problems.count > Self.reportedProblems { totals.problems.removeLast(totals.problems.count - Self.reportedProblems) }
            progress(totals.created + totals.updated + totals.unchanged + totals.failed)
        }
        var report = CustomerImport.report(header, totals, problemCount: problemCount)
        if case .object(var members) = report {
            members["dryRun"] = .bool(dryRun)
            report = .object(members)
        }
        return report
    }

    /// The report: the format found, what each column became, unknown and ignored columns,
    /// the counts and the problems (row, column, code, message).
    static func report(_ header: CustomerCSVHeader, _ outcome: CustomerImportWriter.Outcome, problemCount: Int) -> JSONValue {
        let problems = outcome.problems.prefix(reportedProblems)
        return .object([
            "format": .string(header.format.rawValue),
            "unknownColumns": .array(header.unknownColumns.map { .string($0) }),
            "ignoredColumns": .array(
                header.ignoredColumns.map { .object(["column": .string($0.column), "reason": .string($0.reason)]) }),
            "rows": .int(Int64(outcome.created + outcome.updated + outcome.unchanged + outcome.failed)),
            "created": .int(Int64(outcome.created)), "updated": .int(Int64(outcome.updated)),
            "unchanged": .int(Int64(outcome.unchanged)), "failed": .int(Int64(outcome.failed)),
            "problemCount": .int(Int64(problemCount)), "problems": .array(problems.map(\.json)),
        ])
    }
}
