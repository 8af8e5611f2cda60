import Foundation
import HTTPServer
import SQLite

/// The core's shop routes under `/shops/{shop}/api` for signed-in staff: who am I, the
/// shop's features and the audit log.
public struct ShopCoreRoutes {
    let service: ShopService

    public func addRoutes(to routes: RouteGroup) {
        let catalog = service.catalog
        routes.get("/me", summary: "The signed-in staff member") { _, context in
            guard case .staff(let staff) = context.caller else { throw HTTPError.unauthorized("Sign in first.") }
            let shop = try context.requireShop()
            return .json(
                .object([
                    "staff": StaffRoutes.me(staff),
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

        routes.requiring(.auditRead).get("/audit", summary: "The shop's audit log, newest first") { request, context in
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
}
