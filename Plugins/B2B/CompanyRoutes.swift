import SQLite
import ShopCore

/// The company routes under `/shops/{shop}/api/companies`: list, create, read, change and
/// delete companies, and their people with the one admin. Reads need `customers.read`,
/// changes `customers.write`, deletion `customers.delete`; every change runs in one write
/// transaction with its audit entry (entity `b2b_company`).
struct CompanyRoutes {
    func addRoutes(to routes: RouteGroup) {
        let read = routes.requiring(.customersRead)
        let write = routes.requiring(.customersWrite)

        read.get("/companies", summary: "The shop's companies, newest first; q searches name and numbers") { request, context in
            let shop = try context.requireShop()
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            let before = try CompanyRoutes.cursor(request)
            let query = request.query("q")
            for key in request.queryItems.keys.sorted() where !["q", "limit", "before"].contains(key) {
                throw HTTPError.badRequest("\(key) is not a parameter here; use q, limit, before.", code: "unknown_parameter", field: key)
            }
            let companies = try await shop.database.read { db in
                try CompanyStore.list(db, query: query, before: before, limit: limit + 1)
            }
            let page = Array(companies.prefix(limit))
            var next: JSONValue = .null
            if companies.count > limit, case .int(let last)? = page.last?["id"] { next = .string(String(last)) }
            return .json(.object(["companies": .array(page), "nextCursor": next]))
        }

        write.post("/companies", summary: "Create a company") { request, context in
            let shop = try context.requireShop()
            let body = try B2BField.body(request, allowing: CompanyInput.keys)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let company = try await shop.database.write { db -> JSONValue in
                let id = try CompanyStore.create(db, try CompanyInput(body, current: [:], in: db))
                let company = try CompanyStore.json(db, try CompanyStore.require(db, id: id), people: true)
                try AuditLog.record(
                    db, actor: actor, action: "b2b.company_created", entity: "b2b_company", entityID: String(id), after: company,
                    requestID: requestID)
                try ShopEvents.emit(db, "company.created", ["company": company])
                return company
            }
            return .json(.object(["company": company]), status: .created)
        }

        read.get("/companies/{id}", summary: "One company with its people") { _, context in
            let shop = try context.requireShop()
            let id = try CompanyRoutes.companyID(context)
            let company = try await shop.database.read { db in try CompanyStore.json(db, try CompanyStore.require(db, id: id), people: true)
            }
            return .json(.object(["company": company]))
        }

        write.patch("/companies/{id}", summary: "Change a company: only the fields given; null clears one") { request, context in
            let shop = try context.requireShop()
            let id = try CompanyRoutes.companyID(context)
            let body = try B2BField.body(request, allowing: CompanyInput.keys)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let company = try await shop.database.write { db -> JSONValue in
                let row = try CompanyStore.require(db, id: id)
                let input = try CompanyInput(body, current: CompanyStore.values(row), in: db)
                if let (before, after) = try CompanyStore.update(db, id: id, input) {
                    let customers = ModuleCustomers(db, actor: actor, requestID: requestID)
                    try CompanyPeople.moveGroup(
                        db, companyID: id, from: CompanyRoutes.optionalID(row["group_id"]),
                        to: CompanyRoutes.optionalID(try CompanyStore.require(db, id: id)["group_id"]), customers: customers)
                    let (changedBefore, changedAfter) = CompanyRoutes.diff(before, after)
                    try AuditLog.record(
                        db, actor: actor, action: "b2b.company_updated", entity: "b2b_company", entityID: String(id),
                        before: changedBefore, after: changedAfter, requestID: requestID)
                    try CompanyRoutes.emitUpdated(db, id: id, changed: changedAfter)
                }
                return try CompanyStore.json(db, try CompanyStore.require(db, id: id), people: true)
            }
            return .json(.object(["company": company]))
        }

        routes.requiring(.customersDelete).delete("/companies/{id}", summary: "Delete a company; its people stay customers") {
            _, context in
            let shop = try context.requireShop()
            let id = try CompanyRoutes.companyID(context)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let unlinked = try await shop.database.write { db -> Int64 in
                let row = try CompanyStore.require(db, id: id)
                let customers = ModuleCustomers(db, actor: actor, requestID: requestID)
                try CompanyPeople.moveGroup(
                    db, companyID: id, from: CompanyRoutes.optionalID(row["group_id"]), to: nil, customers: customers)
                let company = try CompanyStore.delete(db, id: id)
                try AuditLog.record(
                    db, actor: actor, action: "b2b.company_deleted", entity: "b2b_company", entityID: String(id), before: company,
                    requestID: requestID)
                try ShopEvents.emit(db, "company.deleted", ["company": company])
                if case .int(let count)? = company["peopleCount"] { return count }
                return 0
            }
            return .json(.object(["deleted": .int(id), "peopleUnlinked": .int(unlinked)]))
        }

        write.post("/companies/{id}/people", summary: "Add a customer as a person of the company (admin: true makes them its admin)") {
            request, context in
            let shop = try context.requireShop()
            let id = try CompanyRoutes.companyID(context)
            let body = try B2BField.body(request, allowing: ["customerId", "admin"])
            guard let customerID = try B2BField.id(body, "customerId") else {
                throw HTTPError.invalid("customerId", "customerId is required: the customer to add.", code: "missing_field")
            }
            let admin: Bool
            switch body["admin"] {
            case nil, .null?: admin = false
            case .bool(let flag)?: admin = flag
            default: throw HTTPError.invalid("admin", "admin must be true or false.", code: "wrong_type")
            }
            let (actor, requestID) = (context.auditActor, context.requestID)
            let company = try await shop.database.write { db -> JSONValue in
                let customers = ModuleCustomers(db, actor: actor, requestID: requestID)
                if try CompanyPeople.add(db, companyID: id, customerID: customerID, admin: admin, customers: customers) {
                    let isAdmin = try CompanyPeople.membership(db, customerID: customerID)?.admin ?? false
                    try AuditLog.record(
                        db, actor: actor, action: "b2b.person_added", entity: "b2b_company", entityID: String(id),
                        after: .object(["customerId": .int(customerID), "admin": .bool(isAdmin)]), requestID: requestID)
                }
                return try CompanyStore.json(db, try CompanyStore.require(db, id: id), people: true)
            }
            return .json(.object(["company": company]))
        }

        write.delete("/companies/{id}/people/{customerId}", summary: "Remove a person from the company") { _, context in
            let shop = try context.requireShop()
            let id = try CompanyRoutes.companyID(context)
            let customerID = try context.idParameter("customerId")
            let (actor, requestID) = (context.auditActor, context.requestID)
            let company = try await shop.database.write { db -> JSONValue in
                try CompanyPeople.remove(
                    db, companyID: id, customerID: customerID, customers: ModuleCustomers(db, actor: actor, requestID: requestID))
                try AuditLog.record(
                    db, actor: actor, action: "b2b.person_removed", entity: "b2b_company", entityID: String(id),
                    before: .object(["customerId": .int(customerID)]), requestID: requestID)
                return try CompanyStore.json(db, try CompanyStore.require(db, id: id), people: true)
            }
            return .json(.object(["company": company]))
        }

        write.put("/companies/{id}/admin", summary: "Make one of the company's people its admin") { request, context in
            let shop = try context.requireShop()
            let id = try CompanyRoutes.companyID(context)
            let body = try B2BField.body(request, allowing: ["customerId"])
            guard let customerID = try B2BField.id(body, "customerId") else {
                throw HTTPError.invalid("customerId", "customerId is required: the person to make admin.", code: "missing_field")
            }
            let (actor, requestID) = (context.auditActor, context.requestID)
            let company = try await shop.database.write { db -> JSONValue in
                let before = try CompanyPeople.makeAdmin(db, companyID: id, customerID: customerID)
                if let before {
                    try AuditLog.record(
                        db, actor: actor, action: "b2b.admin_changed", entity: "b2b_company", entityID: String(id),
                        before: .object(["adminCustomerId": .int(before)]), after: .object(["adminCustomerId": .int(customerID)]),
                        requestID: requestID)
                }
                return try CompanyStore.json(db, try CompanyStore.require(db, id: id), people: true)
            }
            return .json(.object(["company": company]))
        }
    }

    /// The `{id}` of a company route, or a 404.
    static func companyID(_ context: RequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameter("id")), id > 0 else {
            throw HTTPError.notFound("No company with id \(context.parameters["id"] ?? "").", code: "company_not_found")
        }
        return id
    }

    /// `before`, the id a page continues after, or a 400 naming it.
    static func cursor(_ request: Request) throws -> Int64? {
        guard let text = request.query("before") else { return nil }
        guard let id = Int64(text), id > 0 else {
            throw HTTPError.badRequest("before must be an id, as nextCursor gives it.", code: "invalid_query", field: "before")
        }
        return id
    }

    static func optionalID(_ value: SQLValue) -> Int64? {
        if case .integer(let id) = value { return id }
        return nil
    }

    /// The members that changed, before and after.
    /// `company.updated` for the core's webhooks: the company now, and the keys that changed.
    static func emitUpdated(_ db: Database, id: Int64, changed: JSONValue) throws {
        var keys: [JSONValue] = []
        if case .object(let members) = changed { keys = members.keys.sorted().map { .string($0) } }
        let company = try CompanyStore.json(db, try CompanyStore.require(db, id: id), people: true)
        try ShopEvents.emit(db, "company.updated", ["company": company, "changed": .array(keys)])
    }

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
