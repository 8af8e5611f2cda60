import Pricing
import SQLite
import Synchronization

/// Each shop's current `PriceBook`, rebuilt when `pricing_state.version` moves (every
/// change to products, rules, rates or store prices bumps it in its own transaction).
/// Checking costs one indexed read per request; rebuilding happens once per change.
public final class PriceBookCache: Sendable {
    struct Entry {
        let databaseSerial: Int
        let version: Int64
        let book: PriceBook
        let builtAt: ContinuousClock.Instant
    }
    private let entries = Mutex<[String: Entry]>([:])
    /// How many shops' books are kept; past it the least recently built go (a book is rebuilt
    /// from its shop's file on the next request that needs it).
    private let capacity: Int

    public init(capacity: Int = 256) { self.capacity = max(1, capacity) }

    /// The shop's book as of this transaction. Call inside `read`/`write` on the shop's database.
    public func book(shop slug: ShopSlug, _ db: Database) throws -> PriceBook {
        let version = try db.scalar("SELECT version FROM pricing_state WHERE id = 1", as: Int64.self) ?? 0
        if let entry = entries.withLock({ $0[slug.value] }), entry.databaseSerial == db.serialNumber, entry.version == version {
            return entry.book
        }
        let book = try PriceBookLoader.load(db)
        // Only the writer of the newest version stores; an older concurrent build never replaces it.
        entries.withLock { entries in
            if let current = entries[slug.value], current.databaseSerial == db.serialNumber, current.version > version { return }
            entries[slug.value] = Entry(databaseSerial: db.serialNumber, version: version, book: book, builtAt: ContinuousClock.now)
            if entries.count > capacity, let oldest = entries.min(by: { $0.value.builtAt < $1.value.builtAt })?.key {
                entries[oldest] = nil
            }
        }
        return book
    }

    /// Forgets a shop's book (shop deleted or its database closed for good).
    public func forget(shop slug: ShopSlug) {
        _ = entries.withLock { $0.removeValue(forKey: slug.value) }
    }
}
