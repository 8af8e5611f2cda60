import Foundation
import Testing

@testable import SQLite

@Suite struct DatabaseTransactionTests {
    struct Failure: Error {}

    let directory: TemporaryDirectory
    let db: Database

    init() throws {
        directory = try .make()
        db = try Database(path: directory.path("shop.sqlite"), options: OpenOptions(create: true))
        try db.execute("CREATE TABLE t(a TEXT)")
    }

    func values() throws -> [String] {
        try db.query("SELECT a FROM t ORDER BY rowid").map { try $0.get("a") }
    }

    @Test func commitKeepsRowsAndReturnsTheResult() throws {
        let id = try db.transaction {
            #expect(db.isInsideTransaction)
            try db.execute("INSERT INTO t VALUES('x')")
            return db.lastInsertRowID
        }
        #expect(id == 1)
        #expect(!db.isInsideTransaction)
        #expect(try values() == ["x"])
    }

    @Test func aThrownErrorRollsBackAndLeavesNoRow() throws {
        #expect(throws: Failure.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES('lost')")
                throw Failure()
            }
        }
        #expect(!db.isInsideTransaction)
        #expect(try values().isEmpty)
    }

    @Test func nestedSavepointsRollBackOnlyTheInnerPart() throws {
        try db.transaction {
            try db.execute("INSERT INTO t VALUES('outer')")
            try db.savepoint {
                try db.execute("INSERT INTO t VALUES('middle')")
                #expect(throws: Failure.self) {
                    try db.savepoint {
                        try db.execute("INSERT INTO t VALUES('inner')")
                        throw Failure()
                    }
                }
                // A nested `transaction` becomes a savepoint too.
                #expect(throws: Failure.self) {
                    try db.transaction {
                        try db.execute("INSERT INTO t VALUES('inner2')")
                        throw Failure()
                    }
                }
            }
            try db.execute("INSERT INTO t VALUES('after')")
        }
        #expect(try values() == ["outer", "middle", "after"])
    }

    @Test func anOuterFailureUndoesReleasedSavepoints() throws {
        #expect(throws: Failure.self) {
            try db.transaction {
                try db.savepoint { try db.execute("INSERT INTO t VALUES('inner')") }
                throw Failure()
            }
        }
        #expect(try values().isEmpty)
    }

    @Test func savepointOutsideATransactionCommits() throws {
        try db.savepoint { try db.execute("INSERT INTO t VALUES('x')") }
        #expect(!db.isInsideTransaction)
        #expect(try values() == ["x"])
    }

    @Test func aFailedStatementInsideATransactionCanBeHandled() throws {
        try db.execute("CREATE UNIQUE INDEX t_a ON t(a)")
        try db.transaction {
            try db.execute("INSERT INTO t VALUES('x')")
            do {
                try db.savepoint { try db.execute("INSERT INTO t VALUES('x')") }
            } catch let error as SQLiteError where error.isUniqueViolation {
                try db.execute("INSERT INTO t VALUES('y')")
            }
        }
        #expect(try values() == ["x", "y"])
    }
}
