import Foundation
import SQLite

/// ISO-8601 UTC timestamps with milliseconds (`2026-11-23T13:20:37.123Z`), the one text
/// form of time in the API, the logs and the databases. It is the SQLite layer's own date
/// text, so a time read from a row and one written in a response never differ.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        if case .text(let text) = date.sqlValue { return text }
        return "\(date.timeIntervalSince1970)"
    }

    public static func now() -> String { format(Date()) }

    /// A compact form for file names: `20261123T132037Z`.
    public static func compact(_ date: Date) -> String {
        let full = format(date)
        return full.prefix(19).filter { $0 != "-" && $0 != ":" } + "Z"
    }
}
