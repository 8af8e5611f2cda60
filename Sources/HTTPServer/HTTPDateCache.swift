import Synchronization

/// The `Date` header value (RFC 9110 §5.6.7, IMF-fixdate), formatted at most once a second
/// and shared by every connection, so a response costs a lock and a copy, not a formatter.
final class HTTPDateCache: Sendable {
    /// The process-wide cache; the date is the same for every server.
    static let shared = HTTPDateCache()

    private let cached = Mutex<(second: Int, text: [UInt8])>((-1, []))

    /// Appends the current date, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    func append(to buffer: inout [UInt8]) {
        let now = SystemClock.wallSeconds()
        cached.withLock { cache in
            if cache.second != now {
                cache = (now, Self.format())
            }
            buffer.append(contentsOf: cache.text)
        }
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func format() -> [UInt8] {
        let now = SystemClock.utcNow()
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let text =
            "\(weekdays[now.weekday]), \(two(now.day)) \(months[now.month]) \(now.year) "
            + "\(two(now.hour)):\(two(now.minute)):\(two(now.second)) GMT"
        return Array(text.utf8)
    }
}
