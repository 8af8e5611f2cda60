import Foundation
import Testing

@testable import SQLite

@Suite struct DatabaseBackupTests {
    @Test func backupProducesAFileThatOpensWithTheSameRows() throws {
        let directory = try TemporaryDirectory.make()
        let db = try Database(path: directory.path("shop.sqlite"), options: OpenOptions(create: true))
        try db.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, email TEXT, photo BLOB)")
        try db.transaction {
            for index in 0..<1000 {
                try db.execute("INSERT INTO customers(email, photo) VALUES(?, ?)", ["c\(index)@example.com", [UInt8(index % 256)]])
            }
        }
        try db.backup(to: directory.path("backup.sqlite"))

        let copy = try Database(path: directory.path("backup.sqlite"))
        #expect(try copy.scalar("PRAGMA journal_mode", as: String.self) == "wal")
        let original = try db.query("SELECT * FROM customers ORDER BY id").map(\.values)
        let copied = try copy.query("SELECT * FROM customers ORDER BY id").map(\.values)
        #expect(copied.count == 1000)
        #expect(copied == original)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path("backup.sqlite"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func backupRefusesAnExistingFile() throws {
        let directory = try TemporaryDirectory.make()
        let db = try Database(path: directory.path("shop.sqlite"), options: OpenOptions(create: true))
        try Data("keep me".utf8).write(to: directory.url.appendingPathComponent("existing"))
        let error = try #require(throws: SQLiteError.self) { try db.backup(to: directory.path("existing")) }
        #expect(error.resultCode == 14)
        #expect(try String(contentsOfFile: directory.path("existing"), encoding: .utf8) == "keep me")
    }

    @Test func checkpointEmptiesTheWAL() throws {
        let directory = try TemporaryDirectory.make()
        let db = try Database(path: directory.path("shop.sqlite"), options: OpenOptions(create: true))
        try db.execute("CREATE TABLE t(a)")
        try db.execute("INSERT INTO t VALUES(1)")
        let wal = directory.path("shop.sqlite-wal")
        #expect(((try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0) > 0)
        try db.checkpoint()
        #expect(((try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? -1) == 0)
        try db.checkpoint(truncate: false)
    }
}
