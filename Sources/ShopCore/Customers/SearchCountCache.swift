import SQLite
import Synchronization

/// Exact totals for the customer list without recounting on every page view. A count is
/// kept per connection (by its serial number, never reused) with the connection's
/// `total_changes()` at the time it was taken; as each shop file has one connection, any
/// insert, update or delete since moves that number, and the count is taken again. So a total is never stale, and a busy search box costs one count per change.
public final class SearchCountCache: Sendable {
    private struct Key: Hashable {
        let connection: Int
        let sql: String
        let arguments: [SQLValue]
    }
    private struct Entry {
        let changes: Int64
        let count: Int64
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let capacity: Int

    public init(capacity: Int = 4096) { self.capacity = capacity }

    func count(_ db: Database, sql: String, arguments: [(any SQLValueConvertible)?]) throws -> Int64 {
        let changes = try db.scalar("SELECT total_changes()", as: Int64.self) ?? 0
        let key = Key(connection: db.serialNumber, sql: sql, arguments: arguments.map { $0?.sqlValue ?? .null })
        if let entry = entries.withLock({ $0[key] }), entry.changes == changes { return entry.count }
        let count = try db.scalar(sql, arguments, as: Int64.self) ?? 0
        entries.withLock { entries in
            // A full cache starts over: simpler than LRU, and cheap, since counts are cheap to redo.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(changes: changes, count: count)
        }
        return count
    }
}
