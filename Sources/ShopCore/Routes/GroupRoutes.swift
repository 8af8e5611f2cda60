import Foundation
import HTTPServer
import SQLite

/// Customer groups under `/shops/{shop}/api/groups`: the built-ins and the merchant's own,
/// each with a tax class. A group in use is deleted only by moving its customers elsewhere.
public struct GroupRoutes {
    static let taxClasses = ["taxable", "tax-free-reseller"]

    struct GroupBody: Decodable {
        var name: String?
        var taxClass: String?
    }

    public func addRoutes(to routes: RouteGroup) {
        let manage = routes.requiring(.groupsManage)
        routes.get("/groups", summary: "The shop's customer groups, with member counts") { _, context in
            let shop = try context.requireShop()
            return .json(.object(["groups": .array(try await shop.database.read { db in try GroupRoutes.groups(db) })]))
        }

        manage.post("/groups", summary: "Create a customer group") { request, context in
            let shop = try context.requireShop()
            let body = try request.decode(GroupBody.self, allowing: ["name", "taxClass"])
            let name = try GroupRoutes.validName(body.name)
            let taxClass = try GroupRoutes.validTaxClass(body.taxClass ?? "taxable")
            let (actor, requestID) = (context.auditActor, context.requestID)
            let group = try await shop.database.write { db -> JSONValue in
                try GroupRoutes.refuseDuplicate(db, name, except: nil)
                try db.execute(
                    "INSERT INTO customer_group(name, tax_class, built_in, created_at) VALUES(?, ?, 0, ?)",
                    [name, taxClass, Timestamp.now()])
                let group = try GroupRoutes.group(db, db.lastInsertRowID)
                try AuditLog.record(
                    db, actor: actor, action: "group.created", entity: "customer_group", entityID: String(db.lastInsertRowID),
                    after: group, requestID: requestID)
                return group
            }
            return .json(.object(["group": group]), status: .created)
        }

        manage.patch("/groups/{id}", summary: "Rename a group or change its tax class") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let body = try request.decode(GroupBody.self, allowing: ["name", "taxClass"])
            let name = try body.name.map { try GroupRoutes.validName($0) }
            let taxClass = try body.taxClass.map { try GroupRoutes.validTaxClass($0) }
            let (actor, requestID) = (context.auditActor, context.requestID)
            let group = try await shop.database.write { db -> JSONValue in
                let before = try GroupRoutes.group(db, id)
                if let name {
                    guard before["builtIn"] != .bool(true) else {
                        throw HTTPError.conflict("Built-in groups keep their names.", code: "built_in_group", field: "name")
                    }
                    try GroupRoutes.refuseDuplicate(db, name, except: id)
                    try db.execute("UPDATE customer_group SET name = ? WHERE id = ?", [name, id])
                }
                if let taxClass { try db.execute("UPDATE customer_group SET tax_class = ? WHERE id = ?", [taxClass, id]) }
                let after = try GroupRoutes.group(db, id)
                try AuditLog.record(
                    db, actor: actor, action: "group.updated", entity: "customer_group", entityID: String(id), before: before,
                    after: after, requestID: requestID)
                return after
            }
            return .json(.object(["group": group]))
        }

        manage.delete("/groups/{id}", summary: "Delete a group (?moveTo=<group id> moves its customers first)") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let moveTo = try request.query("moveTo").map { text -> Int64 in
                guard let target = Int64(text) else {
                    throw HTTPError.badRequest("moveTo must be a group id.", code: "invalid_query", field: "moveTo")
                }
                return target
            }
            let (actor, requestID) = (context.auditActor, context.requestID)
            let moved = try await shop.database.write { db -> Int64 in
                try GroupRoutes.delete(db, id, moveTo: moveTo, actor: actor, requestID: requestID)
            }
            return .json(.object(["deleted": .int(id), "customersMoved": .int(moved)]))
        }
    }

    static func delete(_ db: Database, _ id: Int64, moveTo: Int64?, actor: AuditActor, requestID: String) throws -> Int64 {
        let before = try group(db, id)
        guard before["builtIn"] != .bool(true) else {
            throw HTTPError.conflict("Built-in groups cannot be deleted.", code: "built_in_group")
        }
        let members = try CustomerTally.groupCount(db, groupID: id)
        if members > 0 {
            guard let moveTo else {
                throw HTTPError(
                    .conflict, code: "group_in_use",
                    message: "The group has \(members) customer\(members == 1 ? "" : "s"); move them with ?moveTo=<group id> to delete it.",
                    details: ["customers": .int(members)])
            }
            guard moveTo != id else { throw HTTPError.badRequest("moveTo must be another group.", code: "invalid_query", field: "moveTo") }
            let target = try group(db, moveTo)
            guard target["name"] != .string(GroupMembership.notLoggedIn) else {
                throw HTTPError.badRequest("NOT LOGGED IN holds no customers.", code: "invalid_query", field: "moveTo")
            }
            try db.execute(
                "INSERT OR IGNORE INTO customer_group_member(customer_id, group_id) SELECT customer_id, ? FROM customer_group_member WHERE group_id = ?",
                [moveTo, id])
            try db.execute("UPDATE customer SET default_group_id = ?, version = version + 1 WHERE default_group_id = ?", [moveTo, id])
            try db.execute("DELETE FROM customer_group_member WHERE group_id = ?", [id])
        }
        try db.execute("DELETE FROM customer_group WHERE id = ?", [id])
        try AuditLog.record(
            db, actor: actor, action: "group.deleted", entity: "customer_group", entityID: String(id), before: before,
            after: moveTo.map { .object(["customersMovedTo": .int($0), "customers": .int(members)]) }, requestID: requestID)
        return members
    }

    static func validName(_ name: String?) throws -> String {
        let name = (name ?? "").trimmedWhitespace()
        guard !name.isEmpty, name.count <= 100 else { throw HTTPError.invalid("name", "name must be 1 to 100 characters.") }
        return name
    }

    static func validTaxClass(_ taxClass: String) throws -> String {
        guard taxClasses.contains(taxClass) else {
            throw HTTPError.invalid("taxClass", "taxClass must be taxable or tax-free-reseller.")
        }
        return taxClass
    }

    static func refuseDuplicate(_ db: Database, _ name: String, except id: Int64?) throws {
        if let other = try db.scalar("SELECT id FROM customer_group WHERE name = ?", [name], as: Int64.self), other != id {
            throw HTTPError.conflict("A group named \(name) already exists.", code: "group_exists", field: "name")
        }
    }

    static func group(_ db: Database, _ id: Int64) throws -> JSONValue {
        guard let group = try groups(db, id: id).first else {
            throw HTTPError.notFound("No customer group with id \(id).", code: "group_not_found")
        }
        return group
    }

    /// The groups with their member counts, read from the stored tally (`CustomerTally`):
    /// counting a million members of General took tens of ms on every view of the screen.
    static func groups(_ db: Database, id: Int64? = nil) throws -> [JSONValue] {
        let filter = id == nil ? "" : "WHERE g.id = ?"
        return try db.query(
            "SELECT g.id, g.name, g.tax_class, g.built_in FROM customer_group g \(filter) ORDER BY g.id", id.map { [$0] } ?? []
        ).map { row in
            let groupID: Int64 = try row.get("id")
            let members = try CustomerTally.groupCount(db, groupID: groupID)
            return .object([
                "id": .int(groupID), "name": .string(try row.get("name")),
                "taxClass": .string(try row.get("tax_class")), "builtIn": .bool(try row.get("built_in")),
                "customers": .int(members),
            ])
        }
    }
}
