import SQLite

extension ShopRegistry {
    /// Writes one entry to the operator's trail that changes no shop record: a support
    /// session started or ended, with what happened in `details` (never a secret).
    public func note(_ slug: ShopSlug, actor: String, action: String, details: JSONValue) async throws {
        try await database.write { db in
            try db.execute(
                "INSERT INTO registry_audit(at, actor, action, shop_slug, before, after) VALUES(?, ?, ?, ?, NULL, ?)",
                [Timestamp.now(), actor, action, slug.value, String(decoding: details.serialized(), as: UTF8.self)])
        }
    }
}
