import SQLite

/// What customer rules need of a store: its country (national phone and id forms) and its
/// account scope (an email is unique per shop, or per store where accounts are per store).
struct StoreInfo {
    let id: Int64
    let country: String
    let accountScope: String

    /// The store a body names, or the shop's first store when it names none.
    static func resolve(_ db: Database, _ json: JSONValue?) throws -> StoreInfo {
        let row: Row?
        switch json ?? .null {
        case .null:
            row = try db.queryRow("SELECT id, country, account_scope FROM store ORDER BY id LIMIT 1")
        case .int(let id):
            row = try db.queryRow("SELECT id, country, account_scope FROM store WHERE id = ?", [id])
            guard row != nil else { throw HTTPError.invalid("storeId", "No store with id \(id) in this shop.") }
        default:
            throw HTTPError.invalid("storeId", "storeId must be a store id (a number).", code: "wrong_type")
        }
        guard let row else { throw HTTPError.conflict("The shop has no store yet.", code: "no_store") }
        let id: Int64 = try row.get("id")
        let scope: String = try row.get("account_scope")
        return StoreInfo(id: id, country: try row.get("country"), accountScope: scope == "store" ? "store:\(id)" : "shop")
    }
}
