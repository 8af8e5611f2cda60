import Foundation
import Testing

@testable import SQLite

/// `DatabaseQueue.write` under real concurrency, against real files: writes share transactions,
/// yet each behaves as if it had its own.
@Suite struct GroupCommitTests {
    struct Failure: Error, Equatable {
        let index: Int
    }

    let directory: TemporaryDirectory
    let queue: DatabaseQueue

    init() throws {
        directory = try .make()
        queue = try DatabaseQueue(path: directory.path("shop.sqlite"), options: OpenOptions(create: true))
        try queue.writeSync { db in
            try db.execute("CREATE TABLE items(id INTEGER PRIMARY KEY, n INTEGER NOT NULL UNIQUE)")
        }
    }

    func storedNumbers() async throws -> [Int] {
        try await queue.read { db in try db.query("SELECT n FROM items ORDER BY n").map { try $0.get("n", as: Int.self) } }
    }

    @Test func aThousandConcurrentWritesAllLandInFewTransactions() async throws {
        let queue = self.queue
        let before = queue.groupCommitCount
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<1_000 {
                group.addTask {
                    try await queue.write { db in
                        try db.execute("INSERT INTO items(n) VALUES(?)", [index])
                        return db.lastInsertRowID
                    }
                }
            }
            return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
        }
        #expect(ids.count == 1_000)
        #expect(try await storedNumbers() == Array(0..<1_000))
        let commits = queue.groupCommitCount - before
        // One per write without group commit; batches of up to 64 give a few dozen.
        #expect(commits >= 16 && commits < 250, "\(commits) commits for 1,000 writes")
    }

    @Test func failingWritesRollBackAloneAndGetTheirOwnError() async throws {
        let queue = self.queue
        let results = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for index in 0..<200 {
                group.addTask {
                    do {
                        return try await (
                            index,
                            .success(
                                queue.write { db in
                                    try db.execute("INSERT INTO items(n) VALUES(?)", [index])
                                    if index.isMultiple(of: 10) { throw Failure(index: index) }
                                    return index
                                })
                        )
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            return await group.reduce(into: [Int: Result<Int, any Error>]()) { $0[$1.0] = $1.1 }
        }
        for (index, result) in results {
            if index.isMultiple(of: 10) {
                #expect(result.error as? Failure == Failure(index: index))
            } else {
                #expect(try result.get() == index)
            }
        }
        #expect(try await storedNumbers() == (0..<200).filter { !$0.isMultiple(of: 10) })
        #expect(queue.groupCommitCount < 200)
    }

    @Test func aWriteIsCommittedWhenItReturns() async throws {
        let queue = self.queue
        let path = directory.path("shop.sqlite")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await queue.write { db in try db.execute("INSERT INTO items(n) VALUES(?)", [index]) }
                    // A second connection sees committed data only (a short-lived check; in
                    // production one connection per file avoids the WAL-reset race).
                    let other = try Database(path: path, options: OpenOptions(readOnly: true))
                    defer { other.close() }
                    let seen = try other.scalar("SELECT count(*) FROM items WHERE n = ?", [index], as: Int.self)
                    #expect(seen == 1, "write \(index) returned before its commit")
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func aLoneWriterCommitsAlone() async throws {
        let before = queue.groupCommitCount
        for index in 0..<100 {
            try await queue.write { db in try db.execute("INSERT INTO items(n) VALUES(?)", [index]) }
        }
        // Each write commits at once, alone. That it does not wait for company is a matter of
        // time, measured by Scripts/bench/sqlite-writes (one writer), not by a timed unit test.
        #expect(queue.groupCommitCount - before == 100)
    }

    @Test func readsBetweenBatchesSeeOnlyWholeWrites() async throws {
        let queue = self.queue
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask {
                    // Two rows per write: a read must never see one without the other.
                    try await queue.write { db in
                        try db.execute("INSERT INTO items(n) VALUES(?), (?)", [index, index + 1_000])
                    }
                }
                group.addTask {
                    let count = try await queue.read { try $0.scalar("SELECT count(*) FROM items", as: Int.self) } ?? -1
                    #expect(count.isMultiple(of: 2))
                }
            }
            try await group.waitForAll()
        }
        #expect(try await storedNumbers().count == 200)
    }

    @Test func migrateRunsBetweenBatches() async throws {
        let queue = self.queue
        var migrator = DatabaseMigrator()
        migrator.registerMigration(owner: "core", id: "001") { db in try db.execute("CREATE TABLE notes(body TEXT)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask { try await queue.write { db in try db.execute("INSERT INTO items(n) VALUES(?)", [index]) } }
            }
            group.addTask { [migrator] in _ = try await queue.migrate(migrator) }
            try await group.waitForAll()
        }
        #expect(try await storedNumbers().count == 100)
        #expect(try await queue.read { try $0.scalar("SELECT count(*) FROM notes", as: Int.self) } == 0)
    }
}
