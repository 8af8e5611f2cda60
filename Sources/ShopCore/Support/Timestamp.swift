import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// ISO-8601 UTC timestamps with milliseconds (`2026-11-23T13:20:37.123Z`), the one
/// text form of time in the API, the logs and the databases. Formatting avoids
/// `DateFormatter`, which is slow and not safe to share across threads.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(millis >= 0 ? millis / 1000 : (millis - 999) / 1000)
        let ms = Int(millis - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(ms), 3))Z"
    }

    public static func now() -> String { format(Date()) }

    /// A compact form for file names: `20261123T132037Z`.
    public static func compact(_ date: Date) -> String {
        let full = format(date)
        return full.prefix(19).filter { $0 != "-" && $0 != ":" } + "Z"
    }
}
