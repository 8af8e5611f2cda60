import Pricing
import SQLite

/// Discount groups (`/shops/{shop}/api/discount-groups`): a name and a base percentage
/// every customer gets on the group's products unless a rule of their own comes first.
struct DiscountGroupRoutes {
    static let fields: Set<String> = ["name", "basePercentage"]

    func addRoutes(to routes: RouteGroup) {
        let manage = routes.requiring(.catalogManage)
        routes.requiring(.customersRead).get("/discount-groups", summary: "Discount groups with their product counts") { _, context in
            let shop = try context.requireShop()
            let groups = try await shop.database.read { db in
                try db.query("SELECT id FROM discount_group ORDER BY name").map { try DiscountGroupRoutes.json(db, $0[0].int ?? 0) }
            }
            return .json(.object(["discountGroups": .array(groups)]))
        }

        manage.post("/discount-groups", summary: "Create a discount group") { request, context in
            let shop = try context.requireShop()
            let body = try JSONBody(request, allowing: DiscountGroupRoutes.fields)
            let name = try body.string("name", max: 100, required: true)!
            let base = try body.percentage("basePercentage") ?? .zero
            let (actor, requestID) = (context.auditActor, context.requestID)
            let group = try await shop.database.write { db -> JSONValue in
                try DiscountGroupRoutes.refuseDuplicate(db, name, except: nil)
                try db.execute(
                    "INSERT INTO discount_group(name, base_percentage, created_at) VALUES(?, ?, ?)",
                    [name, base.millionths, Timestamp.now()])
                let id = db.lastInsertRowID
                try CatalogSchema.touch(db)
                let group = try DiscountGroupRoutes.json(db, id)
                try AuditLog.record(
                    db, actor: actor, action: "discount_group.created", entity: "discount_group", entityID: String(id), after: group,
                    requestID: requestID)
                return group
            }
            return .json(.object(["discountGroup": group]), status: .created)
        }

        manage.patch("/discount-groups/{id}", summary: "Rename a discount group or change its base percentage") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let body = try JSONBody(request, allowing: DiscountGroupRoutes.fields)
            let name = try body.string("name", max: 100)
            let base = try body.percentage("basePercentage")
            let (actor, requestID) = (context.auditActor, context.requestID)
            let group = try await shop.database.write { db -> JSONValue in
                let before = try DiscountGroupRoutes.json(db, id)
                if let name {
                    try DiscountGroupRoutes.refuseDuplicate(db, name, except: id)
                    try db.execute("UPDATE discount_group SET name = ? WHERE id = ?", [name, id])
                }
                if let base { try db.execute("UPDATE discount_group SET base_percentage = ? WHERE id = ?", [base.millionths, id]) }
                try CatalogSchema.touch(db)
                let after = try DiscountGroupRoutes.json(db, id)
                try AuditLog.record(
                    db, actor: actor, action: "discount_group.updated", entity: "discount_group", entityID: String(id), before: before,
                    after: after, requestID: requestID)
                return after
            }
            return .json(.object(["discountGroup": group]))
        }

        manage.delete("/discount-groups/{id}", summary: "Delete a discount group no product uses, with its rules") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            let rules = try await shop.database.write { db -> Int64 in
                let before = try DiscountGroupRoutes.json(db, id)
                let products = try db.scalar("SELECT count(*) FROM product WHERE discount_group_id = ?", [id], as: Int64.self) ?? 0
                guard products == 0 else {
                    throw HTTPError(
                        .conflict, code: "discount_group_in_use",
                        message: "\(products) product\(products == 1 ? " is" : "s are") in the group; move them to another group first.",
                        details: ["products": .int(products)])
                }
                try db.execute("DELETE FROM price_rule WHERE target = 'discount-group' AND target_id = ?", [id])
                let rules = Int64(db.changes)
                try db.execute("DELETE FROM discount_group WHERE id = ?", [id])
                try CatalogSchema.touch(db)
                try AuditLog.record(
                    db, actor: actor, action: "discount_group.deleted", entity: "discount_group", entityID: String(id), before: before,
                    after: .object(["rulesDeleted": .int(rules)]), requestID: requestID)
                return rules
            }
            return .json(.object(["deleted": .int(id), "rulesDeleted": .int(rules)]))
        }
    }

    static func refuseDuplicate(_ db: Database, _ name: String, except id: Int64?) throws {
        if let other = try db.scalar("SELECT id FROM discount_group WHERE name = ? COLLATE NOCASE", [name], as: Int64.self), other != id {
            throw HTTPError.conflict("A discount group named \(name) exists already.", code: "duplicate_name", field: "name")
        }
    }

    static func json(_ db: Database, _ id: Int64) throws -> JSONValue {
        guard
            let row = try db.queryRow(
                "SELECT id, name, base_percentage, (SELECT count(*) FROM product WHERE discount_group_id = g.id) FROM discount_group g WHERE id = ?",
                [id])
        else { throw HTTPError.notFound("No discount group \(id) in this shop.") }
        return .object([
            "id": .int(id), "name": .string(row[1].text ?? ""),
            "basePercentage": .string(Percentage(millionths: row[2].int ?? 0).description), "products": .int(row[3].int ?? 0),
        ])
    }
}
