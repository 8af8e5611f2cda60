import SQLite

extension ShopService {
    /// Calls `found` for every shop whose database answers `existsSQL` (a `SELECT EXISTS`)
    /// with true: how a delivery worker finds, at start, the shops with work queued while no
    /// server ran. A shop that cannot be opened counts as having none.
    func forEachShop(where existsSQL: String, _ found: (ShopSlug) -> Void) async {
        for record in registry.allShops() where !Task.isCancelled {
            let modules = catalog.enabledModules(for: record)
            let waiting = try? await pool.withDatabase(record.slug, modules: modules) { queue in
                try await queue.read { db in try db.scalar(existsSQL, as: Bool.self) ?? false }
            }
            if waiting == true { found(record.slug) }
        }
    }
}
