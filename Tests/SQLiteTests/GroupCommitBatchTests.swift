import Foundation
import Testing

@testable import SQLite

/// Writes forced into one group commit (`inOneBatch`), to pin down what neighbours in a shared
/// transaction can and cannot do to each other.
@Suite struct GroupCommitBatchTests {
    struct Failure: Error, Equatable {
        let index: Int
    }

    // SQLITE_CONSTRAINT_COMMITHOOK and SQLITE_ABORT_ROLLBACK, as SQLite defines them.
    static let commitHookCode: Int32 = 19 | (2 << 8)
    static let abortRollbackCode: Int32 = 4 | (2 << 8)

    let directory: TemporaryDirectory
    let queue: DatabaseQueue

    init() throws {
        directory = try .make()
        queue = try DatabaseQueue.make(path: directory.path("shop.sqlite"), maximumWrites: 64)
        try queue.writeSync { db in
            try db.executeScript(
                """
                CREATE TABLE items(id INTEGER PRIMARY KEY, n INTEGER NOT NULL UNIQUE);
                CREATE TABLE parents(id INTEGER PRIMARY KEY);
                CREATE TABLE children(parent_id INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);
                CREATE TABLE strict_children(parent_id INTEGER REFERENCES parents(id));
                """)
        }
    }

    func storedNumbers() async throws -> [Int] {
        try await queue.read { db in try db.query("SELECT n FROM items ORDER BY n").map { try $0.get("n", as: Int.self) } }
    }

    @Test func oneBatchIsOneCommitAndAFailureInItUndoesOnlyItself() async throws {
        let before = queue.groupCommitCount
        let results = await queue.inOneBatch(30) { index, db in
            try db.execute("INSERT INTO items(n) VALUES(?)", [index])
            if index.isMultiple(of: 10) { throw Failure(index: index) }
            return index
        }
        #expect(queue.groupCommitCount - before == 1)
        for (index, result) in results.enumerated() where index.isMultiple(of: 10) {
            #expect(result.error as? Failure == Failure(index: index))
        }
        #expect(try await storedNumbers() == (0..<30).filter { !$0.isMultiple(of: 10) })
    }

    @Test func aNestedTransactionIsASavepointInsideTheBatch() async throws {
        let results = await queue.inOneBatch(10) { index, db in
            try db.transaction {
                try db.execute("INSERT INTO items(n) VALUES(?)", [index])
                // The inner part fails and is undone; the write itself goes on.
                try? db.transaction {
                    try db.execute("INSERT INTO items(n) VALUES(?)", [index + 100])
                    throw Failure(index: index)
                }
            }
        }
        #expect(results.allSatisfy { $0.error == nil })
        #expect(try await storedNumbers() == Array(0..<10))
    }

    @Test func anUnresolvedDeferredForeignKeyFailsOnlyItsOwnWrite() async throws {
        try await queue.write { db in try db.execute("INSERT INTO parents(id) VALUES(1)") }
        let results = await queue.inOneBatch(10) { index, db in
            if index.isMultiple(of: 2) {
                // Child first, parent later: fine, as the key is only checked at the end.
                try db.execute("INSERT INTO children VALUES(?)", [index + 10])
                try db.execute("INSERT INTO parents(id) VALUES(?)", [index + 10])
            } else {
                try db.execute("INSERT INTO children VALUES(999)")
            }
        }
        for (index, result) in results.enumerated() {
            let error = result.error as? SQLiteError
            #expect(index.isMultiple(of: 2) ? error == nil : error?.isForeignKeyViolation == true)
        }
        let children = try await queue.read { try $0.scalar("SELECT count(*) FROM children", as: Int.self) }
        #expect(children == 5)
    }

    @Test func deferForeignKeysDoesNotCarryOverToTheNextWrite() async throws {
        let results = await queue.inOneBatch(2) { index, db -> String in
            if index == 0 {
                try db.execute("PRAGMA defer_foreign_keys = ON")
                try db.execute("INSERT INTO items(n) VALUES(0)")
                return "deferred"
            }
            do {
                try db.execute("INSERT INTO strict_children VALUES(999)")
                return "accepted"
            } catch let error as SQLiteError where error.isForeignKeyViolation {
                return "refused at once"
            }
        }
        #expect(try results.map { try $0.get() } == ["deferred", "refused at once"])
    }

    @Test func aFailedCommitFailsEveryWriteOfTheBatch() async throws {
        try queue.readSync { $0.vetoesCommitsForTesting = true }
        let results = await queue.inOneBatch(20) { index, db in
            try db.execute("INSERT INTO items(n) VALUES(?)", [index])
            if index == 7 { throw Failure(index: index) }
        }
        for (index, result) in results.enumerated() {
            if index == 7 {
                #expect(result.error as? Failure == Failure(index: 7))
            } else {
                #expect((result.error as? SQLiteError)?.extendedResultCode == Self.commitHookCode)
            }
        }
        try queue.readSync { $0.vetoesCommitsForTesting = false }
        #expect(try await storedNumbers().isEmpty)
        // The queue is usable again.
        try await queue.write { db in try db.execute("INSERT INTO items(n) VALUES(1)") }
        #expect(try await storedNumbers() == [1])
    }

    @Test func aWriteThatEndsTheTransactionLosesItsPredecessorsOnly() async throws {
        let results = await queue.inOneBatch(10) { index, db in
            try db.execute("INSERT INTO items(n) VALUES(?)", [index])
            // Stands for SQLite rolling back on its own (I/O error, full disk).
            if index == 5 { try db.execute("ROLLBACK") }
        }
        for (index, result) in results.enumerated() {
            let code = (result.error as? SQLiteError)?.extendedResultCode
            switch index {
            case 0..<5: #expect(code == Self.abortRollbackCode)
            case 5: #expect(code != nil && code != Self.abortRollbackCode)
            default: #expect(result.error == nil)
            }
        }
        // The writes after it went into the next transaction.
        #expect(try await storedNumbers() == Array(6..<10))
    }

    @Test func closeCommitsTheWritesStillWaiting() async throws {
        let path = directory.path("small-batches.sqlite")
        let queue = try DatabaseQueue.make(path: path, maximumWrites: 4)
        try queue.writeSync { db in try db.execute("CREATE TABLE items(n INTEGER)") }
        let gate = DispatchSemaphore(value: 0)
        queue.queue.async { gate.wait() }
        let writes = (0..<10).map { index in
            Task { try await queue.write { db in try db.execute("INSERT INTO items(n) VALUES(?)", [index]) } }
        }
        while queue.backlog.count < 10 { try await Task.sleep(for: .milliseconds(1)) }
        // The close is queued behind the first drain (4 writes), so the 6 left over are still
        // waiting when it runs: it must commit them, not fail them.
        let closing = Task { await queue.close() }
        while !queue.isClosed { try await Task.sleep(for: .milliseconds(1)) }
        try await Task.sleep(for: .milliseconds(20))
        gate.signal()
        await closing.value
        for write in writes { try await write.value }
        let reopened = try Database(path: path)
        #expect(try reopened.scalar("SELECT count(*) FROM items", as: Int.self) == 10)
    }
}
