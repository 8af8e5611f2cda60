import SQLite

/// A store as the storefront sees it: found by its code in the path, with the locale its
/// emails use and the account scope its customers' emails are unique in.
public struct StorefrontStore: Sendable, Equatable {
    public let id: Int64
    public let code: String
    public let name: String
    public let locale: String
    public let country: String
    /// `shop` when the shop's stores share accounts, else `store:<id>` (the value of
    /// `customer.account_scope`).
    public let accountScope: String

    /// The store with `code`, or a 404 naming it. Public for feature modules' storefront routes.
    public static func require(_ db: Database, code: String) throws -> StorefrontStore {
        guard let store = try find(db, code: code) else {
            throw HTTPError.notFound("No store with code \(code) in this shop.", code: "store_not_found")
        }
        return store
    }

    static func find(_ db: Database, code: String) throws -> StorefrontStore? {
        try db.queryRow("SELECT id, code, name, locale, country, account_scope FROM store WHERE code = ?", [code]).map(make)
    }

    /// The store with `id`, or nil. Public for feature modules that keep a store id.
    public static func find(_ db: Database, id: Int64) throws -> StorefrontStore? {
        try db.queryRow("SELECT id, code, name, locale, country, account_scope FROM store WHERE id = ?", [id]).map(make)
    }

    private static func make(_ row: Row) throws -> StorefrontStore {
        let id: Int64 = try row.get("id")
        let scope: String = try row.get("account_scope")
        return StorefrontStore(
            id: id, code: try row.get("code"), name: try row.get("name"), locale: try row.get("locale"),
            country: try row.get("country"), accountScope: scope == "store" ? "store:\(id)" : "shop")
    }
}
