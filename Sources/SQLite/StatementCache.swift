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
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a statement cache needs room for one statement")
        self.capacity = capacity
    }

    /// How many statements are cached.
    var count: Int { entries.count }

    /// The cached statement for `sql`, marked as just used.
    mutating func statement(for sql: String) -> Statement? {
        clock &+= 1
        guard entries[sql] != nil else { return nil }
        entries[sql]!.lastUse = clock
        return entries[sql]!.statement
    }

    /// Caches a statement, evicting the least recently used one when full.
    mutating func insert(_ statement: Statement) {
        clock &+= 1
        if entries.count >= capacity, entries[statement.sql] == nil,
            let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
        {
            // O(capacity), but only when a new statement arrives at a full cache.
            entries[oldest] = nil
        }
        entries[statement.sql] = Entry(statement: statement, lastUse: clock)
    }

    /// Drops every statement (they finalize when released).
    mutating func removeAll() {
        entries.removeAll()
    }
}
