/// A bounded least-recently-used cache of prepared statements, keyed by SQL text.
///
/// Preparing costs far more than stepping for the short lookups of a price resolution, so each
/// connection keeps its statements; the bound keeps ad-hoc SQL (admin queries, migrations)
/// from growing memory without limit.
struct StatementCache {
    private struct Entry {
        let statement: Statement
        var lastUse: UInt64
    }

    /// The most statements kept; the least recently used one is finalized beyond that.
    let capacity: Int
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a statement cache needs room for one statement")
        self.capacity = capacity
    }

    /// How many statements are cached.
    var count: Int { entries.count }

    /// The cached statement for `sql`, marked as just used (one lookup).
    mutating func statement(for sql: String) -> Statement? {
        clock &+= 1
        guard let index = entries.index(forKey: Key(sql)) else { return nil }
        entries.values[index].lastUse = clock
        return entries.values[index].statement
    }

    /// Caches a statement, evicting the least recently used one when full.
    mutating func insert(_ statement: Statement) {
        clock &+= 1
        let key = Key(statement.sql)
        if entries.count >= capacity, entries[key] == nil,
            let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
        {
            // O(capacity), but only when a new statement arrives at a full cache.
            entries[oldest] = nil
        }
        entries[key] = Entry(statement: statement, lastUse: clock)
    }

    /// Drops every statement (they finalize when released).
    mutating func removeAll() {
        entries.removeAll()
    }

    /// SQL text as a key hashed on its length and its first and last 32 bytes, not all of it:
    /// hashing a whole statement of a kilobyte on every query was a few per cent of a
    /// get-by-id request. Equality still compares the whole text (at once when both are the
    /// same stored string, as a statement kept in a constant is), so texts that share the
    /// hashed parts only cost a comparison.
    private struct Key: Hashable {
        let sql: String

        init(_ sql: String) { self.sql = sql }

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.sql == rhs.sql }

        func hash(into hasher: inout Hasher) {
            var sql = self.sql
            sql.withUTF8 { bytes in
                hasher.combine(bytes.count)
                let edge = min(32, bytes.count)
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<edge])))
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[(bytes.count - edge)...])))
            }
        }
    }
}
