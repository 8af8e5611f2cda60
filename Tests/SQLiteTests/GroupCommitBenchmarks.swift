import Foundation
import Testing

@testable import SQLite

/// Durable inserts per second into one file, with and without group commit; run by
/// Scripts/bench/sqlite-writes (release build), skipped in ordinary test runs.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SHOPADMIN_BENCH"] != nil))
struct GroupCommitBenchmarks {
    struct Figure {
        let writers: Int
        let batched: Bool
        let inserts: Int
        let seconds: Double
        let commits: Int
    }

    static let insertsPerRun = Int(ProcessInfo.processInfo.environment["SHOPADMIN_BENCH_INSERTS"] ?? "") ?? 6_000

    static let writerCounts =
        ProcessInfo.processInfo.environment["SHOPADMIN_BENCH_WRITERS"]?.split(separator: ",").compactMap { Int($0) } ?? [1, 8, 64]

    @Test func durableInsertsPerSecond() async throws {
        var figures: [Figure] = []
        for writers in Self.writerCounts {
            for batched in [false, true] {
                figures.append(try await Self.run(writers: writers, batched: batched))
            }
        }
        print("durable inserts/s into one file (WAL, synchronous=FULL), \(Self.insertsPerRun) inserts per run")
        for figure in figures {
            let mode = figure.batched ? "group commit" : "one transaction per write"
            let rate = Double(figure.inserts) / figure.seconds
            let perCommit = Double(figure.inserts) / Double(max(figure.commits, 1))
            print(
                "writers=\(figure.writers) \(mode): \(Int(rate)) inserts/s, \(figure.commits) commits, "
                    + "\(String(format: "%.1f", perCommit)) writes/commit, \(String(format: "%.2f", figure.seconds)) s")
        }
        #expect(figures.allSatisfy { $0.inserts == Self.insertsPerRun / $0.writers * $0.writers })
    }

    /// Inserts `insertsPerRun` customer-like rows from `writers` concurrent tasks, each awaiting
    /// its writes one after another (as HTTP handlers do), into a fresh file.
    static func run(writers: Int, batched: Bool) async throws -> Figure {
        let directory = try TemporaryDirectory.make()
        let queue = try DatabaseQueue(
            path: directory.path("bench.sqlite"), options: OpenOptions(create: true),
            limits: batched ? .standard : .oneWritePerTransaction)
        try queue.writeSync { db in
            try db.execute(
                """
                CREATE TABLE customers(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                created_at TEXT NOT NULL)
                """)
        }
        let perWriter = insertsPerRun / writers
        let commitsBefore = queue.groupCommitCount
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<perWriter {
                        try await queue.write { db in
                            try db.execute(
                                "INSERT INTO customers(email, name, created_at) VALUES(?, ?, ?)",
                                ["c\(writer)-\(index)@example.test", "Customer \(index)", "2026-01-01T00:00:00Z"])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        let inserts = try await queue.read { try $0.scalar("SELECT count(*) FROM customers", as: Int.self) } ?? 0
        await queue.close()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Figure(
            writers: writers, batched: batched, inserts: inserts, seconds: seconds, commits: queue.groupCommitCount - commitsBefore)
    }
}
