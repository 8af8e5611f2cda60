import Foundation
import Testing

@testable import SQLite

@Suite struct DatabaseQueueTests {
    struct Failure: Error {}

    let directory: TemporaryDirectory
    let queue: DatabaseQueue

    init() throws {
        directory = try .make()
        queue = try DatabaseQueue(path: directory.path("shop.sqlite"), options: OpenOptions(create: true))
        try queue.writeSync { db in
            try db.execute("CREATE TABLE counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL)")
            try db.execute("INSERT INTO counters VALUES('a', 0), ('b', 0)")
        }
    }

    @Test func concurrentWritersLoseNothing() async throws {
        let queue = self.queue
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let name = index.isMultiple(of: 2) ? "a" : "b"
                    try await queue.write { db in
                        // Read-modify-write: only safe because writes are serialized.
                        let value = try db.scalar("SELECT value FROM counters WHERE name = ?", [name], as: Int.self) ?? 0
                        try db.execute("UPDATE counters SET value = ? WHERE name = ?", [value + 1, name])
                    }
                }
                group.addTask {
                    let total = try await queue.read { db in
                        try db.scalar("SELECT sum(value) FROM counters", as: Int.self)
                    }
                    #expect((0...200).contains(total ?? -1))
                }
            }
            try await group.waitForAll()
        }
        let values = try await queue.read { db in
            try db.query("SELECT value FROM counters ORDER BY name").map { try $0.get("value", as: Int.self) }
        }
        #expect(values == [100, 100])
    }

    @Test func readsSeeCommittedWritesAndFailedWritesRollBack() async throws {
        let id = try await queue.write { db in
            try db.execute("INSERT INTO counters VALUES('c', 7)")
            return db.lastInsertRowID
        }
        #expect(id > 0)
        #expect(try await queue.read { try $0.scalar("SELECT value FROM counters WHERE name = 'c'", as: Int.self) } == 7)

        await #expect(throws: Failure.self) {
            try await queue.write { db in
                try db.execute("UPDATE counters SET value = 99")
                throw Failure()
            }
        }
        #expect(try queue.readSync { try $0.scalar("SELECT max(value) FROM counters", as: Int.self) } == 7)
    }

    @Test func readsCannotWrite() async throws {
        await #expect(throws: SQLiteError.self) {
            try await queue.read { db in try db.execute("DELETE FROM counters") }
        }
        #expect(throws: SQLiteError.self) {
            try queue.readSync { db in try db.executeScript("SELECT 1; UPDATE counters SET value = 1;") }
        }
        #expect(try queue.readSync { try $0.scalar("SELECT count(*) FROM counters WHERE value = 0", as: Int.self) } == 2)
        // And the connection is writable again afterwards.
        try await queue.write { db in try db.execute("DELETE FROM counters WHERE name = 'b'") }
    }

    @Test func closeThenUseThrows() async throws {
        #expect(!queue.isClosed)
        await queue.close()
        #expect(queue.isClosed)
        let error = await #expect(throws: SQLiteError.self) {
            try await queue.read { try $0.scalar("SELECT 1", as: Int.self) }
        }
        #expect(error?.message.contains("closed") == true)
        await #expect(throws: SQLiteError.self) { try await queue.write { _ in } }
        #expect(throws: SQLiteError.self) { try queue.writeSync { _ in } }
        await queue.close()
        queue.closeSync()
        // The checkpoint on close emptied the WAL into the database file.
        let wal = directory.path("shop.sqlite-wal")
        let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(walSize == 0)
    }

    @Test func dataSurvivesReopening() async throws {
        try await queue.write { db in try db.execute("UPDATE counters SET value = 5 WHERE name = 'a'") }
        queue.closeSync()
        let reopened = try DatabaseQueue(path: directory.path("shop.sqlite"))
        #expect(try await reopened.read { try $0.scalar("SELECT value FROM counters WHERE name = 'a'", as: Int.self) } == 5)
    }

    @Test func migrateAndBackupRunOnTheQueue() async throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(owner: "core", id: "001") { db in
            try db.execute("CREATE TABLE notes(body TEXT)")
        }
        #expect(try await queue.migrate(migrator) == ["core/001"])
        #expect(try queue.migrateSync(migrator).isEmpty)
        let target = directory.path("backup.sqlite")
        try await queue.read { db in try db.backup(to: target) }
        let copy = try Database(path: target)
        #expect(try DatabaseMigrator.appliedMigrations(copy) == ["core/001"])
        #expect(try copy.scalar("SELECT sum(value) FROM counters", as: Int.self) == 0)
    }

    @Test func openingAMissingFileThrows() {
        #expect(throws: SQLiteError.self) { try DatabaseQueue(path: directory.path("missing.sqlite")) }
        #expect(!directory.exists("missing.sqlite"))
    }
}
