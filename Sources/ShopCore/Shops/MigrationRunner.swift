import Foundation
import SQLite

/// Migrates every shop, one at a time in slug order, recording its progress in the
/// registry so that a run stopped by a failure resumes at the shop that failed.
public struct MigrationRunner: Sendable {
    /// Progress after each shop.
    public struct Progress: Sendable {
        public let done: Int
        public let total: Int
        public let slug: ShopSlug
        public let applied: [String]
    }

    /// The outcome of a whole run.
    public struct Report: Sendable, Codable {
        public let runID: Int64
        public let resumed: Bool
        public let total: Int
        public let done: Int
        public let migrationsApplied: Int
    }

    /// A run stopped at a shop whose migration failed.
    public struct Failure: Error, CustomStringConvertible {
        public let runID: Int64
        public let slug: ShopSlug
        public let done: Int
        public let total: Int
        public let reason: String
        public var description: String {
            "migration of shop \(slug) failed (\(done) of \(total) shops done): \(reason); run it again to resume from \(slug)"
        }
    }

    let service: ShopService

    public init(service: ShopService) { self.service = service }

    public func run(progress: @Sendable (Progress) -> Void = { _ in }) async throws -> Report {
        let registry = service.registry.database
        let shops = service.registry.allShops()
        // Resume the latest unfinished run, else start one.
        let (runID, cursor, startDone, resumed) = try await registry.write { db -> (Int64, String?, Int, Bool) in
            if let row = try db.queryRow(
                "SELECT id, cursor, done FROM migration_run WHERE status IN ('running','failed') ORDER BY id DESC LIMIT 1")
            {
                try db.execute(
                    "UPDATE migration_run SET status = 'running', total = ? WHERE id = ?", [shops.count, try row.get("id", as: Int64.self)])
                return (try row.get("id"), try row.get("cursor"), try row.get("done"), true)
            }
            try db.execute(
                "INSERT INTO migration_run(started_at, status, total) VALUES(?, 'running', ?)", [Timestamp.now(), shops.count])
            return (db.lastInsertRowID, nil, 0, false)
        }
        var done = startDone
        var applied = 0
        for record in shops where cursor == nil || record.slug.value > cursor! {
            let migrations: [String]
            do {
                migrations = try await service.migrate(record.slug)
            } catch {
                let reason = String(describing: error)
                try await registry.write { db in
                    try db.execute(
                        "UPDATE migration_run SET status = 'failed', failed_slug = ?, error = ? WHERE id = ?",
                        [record.slug.value, reason, runID])
                }
                throw Failure(runID: runID, slug: record.slug, done: done, total: shops.count, reason: reason)
            }
            done += 1
            applied += migrations.count
            let doneNow = done
            try await registry.write { db in
                try db.execute("UPDATE migration_run SET cursor = ?, done = ? WHERE id = ?", [record.slug.value, doneNow, runID])
            }
            progress(Progress(done: done, total: shops.count, slug: record.slug, applied: migrations))
        }
        try await registry.write { db in
            try db.execute(
                "UPDATE migration_run SET status = 'completed', finished_at = ?, failed_slug = NULL, error = NULL WHERE id = ?",
                [Timestamp.now(), runID])
        }
        return Report(runID: runID, resumed: resumed, total: shops.count, done: done, migrationsApplied: applied)
    }

    /// Recent runs, newest first.
    public func history(limit: Int = 20) async throws -> [JSONValue] {
        try await service.registry.database.read { db in
            try db.query("SELECT * FROM migration_run ORDER BY id DESC LIMIT ?", [limit]).map { row in
                var object: [String: JSONValue] = [:]
                for column in row.columns {
                    switch row[column] {
                    case .integer(let value): object[column] = .int(value)
                    case .text(let value): object[column] = .string(value)
                    default: object[column] = .null
                    }
                }
                return .object(object)
            }
        }
    }
}
