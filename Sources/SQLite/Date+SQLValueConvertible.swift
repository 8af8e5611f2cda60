import Foundation

extension Date: SQLValueConvertible {
    /// Binds as ISO-8601 UTC text with milliseconds, `2026-11-23T13:20:37.123Z`: readable in
    /// the sqlite3 shell, sortable as text, and exact to the millisecond.
    public var sqlValue: SQLValue {
        let milliseconds = ISO8601Timestamp.milliseconds(
            seconds: timeIntervalSinceReferenceDate,
            epochOffsetMilliseconds: 978_307_200_000  // 2001-01-01 in milliseconds since 1970
        )
        return .text(ISO8601Timestamp.format(millisecondsSince1970: milliseconds))
    }

    /// Reads ISO-8601 text (see `ISO8601Timestamp.parse`) or INTEGER/REAL unix seconds, so
    /// columns filled by `unixepoch()` or `CURRENT_TIMESTAMP` read back too.
    public static func fromSQL(_ value: SQLValue) -> Date? {
        switch value {
        case .text(let text):
            return ISO8601Timestamp.parse(text).map { Date(timeIntervalSince1970: $0) }
        case .integer(let seconds):
            return Date(timeIntervalSince1970: Double(seconds))
        case .real(let seconds):
            return Date(timeIntervalSince1970: seconds)
        default:
            return nil
        }
    }
}
