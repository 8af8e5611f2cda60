import SQLite
import ShopCore

/// The tag routes under `/shops/{shop}/api`: the merchant's list of tags, a customer's tags,
/// and the mass action. Reads need `customers.read`, changes `customers.write`; every change
/// runs in one write transaction with its audit entry.
struct TagRoutes {
    func addRoutes(to routes: RouteGroup) {
        let read = routes.requiring(.customersRead)
        let write = routes.requiring(.customersWrite)

        read.get("/tags", summary: "The shop's tags, each with its customer count") { _, context in
            let shop = try context.requireShop()
            let tags = try await shop.database.read { db in try TagStore.all(db) }
            return .json(.object(["tags": .array(tags)]))
        }

        write.post("/tags", summary: "Create a tag") { request, context in
            let shop = try context.requireShop()
            let name = try TagName(try TagRoutes.string(TagRoutes.body(request, allowing: ["name"]), "name"), field: "name")
            let (actor, requestID) = (context.auditActor, context.requestID)
            let tag = try await shop.database.write { db -> JSONValue in
                let id = try TagStore.create(db, name)
                let tag = try TagStore.require(db, id: id)
                try AuditLog.record(
                    db, actor: actor, action: "tag.created", entity: "tag", entityID: String(id),
                    after: .object(["name": .string(name.text)]), requestID: requestID)
                return tag
            }
            return .json(.object(["tag": tag]), status: .created)
        }

        write.patch("/tags/{id}", summary: "Rename a tag") { request, context in
            let shop = try context.requireShop()
            let id = try TagRoutes.tagID(context)
            let name = try TagName(try TagRoutes.string(TagRoutes.body(request, allowing: ["name"]), "name"), field: "name")
            let (actor, requestID) = (context.auditActor, context.requestID)
            let tag = try await shop.database.write { db -> JSONValue in
                let old = try TagStore.rename(db, id: id, to: name)
                if old != name.text {
                    try AuditLog.record(
                        db, actor: actor, action: "tag.renamed", entity: "tag", entityID: String(id),
                        before: .object(["name": .string(old)]), after: .object(["name": .string(name.text)]), requestID: requestID)
                }
                return try TagStore.require(db, id: id)
            }
            return .json(.object(["tag": tag]))
        }

        write.delete("/tags/{id}", summary: "Delete a tag; its customers lose it") { _, context in
            let shop = try context.requireShop()
            let id = try TagRoutes.tagID(context)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let tag = try await shop.database.write { db -> JSONValue in
                let tag = try TagStore.delete(db, id: id)
                try AuditLog.record(
                    db, actor: actor, action: "tag.deleted", entity: "tag", entityID: String(id), before: tag, requestID: requestID)
                return tag
            }
            return .json(.object(["deleted": .int(id), "customersUntagged": tag["customers"] ?? .int(0)]))
        }

        read.get("/customers/{id}/tags", summary: "A customer's tags") { _, context in
            let shop = try context.requireShop()
            let customerID = try context.idParameter()
            let tags = try await shop.database.read { db -> [JSONValue] in
                try TagStore.requireCustomer(db, id: customerID)
                return try TagStore.tags(db, customerID: customerID)
            }
            return .json(.object(["customerId": .int(customerID), "tags": .array(tags)]))
        }

        write.put("/customers/{id}/tags", summary: "Replace a customer's tags; unknown names are created") { request, context in
            let shop = try context.requireShop()
            let customerID = try context.idParameter()
            let body = try TagRoutes.body(request, allowing: ["tags"])
            guard let list = body["tags"] else { throw HTTPError.invalid("tags", "tags is required.", code: "missing_field") }
            let names = try TagName.list(list, field: "tags")
            let (actor, requestID) = (context.auditActor, context.requestID)
            let (tags, created) = try await shop.database.write { db -> ([JSONValue], [String]) in
                try TagStore.requireCustomer(db, id: customerID)
                let before = try TagStore.names(db, customerID: customerID)
                let (ids, created) = try TagStore.ensure(db, names)
                try TagStore.replace(db, customerID: customerID, with: ids)
                let after = try TagStore.names(db, customerID: customerID)
                if before != after {
                    try AuditLog.record(
                        db, actor: actor, action: "customer.tags_changed", entity: "customer", entityID: String(customerID),
                        before: .object(["tags": .array(before.map { .string($0) })]),
                        after: .object(["tags": .array(after.map { .string($0) }), "createdTags": .array(created.map { .string($0) })]),
                        requestID: requestID)
                }
                return (try TagStore.tags(db, customerID: customerID), created)
            }
            return .json(
                .object(["customerId": .int(customerID), "tags": .array(tags), "createdTags": .array(created.map { .string($0) })]))
        }

        write.post("/tags/assign", summary: "Add and remove tags on ticked customers, every customer a list filter matches, or all") {
            request, context in
            let shop = try context.requireShop()
            let body = try TagRoutes.body(request, allowing: ["add", "remove", "customerIds", "filter", "all"])
            let add = try TagName.list(body["add"], field: "add")
            let remove = try TagName.list(body["remove"], field: "remove")
            guard !add.isEmpty || !remove.isEmpty else {
                throw HTTPError.invalid("add", "Name at least one tag in add or remove.", code: "missing_field")
            }
            if let both = remove.first(where: { name in add.contains { $0.key == name.key } }) {
                throw HTTPError.invalid("remove", "\(both.text) is both added and removed; name it in one list.", code: "conflicting_tags")
            }
            let given = ["customerIds", "filter", "all"].filter { body[$0] != nil }
            guard given.count == 1 else {
                throw HTTPError.invalid(
                    given.last ?? "customerIds",
                    given.isEmpty
                        ? "Give customerIds, filter or all: the customers to change." : "Give one of customerIds, filter and all.",
                    code: given.isEmpty ? "missing_field" : "conflicting_selection")
            }
            if let all = body["all"], all != .bool(true) {
                throw HTTPError.invalid("all", "all must be true: every customer of the shop.", code: "wrong_type")
            }
            // The filter is checked before the transaction; ticked ids need the database.
            let filter = try body["filter"].map { try CustomerSelection.filter($0, shop: shop) } ?? (body["all"] == nil ? nil : .everyone)
            let ids = body["customerIds"]
            let (actor, requestID) = (context.auditActor, context.requestID)
            let outcome = try await shop.database.write { db -> TagAssignment.Outcome in
                let selection = try filter ?? CustomerSelection.ids(ids ?? .null, in: db)
                let outcome = try TagAssignment(add: add, remove: remove, selection: selection).run(db)
                try AuditLog.record(
                    db, actor: actor, action: "tags.assigned", entity: "tag", entityID: nil,
                    after: .object([
                        "add": .array(add.map { .string($0.text) }), "remove": .array(remove.map { .string($0.text) }),
                        "selection": selection.summary, "selected": .int(outcome.selected), "changed": .int(outcome.changed),
                        "createdTags": .array(outcome.created.map { .string($0) }),
                    ]), requestID: requestID)
                return outcome
            }
            return .json(
                .object([
                    "changed": .int(outcome.changed), "selected": .int(outcome.selected),
                    "createdTags": .array(outcome.created.map { .string($0) }),
                ]))
        }
    }

    /// The JSON object body, refusing members not in `allowed`.
    static func body(_ request: Request, allowing allowed: Set<String>) throws -> [String: JSONValue] {
        try request.decode([String: JSONValue].self, allowing: allowed)
    }

    /// A required string member, or a 422 naming it.
    static func string(_ body: [String: JSONValue], _ key: String) throws -> String {
        switch body[key] {
        case .string(let text)?: return text
        case nil, .null?: throw HTTPError.invalid(key, "\(key) is required.", code: "missing_field")
        default: throw HTTPError.invalid(key, "\(key) must be a string.", code: "wrong_type")
        }
    }

    /// The `{id}` of a tag route, or a 404.
    static func tagID(_ context: RequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameter("id")), id > 0 else {
            throw HTTPError.notFound("No tag with id \(context.parameters["id"] ?? "").", code: "tag_not_found")
        }
        return id
    }
}
