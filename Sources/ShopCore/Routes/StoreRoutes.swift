import Foundation
import HTTPServer
import SQLite

/// The shop's stores (websites) under `/shops/{shop}/api/stores`: code, name, locale,
/// currency, country and whether customer accounts are shared by the shop's stores or
/// kept per store.
public struct StoreRoutes {
    struct StoreBody: Decodable {
        var code: String?
        var name: String?
        var locale: String?
        var currency: String?
        var country: String?
        var accountScope: String?
    }
    static let keys: Set<String> = ["code", "name", "locale", "currency", "country", "accountScope"]

    public func addRoutes(to routes: RouteGroup) {
        let manage = routes.requiring(.storesManage)
        routes.get("/stores", summary: "The shop's stores") { _, context in
            let shop = try context.requireShop()
            return .json(.object(["stores": .array(try await shop.database.read { db in try StoreRoutes.stores(db) })]))
        }

        manage.post("/stores", summary: "Add a store") { request, context in
            let shop = try context.requireShop()
            let body = try request.decode(StoreBody.self, allowing: StoreRoutes.keys)
            let spec = ProvisioningRequest.StoreSpec(
                code: body.code ?? "", name: body.name ?? "", locale: body.locale ?? "", currency: body.currency ?? "",
                country: body.country ?? "")
            try spec.validate(field: "store")
            let scope = try StoreRoutes.scope(body.accountScope ?? "shop")
            let (actor, requestID) = (context.auditActor, context.requestID)
            let store = try await shop.database.write { db -> JSONValue in
                if try db.scalar("SELECT 1 FROM store WHERE code = ?", [spec.code], as: Int.self) != nil {
                    throw HTTPError.conflict("A store with code \(spec.code) exists.", code: "store_exists", field: "code")
                }
                try db.execute(
                    "INSERT INTO store(code, name, locale, currency, country, account_scope, created_at) VALUES(?, ?, ?, ?, ?, ?, ?)",
                    [spec.code, spec.name, spec.locale, spec.currency, spec.country, scope, Timestamp.now()])
                let id = db.lastInsertRowID
                let store = try StoreRoutes.store(db, id)
                try AuditLog.record(
                    db, actor: actor, action: "store.created", entity: "store", entityID: String(id), after: store, requestID: requestID)
                return store
            }
            return .json(.object(["store": store]), status: .created)
        }

        manage.patch("/stores/{id}", summary: "Change a store") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let body = try request.decode(StoreBody.self, allowing: StoreRoutes.keys)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let store = try await shop.database.write { db -> JSONValue in
                let before = try StoreRoutes.store(db, id)
                func current(_ key: String) -> String { before[key]?.stringValue ?? "" }
                let spec = ProvisioningRequest.StoreSpec(
                    code: body.code ?? current("code"), name: body.name ?? current("name"), locale: body.locale ?? current("locale"),
                    currency: body.currency ?? current("currency"), country: body.country ?? current("country"))
                try spec.validate(field: "store")
                let scope = try StoreRoutes.scope(body.accountScope ?? current("accountScope"))
                if scope != current("accountScope"),
                    try db.scalar("SELECT 1 FROM customer WHERE store_id = ? LIMIT 1", [id], as: Int.self) != nil
                {
                    throw HTTPError.conflict(
                        "The account scope cannot change while the store has customers (emails might collide).", code: "store_in_use",
                        field: "accountScope")
                }
                if let other = try db.scalar("SELECT id FROM store WHERE code = ?", [spec.code], as: Int64.self), other != id {
                    throw HTTPError.conflict("A store with code \(spec.code) exists.", code: "store_exists", field: "code")
                }
                try db.execute(
                    "UPDATE store SET code = ?, name = ?, locale = ?, currency = ?, country = ?, account_scope = ? WHERE id = ?",
                    [spec.code, spec.name, spec.locale, spec.currency, spec.country, scope, id])
                let after = try StoreRoutes.store(db, id)
                try AuditLog.record(
                    db, actor: actor, action: "store.updated", entity: "store", entityID: String(id), before: before, after: after,
                    requestID: requestID)
                return after
            }
            return .json(.object(["store": store]))
        }

        manage.delete("/stores/{id}", summary: "Delete a store without customers") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            try await shop.database.write { db in
                let before = try StoreRoutes.store(db, id)
                let customers = try db.scalar("SELECT count(*) FROM customer WHERE store_id = ?", [id], as: Int64.self) ?? 0
                guard customers == 0 else {
                    throw HTTPError(
                        .conflict, code: "store_in_use",
                        message: "The store has \(customers) customer\(customers == 1 ? "" : "s"); move or delete them first.",
                        details: ["customers": .int(customers)])
                }
                guard (try db.scalar("SELECT count(*) FROM store", as: Int64.self) ?? 0) > 1 else {
                    throw HTTPError.conflict("A shop keeps at least one store.", code: "last_store")
                }
                try db.execute("DELETE FROM store WHERE id = ?", [id])
                try AuditLog.record(
                    db, actor: actor, action: "store.deleted", entity: "store", entityID: String(id), before: before, requestID: requestID)
            }
            return .noContent
        }
    }

    static func scope(_ text: String) throws -> String {
        guard ["shop", "store"].contains(text) else {
            throw HTTPError.invalid("accountScope", "accountScope must be shop (accounts shared by the stores) or store (per store).")
        }
        return text
    }

    static func store(_ db: Database, _ id: Int64) throws -> JSONValue {
        guard let store = try stores(db, id: id).first else { throw HTTPError.notFound("No store with id \(id).", code: "store_not_found") }
        return store
    }

    static func stores(_ db: Database, id: Int64? = nil) throws -> [JSONValue] {
        try db.query(
            "SELECT id, code, name, locale, currency, country, account_scope FROM store \(id == nil ? "" : "WHERE id = ?") ORDER BY id",
            id.map { [$0] } ?? []
        ).map { row in
            .object([
                "id": .int(try row.get("id")), "code": .string(try row.get("code")), "name": .string(try row.get("name")),
                "locale": .string(try row.get("locale")), "currency": .string(try row.get("currency")),
                "country": .string(try row.get("country")), "accountScope": .string(try row.get("account_scope")),
            ])
        }
    }
}
