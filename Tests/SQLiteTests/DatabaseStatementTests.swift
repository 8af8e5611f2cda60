import Foundation
import Testing

@testable import SQLite

@Suite struct DatabaseStatementTests {
    let directory: TemporaryDirectory
    let db: Database

    init() throws {
        directory = try .make()
        db = try Database(path: directory.path("shop.sqlite"), options: OpenOptions(create: true))
        try db.executeScript(
            """
            CREATE TABLE customers(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT);
            -- a comment between statements
            CREATE TABLE numbers(n INTEGER NOT NULL);
            """
        )
    }

    @Test func executeQueryAndAccessors() throws {
        try db.execute("INSERT INTO customers(email, name) VALUES(?, ?)", ["a@example.com", "Åsa"])
        #expect(db.changes == 1)
        #expect(db.lastInsertRowID == 1)
        try db.execute("INSERT INTO customers(email, name) VALUES(?, ?)", ["b@example.com", nil])
        let rows = try db.query("SELECT id, email, name FROM customers ORDER BY id")
        #expect(rows.count == 2)
        #expect(rows[0].columns == ["id", "email", "name"])
        #expect(try rows[0].get("name", as: String.self) == "Åsa")
        #expect(try rows[1].get("name", as: String?.self) == nil)
        #expect(rows[1][1] == .text("b@example.com"))
        // Rows of one query share one column table.
        #expect(rows[0].layout === rows[1].layout)
        #expect(try db.queryRow("SELECT * FROM customers WHERE id = ?", [99]) == nil)
        #expect(try db.scalar("SELECT name FROM customers WHERE id = 2", as: String.self) == nil)
        #expect(try db.scalar("SELECT count(*) FROM customers", as: Int.self) == 2)
    }

    @Test func errorsCarryCodeMessageAndSQLButNeverABoundValue() throws {
        let secret = "s3cret-Ødegård@example.com"
        try db.execute("INSERT INTO customers(email) VALUES(?)", [secret])
        let sql = "INSERT INTO customers(email) VALUES(?)"
        let error = try #require(throws: SQLiteError.self) { try db.execute(sql, [secret]) }
        #expect(error.resultCode == 19)  // SQLITE_CONSTRAINT
        #expect(error.extendedResultCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.isConstraintViolation)
        #expect(error.isUniqueViolation)
        #expect(!error.isBusy)
        #expect(error.message.contains("UNIQUE constraint failed: customers.email"))
        #expect(error.sql == sql)
        #expect(!error.description.contains(secret))
        #expect(!error.description.contains("s3cret"))
        #expect(!"\(error)".contains("s3cret"))
        #expect(error.description.contains(sql))
    }

    @Test func syntaxErrorsAndArgumentMistakesAreReported() throws {
        let syntax = try #require(throws: SQLiteError.self) { try db.execute("SELEC 1") }
        #expect(syntax.resultCode == 1)
        #expect(syntax.sql == "SELEC 1")
        let count = try #require(throws: SQLiteError.self) { try db.execute("SELECT ?, ?", [1]) }
        #expect(count.message.contains("2 arguments"))
        let two = try #require(throws: SQLiteError.self) { try db.execute("SELECT 1; SELECT 2") }
        #expect(two.message.contains("executeScript"))
        try db.execute("SELECT 1; -- trailing comment is fine")
    }

    @Test func scriptErrorsNameTheFailingStatement() throws {
        let error = try #require(throws: SQLiteError.self) {
            try db.executeScript("CREATE TABLE a(x); INSERT INTO nowhere VALUES(1); CREATE TABLE b(x);")
        }
        #expect(error.sql == "INSERT INTO nowhere VALUES(1)")
        #expect(try db.scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b')", as: Int.self) == 1)
    }

    @Test func statementCacheReusesStatements() throws {
        let before = db.preparedStatementCount
        for index in 0..<100 {
            try db.execute("INSERT INTO numbers(n) VALUES(?)", [index])
        }
        #expect(db.preparedStatementCount == before + 1)
        for _ in 0..<50 {
            _ = try db.scalar("SELECT sum(n) FROM numbers", as: Int.self)
        }
        #expect(db.preparedStatementCount == before + 2)
    }

    @Test func statementCacheIsBounded() throws {
        for index in 0..<300 {
            _ = try db.scalar("SELECT \(index)", as: Int.self)
        }
        #expect(db.cachedStatementCount <= 128)
        #expect(try db.scalar("SELECT 299", as: Int.self) == 299)
    }

    @Test func aStatementThatFailedMidwayWorksNextTime() throws {
        try db.execute("INSERT INTO numbers(n) VALUES(1), (2), (?), (4)", [Int64.min])
        // abs(Int64.min) overflows on the third row, after two rows were produced.
        let sql = "SELECT abs(n) AS a FROM numbers ORDER BY rowid"
        var seen: [Int] = []
        #expect(throws: SQLiteError.self) {
            try db.forEachRow(sql) { seen.append(try $0.get("a")) }
        }
        #expect(seen == [1, 2])
        try db.execute("DELETE FROM numbers WHERE n = ?", [Int64.min])
        #expect(try db.query(sql).map { try $0.get("a", as: Int.self) } == [1, 2, 4])

        // A body that throws midway leaves the statement reusable too.
        struct Stop: Error {}
        #expect(throws: Stop.self) { try db.forEachRow(sql) { _ in throw Stop() } }
        #expect(try db.query(sql).count == 3)

        // A constraint failure leaves the INSERT statement reusable with new arguments.
        try db.execute("INSERT INTO customers(email) VALUES(?)", ["x@example.com"])
        #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO customers(email) VALUES(?)", ["x@example.com"]) }
        try db.execute("INSERT INTO customers(email) VALUES(?)", ["y@example.com"])
        #expect(try db.scalar("SELECT count(*) FROM customers", as: Int.self) == 2)
    }

    @Test func nestedUseOfTheSameSQLDoesNotDisturbTheOuterCursor() throws {
        try db.execute("INSERT INTO numbers(n) VALUES(1), (2), (3)")
        let sql = "SELECT n FROM numbers WHERE n >= ? ORDER BY n"
        var pairs: [[Int]] = []
        try db.forEachRow(sql, [1]) { outer in
            let inner = try db.query(sql, [try outer.get("n", as: Int.self)]).map { try $0.get("n", as: Int.self) }
            pairs.append(inner)
        }
        #expect(pairs == [[1, 2, 3], [2, 3], [3]])
    }

    @Test func resultColumnsFollowSchemaChanges() throws {
        try db.execute("INSERT INTO numbers(n) VALUES(5)")
        #expect(try db.queryRow("SELECT * FROM numbers")?.columns == ["n"])
        try db.execute("ALTER TABLE numbers ADD COLUMN label TEXT")
        let row = try #require(try db.queryRow("SELECT * FROM numbers"))
        #expect(row.columns == ["n", "label"])
        try db.execute("ALTER TABLE numbers RENAME COLUMN label TO title")
        #expect(try db.queryRow("SELECT * FROM numbers")?.columns == ["n", "title"])
    }

    @Test func forEachRowStreamsAHundredThousandRows() throws {
        try db.transaction {
            for index in 0..<100_000 {
                try db.execute("INSERT INTO numbers(n) VALUES(?)", [index])
            }
        }
        var count = 0
        var sum = 0
        try db.forEachRow("SELECT n FROM numbers ORDER BY n") { row in
            count += 1
            sum += try row.get("n", as: Int.self)
        }
        #expect(count == 100_000)
        #expect(sum == 99_999 * 100_000 / 2)
    }
}
