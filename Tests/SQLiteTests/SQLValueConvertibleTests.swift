import Foundation
import Testing

@testable import SQLite

@Suite struct SQLValueConvertibleTests {
    let directory: TemporaryDirectory
    let db: Database

    init() throws {
        directory = try .make()
        db = try Database(path: directory.path("values.sqlite"), options: OpenOptions(create: true))
        try db.execute("CREATE TABLE t(v)")
    }

    /// Stores `value` in an untyped column, reads it back through SQLite and converts it.
    func roundTrip<T: SQLValueConvertible>(_ value: T) throws -> T {
        try db.execute("DELETE FROM t")
        try db.execute("INSERT INTO t(v) VALUES(?)", [value])
        let row = try #require(try db.queryRow("SELECT v FROM t"))
        return try row.get("v", as: T.self)
    }

    @Test func integersRoundTrip() throws {
        for value in [Int64.min, -1, 0, 1, Int64.max] {
            #expect(try roundTrip(value) == value)
        }
        for value in [Int.min, 0, Int.max] {
            #expect(try roundTrip(value) == value)
        }
        for value in [Int32.min, 7, Int32.max] {
            #expect(try roundTrip(value) == value)
        }
    }

    @Test func doublesRoundTrip() throws {
        for value in [0.0, -0.5, 1.0 / 3.0, Double.pi, 1e308, -1e-308, Double.infinity, -Double.infinity] {
            #expect(try roundTrip(value) == value)
        }
    }

    @Test func textRoundTrips() throws {
        for value in ["", "plain", "Ærø Åland Øresund æøå ÄÖÜ ð þ", "emoji 👩‍👩‍👧 and 中文", String(repeating: "x", count: 100_000)] {
            #expect(try roundTrip(value) == value)
        }
    }

    @Test func blobsRoundTripIncludingEmpty() throws {
        let empty: [UInt8] = []
        #expect(try roundTrip(empty) == empty)
        #expect(try db.scalar("SELECT typeof(v) FROM t", as: String.self) == "blob")
        let bytes: [UInt8] = [0, 1, 2, 255, 0, 128]
        #expect(try roundTrip(bytes) == bytes)
    }

    @Test func nullAndOptionalsRoundTrip() throws {
        let none: String? = nil
        #expect(try roundTrip(none) == nil)
        #expect(try db.scalar("SELECT typeof(v) FROM t", as: String.self) == "null")
        #expect(try roundTrip(String?.some("x")) == "x")
        #expect(try roundTrip(SQLValue.null) == .null)
        try db.execute("INSERT INTO t(v) VALUES(?)", [nil])
        #expect(try db.scalar("SELECT count(*) FROM t WHERE v IS NULL", as: Int.self) == 2)
    }

    @Test func boolsRoundTripAsZeroAndOne() throws {
        #expect(try roundTrip(true) == true)
        #expect(try db.scalar("SELECT v FROM t", as: Int.self) == 1)
        #expect(try roundTrip(false) == false)
        #expect(try db.scalar("SELECT v FROM t", as: Int.self) == 0)
    }

    @Test func datesRoundTripWithMilliseconds() throws {
        let date = Date(timeIntervalSince1970: 1_795_440_037.123)
        #expect(try roundTrip(date) == date)
        #expect(try db.scalar("SELECT v FROM t", as: String.self) == "2026-11-23T13:20:37.123Z")
        for seconds in [0.0, -1.5, 951_782_400.999, 4_107_542_399.001, -62_135_596_800] {
            let value = Date(timeIntervalSince1970: seconds)
            #expect(try roundTrip(value) == value)
        }
    }

    @Test func datesAreFormattedLikeISO8601DateFormatter() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        // From 1583 on: Foundation switches to the Julian calendar before the 1582 reform,
        // while ISO 8601 (and SQLite) use the proleptic Gregorian calendar throughout.
        for _ in 0..<2000 {
            let milliseconds = Int64.random(in: -12_212_553_600_000...253_402_300_799_999, using: &generator)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            guard case .text(let text) = date.sqlValue else {
                Issue.record("a date must bind as text")
                return
            }
            #expect(text == formatter.string(from: date))
            #expect(Date.fromSQL(.text(text)) == date)
        }
        // Sub-millisecond noise (Date()) is rounded away once, then stable.
        let now = Date()
        let once = try #require(Date.fromSQL(now.sqlValue))
        #expect(abs(once.timeIntervalSince(now)) <= 0.0005)
        #expect(Date.fromSQL(once.sqlValue) == once)
        #expect(ISO8601Timestamp.format(secondsSince1970: -62_135_596_800) == "0001-01-01T00:00:00.000Z")
        #expect(Date.distantFuture.sqlValue == .text("4001-01-01T00:00:00.000Z"))
        #expect(Date(timeIntervalSince1970: 1e300).sqlValue == .text("9999-12-31T23:59:59.999Z"))
    }

    @Test func datesReadFromOtherShapes() throws {
        let expected = Date(timeIntervalSince1970: 1_795_440_037)
        for stored in [
            SQLValue.text("2026-11-23 13:20:37"), .text("2026-11-23T13:20:37Z"), .text("2026-11-23T15:20:37+02:00"),
            .text("2026-11-23T13:20:37.000000Z"), .integer(1_795_440_037), .real(1_795_440_037.0),
        ] {
            #expect(Date.fromSQL(stored) == expected, "\(stored)")
        }
        #expect(Date.fromSQL(.text("2026-11-23")) == Date(timeIntervalSince1970: 1_795_392_000))
        for bad in ["", "2026-13-01", "2026-11-23T25:00:00Z", "2026-11-23T13:20:37.Z", "yesterday", "2026-11-23T13:20:37Zjunk"] {
            #expect(Date.fromSQL(.text(bad)) == nil, "\(bad)")
        }
    }

    @Test func conversionsRefuseLoss() {
        #expect(Int32.fromSQL(.integer(Int64(Int32.max) + 1)) == nil)
        #expect(Int.fromSQL(.real(1.5)) == nil)
        #expect(Int.fromSQL(.real(3.0)) == 3)
        #expect(String.fromSQL(.integer(1)) == nil)
        #expect(Int.fromSQL(.null) == nil)
        #expect(Int?.fromSQL(.null) == .some(nil))
    }

    @Test func typeMismatchNamesTheColumnNotTheValue() throws {
        try db.execute("INSERT INTO t(v) VALUES(?)", ["hunter2-secret"])
        let row = try #require(try db.queryRow("SELECT v AS price FROM t"))
        let error = try #require(throws: SQLiteError.self) { try row.get("price", as: Int.self) }
        #expect(error.description.contains("price"))
        #expect(!error.description.contains("hunter2"))
        let missing = try #require(throws: SQLiteError.self) { try row.get("nope", as: Int.self) }
        #expect(missing.description.contains("nope"))
        #expect(row["nope"] == .null)
        #expect(row["PRICE"] == .text("hunter2-secret"))
        #expect(row.columns == ["price"])
    }
}
