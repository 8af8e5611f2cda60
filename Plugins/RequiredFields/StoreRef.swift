import SQLite
import ShopCore

/// A store of the shop as this module names it: requirements are set per store, and custom
/// fields apply to stores given by code (`fi`), as the storefront's paths name them.
struct StoreRef: Sendable, Equatable {
    let id: Int64
    let code: String
    let name: String

    var json: JSONValue { .object(["id": .int(id), "code": .string(code), "name": .string(name)]) }

    /// Every store of the shop, by id.
    static func all(_ db: Database) throws -> [StoreRef] {
        try db.query("SELECT id, code, name FROM store ORDER BY id").map(make)
    }

    /// The store with this id, if any.
    static func find(_ db: Database, id: Int64) throws -> StoreRef? {
        try db.queryRow("SELECT id, code, name FROM store WHERE id = ?", [id]).map(make)
    }

    /// The store with this code, or a 404 naming it.
    static func require(_ db: Database, code: String) throws -> StoreRef {
        guard let row = try db.queryRow("SELECT id, code, name FROM store WHERE code = ?", [code]) else {
            throw HTTPError.notFound("No store with code \(code).", code: "store_not_found")
        }
        return try make(row)
    }

    private static func make(_ row: Row) throws -> StoreRef {
        StoreRef(id: try row.get("id"), code: try row.get("code"), name: try row.get("name"))
    }
}
