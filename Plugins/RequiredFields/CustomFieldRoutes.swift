import SQLite
import ShopCore

/// The merchant's custom fields under `/shops/{shop}/api/required-fields/custom-fields`.
/// Staff who handle customers read the definitions (to know what to fill in); changing them
/// needs `settings.manage`. Each change is audited in its transaction.
struct CustomFieldRoutes {
    func addRoutes(to routes: RouteGroup) {
        let read = routes.requiring(.customersRead)
        let manage = routes.requiring(.settingsManage)
        let root = "/required-fields/custom-fields"

        read.get(root, summary: "The shop's custom customer fields, each with how many customers hold a value") { _, context in
            let shop = try context.requireShop()
            let fields = try await shop.database.read { db -> [JSONValue] in
                let stores = try StoreRef.all(db)
                return try CustomField.all(db).map { $0.json(stores: stores, values: try CustomField.valueCount(db, id: $0.id)) }
            }
            return .json(.object(["customFields": .array(fields)]))
        }

        manage.post(root, summary: "Define a custom customer field (text, number, date or choice)") { request, context in
            let shop = try context.requireShop()
            let body = try CustomFieldRoutes.body(request)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let field = try await shop.database.write { db -> JSONValue in
                let id = try CustomFieldStore.create(db, try CustomFieldInput.create(body, in: db))
                let field = try CustomFieldRoutes.json(db, id: id)
                try AuditLog.record(
                    db, actor: actor, action: "custom_field.created", entity: "custom_field", entityID: String(id), after: field,
                    requestID: requestID)
                return field
            }
            return .json(.object(["customField": field]), status: .created)
        }

        read.get("\(root)/{id}", summary: "One custom field") { _, context in
            let shop = try context.requireShop()
            let id = try CustomFieldRoutes.fieldID(context)
            return .json(.object(["customField": try await shop.database.read { db in try CustomFieldRoutes.json(db, id: id) }]))
        }

        manage.patch("\(root)/{id}", summary: "Change a custom field's label, choices, stores, or whether it is required") {
            request, context in
            let shop = try context.requireShop()
            let id = try CustomFieldRoutes.fieldID(context)
            let body = try CustomFieldRoutes.body(request)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let field = try await shop.database.write { db -> JSONValue in
                let current = try CustomField.require(db, id: id)
                let before = try CustomFieldRoutes.json(db, id: id)
                try CustomFieldStore.change(db, current, try CustomFieldInput.change(body, of: current, in: db))
                let after = try CustomFieldRoutes.json(db, id: id)
                let (changedBefore, changedAfter) = CustomFieldRoutes.diff(before, after)
                if changedAfter != .object([:]) {
                    try AuditLog.record(
                        db, actor: actor, action: "custom_field.updated", entity: "custom_field", entityID: String(id),
                        before: changedBefore, after: changedAfter, requestID: requestID)
                }
                return after
            }
            return .json(.object(["customField": field]))
        }

        manage.delete("\(root)/{id}", summary: "Delete a custom field and every customer's value of it") { _, context in
            let shop = try context.requireShop()
            let id = try CustomFieldRoutes.fieldID(context)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let values = try await shop.database.write { db -> Int64 in
                let field = try CustomField.require(db, id: id)
                let before = try CustomFieldRoutes.json(db, id: id)
                let values = try CustomFieldStore.delete(db, field)
                // The definition and the count, never the values: they are the customers' data.
                try AuditLog.record(
                    db, actor: actor, action: "custom_field.deleted", entity: "custom_field", entityID: String(id), before: before,
                    after: .object(["valuesDeleted": .int(values)]), requestID: requestID)
                return values
            }
            return .json(.object(["deleted": .int(id), "valuesDeleted": .int(values)]))
        }
    }

    /// A field as the API shows it, with its value count.
    static func json(_ db: Database, id: Int64) throws -> JSONValue {
        try CustomField.require(db, id: id).json(stores: try StoreRef.all(db), values: try CustomField.valueCount(db, id: id))
    }

    static func body(_ request: Request) throws -> [String: JSONValue] {
        guard case .object(let members) = try request.decode(JSONValue.self) else {
            throw HTTPError.badRequest("The body must be a JSON object.", code: "malformed_json")
        }
        return members
    }

    /// The `{id}` of a custom field route, or a 404.
    static func fieldID(_ context: RequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameter("id")), id > 0 else {
            throw HTTPError.notFound("No custom field with id \(context.parameters["id"] ?? "").", code: "custom_field_not_found")
        }
        return id
    }

    /// The members that changed, before and after, for the audit.
    static func diff(_ before: JSONValue, _ after: JSONValue) -> (JSONValue, JSONValue) {
        guard case .object(let old) = before, case .object(let new) = after else { return (before, after) }
        var changedBefore: [String: JSONValue] = [:]
        var changedAfter: [String: JSONValue] = [:]
        for key in Set(old.keys).union(new.keys) where key != "updatedAt" && old[key] != new[key] {
            changedBefore[key] = old[key] ?? .null
            changedAfter[key] = new[key] ?? .null
        }
        return (.object(changedBefore), .object(changedAfter))
    }
}
