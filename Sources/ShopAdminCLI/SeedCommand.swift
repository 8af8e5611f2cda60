import Foundation
import SQLite
import ShopCore

/// `shopadmin seed <shop> --customers N [--store CODE]`: adds N generated Nordic customers
/// (deterministic, valid ids and phones) in batches of 10,000, each one transaction.
/// For demos and benchmarks; the data passes the same validation as the API.
enum SeedCommand {
    static func run(_ words: [String], modules: [any FeatureModule]) async throws {
        var arguments = try CommandLineArguments(words)
        let (lock, app) = try ShopAdminCommand.openApplication(&arguments, modules: modules)
        defer { withExtendedLifetime(lock) {} }
        defer { app.service.registry.close() }
        let text = try arguments.argument(0, "shop")
        guard let count = try arguments.intOption("customers"), count > 0, count <= 10_000_000 else {
            throw CLIError.usage("--customers N (1 to 10,000,000) is required")
        }
        let storeCode = arguments.option("store")
        try arguments.finish(maxPositional: 1)
        guard let slug = ShopSlug(text) else { throw CLIError.failed("\(text) is not a valid shop slug") }
        let record = try app.service.record(slug)
        let started = Date()
        let inserted = try await app.service.pool.withDatabase(slug, modules: app.service.catalog.enabledModules(for: record)) { queue in
            try await seed(queue, count: count, storeCode: storeCode)
        }
        await app.service.pool.closeAll()
        let seconds = Date().timeIntervalSince(started)
        print(
            "\(slug): \(inserted) customers in \(String(format: "%.1f", seconds)) s (\(Int(Double(inserted) / max(seconds, 0.001))) rows/s)"
        )
    }

    /// Inserts `count` customers; the numbering continues from the customers already there.
    static func seed(_ queue: DatabaseQueue, count: Int, storeCode: String?, batch: Int = 10_000) async throws -> Int {
        let (storeID, country, offset) = try await queue.read { db -> (Int64, String, Int) in
            let row =
                try storeCode.map { code in
                    guard let row = try db.queryRow("SELECT id, country FROM store WHERE code = ?", [code]) else {
                        throw CLIError.failed("no store with code \(code)")
                    }
                    return row
                } ?? db.queryRow("SELECT id, country FROM store ORDER BY id LIMIT 1")
            guard let row else { throw CLIError.failed("the shop has no store") }
            return (try row.get("id"), try row.get("country"), try db.scalar("SELECT count(*) FROM customer", as: Int.self) ?? 0)
        }
        // A shop that never held a customer has no personal data to zero when the search
        // index frees pages while it grows, so a first seeding skips secure_delete (measured:
        // 1.7 times the indexing speed). Any other shop keeps it.
        let neverHadCustomers = try await queue.read { db in
            try db.scalar("SELECT count(*) FROM audit_log WHERE entity = 'customer'", as: Int.self) == 0 && offset == 0
        }
        // Each batch dirties nearly every leaf of the name and email indexes, so fewer, larger
        // batches in a page cache that holds them write each page once per batch instead of
        // once per 10,000 rows (1,000,000 customers: 66 s in batches of 10,000).
        let bulk = neverHadCustomers && count > batch
        if neverHadCustomers {
            try await queue.maintenance { db in
                try db.execute("PRAGMA secure_delete = OFF")
                if bulk { try db.execute("PRAGMA cache_size = -524288") }  // 512 MiB while seeding
            }
        }
        let inserted: Result<Int, any Error>
        do {
            inserted = .success(
                try await insert(
                    queue, count: count, batch: bulk ? batch * 5 : batch, storeID: storeID, country: country, offset: offset))
        } catch {
            inserted = .failure(error)
        }
        if neverHadCustomers {
            try await queue.maintenance { db in
                try db.execute("PRAGMA secure_delete = ON")
                try db.execute("PRAGMA cache_size = -2000")  // SQLite's default
            }
        }
        return try inserted.get()
    }

    /// Inserts in batches of `batch`, one transaction each, numbering from `offset`.
    private static func insert(
        _ queue: DatabaseQueue, count: Int, batch: Int, storeID: Int64, country: String, offset: Int
    ) async throws -> Int {
        let target = CustomerBulkInsert.Target(storeID: storeID, country: country)
        // Validation runs a batch ahead on another core while the database thread inserts.
        func prepare(_ first: Int, _ size: Int) -> Task<[CustomerBulkInsert.Prepared], any Error> {
            Task.detached {
                try (first..<(first + size)).map {
                    try CustomerBulkInsert.prepare(SampleCustomers.customer($0, country: country), into: target)
                }
            }
        }
        var done = 0
        var next = prepare(offset, min(batch, count))
        while done < count {
            let prepared = try await next.value
            done += prepared.count
            if done < count { next = prepare(offset + done, min(batch, count - done)) }
            try await queue.write { db in
                var insert = try CustomerBulkInsert(db: db, actor: AuditActor(kind: "system", id: nil, label: "seed"), storeID: storeID)
                for customer in prepared { _ = try insert.insert(customer) }
                try insert.finish(count: prepared.count, action: "customers.seeded")
            }
        }
        return done
    }
}
