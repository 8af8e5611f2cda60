import Foundation
import Testing

@testable import SQLite

/// `Database.beforeCommit`: work done once per transaction, after the savepoints and just
/// before COMMIT, against real files, alone and under group commit.
@Suite struct BeforeCommitTests {
    struct Failure: Error {}

    let directory: TemporaryDirectory
    let queue: DatabaseQueue

    init() throws {
        directory = try .make()
        queue = try DatabaseQueue(path: directory.path("shop.sqlite"), options: OpenOptions(create: true))
        try queue.writeSync { db in
            try db.execute("CREATE TABLE pending(n INTEGER PRIMARY KEY)")
            try db.execute("CREATE TABLE applied(n INTEGER PRIMARY KEY, batch INTEGER NOT NULL)")
            try db.execute("CREATE TABLE flushes(id INTEGER PRIMARY KEY)")
        }
    }

    /// Moves the pending rows into `applied`, tagged with this flush's number.
    static func flush(_ db: Database) throws {
        try db.execute("INSERT INTO flushes DEFAULT VALUES")
        try db.execute("INSERT INTO applied(n, batch) SELECT n, ? FROM pending", [db.lastInsertRowID])
        try db.execute("DELETE FROM pending")
    }

    func count(_ table: String) async throws -> Int {
        try await queue.read { db in try db.scalar("SELECT count(*) FROM \(table)", as: Int.self) ?? 0 }
    }

    @Test func runsOncePerTransactionAfterItsSavepoints() async throws {
        try await queue.write { db in
            for n in 1...3 {
                try db.savepoint {
                    try db.execute("INSERT INTO pending(n) VALUES(?)", [n])
                    try db.beforeCommit("flush", Self.flush)
                }
            }
            // Not yet: the action waits for the end of the transaction.
            #expect(try db.scalar("SELECT count(*) FROM applied", as: Int.self) == 0)
        }
        #expect(try await count("applied") == 3)
        #expect(try await count("flushes") == 1)
        #expect(try await count("pending") == 0)
    }

    @Test func aRolledBackWriteForgetsItsActions() async throws {
        await #expect(throws: Failure.self) {
            try await queue.write { db in
                try db.execute("INSERT INTO pending(n) VALUES(1)")
                try db.beforeCommit("flush", Self.flush)
                throw Failure()
            }
        }
        try await queue.write { db in try db.execute("INSERT INTO pending(n) VALUES(2)") }
        // The failed write's action did not run in the next transaction.
        #expect(try await count("flushes") == 0)
        #expect(try await count("pending") == 1)
    }

    @Test func aRolledBackSavepointDropsWhatItRegisteredButKeepsTheRest() async throws {
        try await queue.write { db in
            try db.savepoint {
                try db.execute("INSERT INTO pending(n) VALUES(1)")
                try db.beforeCommit("flush", Self.flush)
            }
            _ = try? db.savepoint {
                try db.execute("INSERT INTO pending(n) VALUES(2)")
                try db.beforeCommit("flush", Self.flush)
                throw Failure()
            }
        }
        #expect(try await count("applied") == 1)
        #expect(try await count("flushes") == 1)
        try await queue.write { db in
            _ = try? db.savepoint {
                try db.execute("INSERT INTO pending(n) VALUES(3)")
                try db.beforeCommit("flush", Self.flush)
                throw Failure()
            }
        }
        #expect(try await count("flushes") == 1)
    }

    @Test func outsideATransactionItRunsAtOnce() async throws {
        try await queue.write { db in try db.execute("INSERT INTO pending(n) VALUES(1)") }
        try await queue.maintenance { db in try db.beforeCommit("flush", Self.flush) }
        #expect(try await count("applied") == 1)
    }

    @Test func aGroupCommitBatchFlushesOnceAndFailedWritesLeaveNothingBehind() async throws {
        let queue = self.queue
        await withTaskGroup(of: Void.self) { group in
            for n in 1...200 {
                group.addTask {
                    _ = try? await queue.write { db in
                        try db.execute("INSERT INTO pending(n) VALUES(?)", [n])
                        try db.beforeCommit("flush", Self.flush)
                        if n.isMultiple(of: 10) { throw Failure() }
                    }
                }
            }
        }
        let applied = try await queue.read { db in
            try db.query("SELECT n FROM applied ORDER BY n").map { try $0.get("n", as: Int.self) }
        }
        #expect(applied == (1...200).filter { !$0.isMultiple(of: 10) })
        #expect(try await count("pending") == 0)
        // At most one flush per transaction, not one per write.
        #expect(try await count("flushes") <= queue.groupCommitCount)
        #expect(try await count("flushes") < 200)
    }
}
