import Foundation
import HTTPServer
import SQLite

/// The core's shop routes under `/shops/{shop}/api` for signed-in staff: who am I, the
/// shop's features, stores, customer groups and the audit log.
public struct ShopCoreRoutes {
    let service: ShopService

    struct NewGroup: Decodable {
        var name: String
        var taxClass: String?
    }

    public func addRoutes(to routes: RouteGroup) {
        let catalog = service.catalog
        routes.get("/me", summary: "The signed-in staff member") { _, context in
            guard case .staff(let staff) = context.caller else { throw HTTPError.unauthorized("Sign in first.") }
            let shop = try context.requireShop()
            return .json(
                .object([
                    "staff": .object(["id": .int(staff.id), "email": .string(staff.email), "role": .string(staff.role.rawValue)]),
                    "shop": .object([
                        "slug": .string(shop.slug.value), "name": .string(shop.record.name), "tier": .string(shop.record.tier.rawValue),
                    ]),
                ]))
        }

        routes.get("/features", summary: "Modules this shop has, and what unlocks the others") { _, context in
            let shop = try context.requireShop()
            let modules: [JSONValue] = catalog.entries.map { entry in
                var object: [String: JSONValue] = [
                    "id": .string(entry.module.id), "name": .string(entry.module.name),
                    "enabled": .bool(shop.hasModule(entry.module.id)),
                ]
                if !shop.hasModule(entry.module.id) {
                    object["unlockedBy"] = .string(entry.availability.requirement)
                    object["requires"] = entry.availability.json
                }
                return .object(object)
            }
            return .json(.object(["tier": .string(shop.record.tier.rawValue), "modules": .array(modules)]))
        }

        routes.get("/stores", summary: "The shop's stores") { _, context in
            let shop = try context.requireShop()
            let stores = try await shop.database.read { db in
                try db.query("SELECT id, code, name, locale, currency, country FROM store ORDER BY id").map { row -> JSONValue in
                    .object([
                        "id": .int(try row.get("id")), "code": .string(try row.get("code")), "name": .string(try row.get("name")),
                        "locale": .string(try row.get("locale")), "currency": .string(try row.get("currency")),
                        "country": .string(try row.get("country")),
                    ])
                }
            }
            return .json(.object(["stores": .array(stores)]))
        }

        routes.get("/groups", summary: "The shop's customer groups") { _, context in
            let shop = try context.requireShop()
            let groups = try await shop.database.read { db in try ShopCoreRoutes.groups(db) }
            return .json(.object(["groups": .array(groups)]))
        }

        routes.post("/groups", summary: "Create a customer group") { request, context in
            let shop = try context.requireShop()
            let body = try request.decode(NewGroup.self, allowing: ["name", "taxClass"])
            let name = body.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 100 else { throw HTTPError.invalid("name", "name must be 1 to 100 characters.") }
            let taxClass = body.taxClass ?? "taxable"
            guard ["taxable", "tax-free-reseller"].contains(taxClass) else {
                throw HTTPError.invalid("taxClass", "taxClass must be taxable or tax-free-reseller.")
            }
            let actor = context.auditActor
            let requestID = context.requestID
            let group = try await shop.database.write { db -> JSONValue in
                if try db.scalar("SELECT 1 FROM customer_group WHERE name = ?", [name], as: Int.self) != nil {
                    throw HTTPError.conflict("A group named \(name) already exists.", code: "group_exists", field: "name")
                }
                try db.execute(
                    "INSERT INTO customer_group(name, tax_class, built_in, created_at) VALUES(?, ?, 0, ?)",
                    [name, taxClass, Timestamp.now()])
                let id = db.lastInsertRowID
                let group: JSONValue = .object([
                    "id": .int(id), "name": .string(name), "taxClass": .string(taxClass), "builtIn": .bool(false),
                ])
                try AuditLog.record(
                    db, actor: actor, action: "group.created", entity: "customer_group", entityID: String(id), after: group,
                    requestID: requestID)
                return group
            }
            return .json(.object(["group": group]), status: .created)
        }

        routes.get("/audit", summary: "The shop's audit log, newest first") { request, context in
            let shop = try context.requireShop()
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            let before = try request.query("before").map { text -> Int64 in
                guard let id = Int64(text) else {
                    throw HTTPError.badRequest("before must be an entry id.", code: "invalid_query", field: "before")
                }
                return id
            }
            let entity = request.query("entity")
            let entityID = request.query("entityId")
            let entries = try await shop.database.read { db in
                try AuditLog.entries(db, entity: entity, entityID: entityID, before: before, limit: limit)
            }
            return .json(.object(["entries": .array(entries)]))
        }
    }

    static func groups(_ db: Database) throws -> [JSONValue] {
        try db.query("SELECT id, name, tax_class, built_in FROM customer_group ORDER BY id").map { row in
            .object([
                "id": .int(try row.get("id")), "name": .string(try row.get("name")),
                "taxClass": .string(try row.get("tax_class")), "builtIn": .bool(try row.get("built_in")),
            ])
        }
    }
}
