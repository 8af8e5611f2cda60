import SQLite
import ShopCore

/// The staff API of credit limits under `/shops/{shop}/api`: read, set and clear a customer's
/// own limit (`/customers/{id}/credit-limit`) and a company's (`/companies/{id}/credit-limit`,
/// companies from the b2b module). Reading needs `customers.read`. Setting and clearing need
/// `pricing.manage` (owners and admins): a limit is a commercial term like a price, and staff
/// who may place orders (`orders.manage`) but not override a refusal (`orders.override`) must
/// not be able to raise the limit that refused them. Each change is audited in its transaction.
struct CreditLimitRoutes {
    static let fields: Set<String> = ["amount", "currency"]

    func addRoutes(to routes: RouteGroup) {
        let read = routes.requiring(.customersRead)
        let manage = routes.requiring(.pricingManage)

        read.get("/customers/{id}/credit-limit", summary: "A customer's credit limit, outstanding amount and what is available") {
            _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let affiliations = shop.affiliations
            return .json(try await shop.database.read { db in try CreditLimitRoutes.customerView(db, id: id, affiliations: affiliations) })
        }

        manage.put("/customers/{id}/credit-limit", summary: "Set a customer's credit limit (company currency, minor units)") {
            request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let body = try JSONBody(request, allowing: CreditLimitRoutes.fields)
            let (actor, requestID, affiliations) = (context.auditActor, context.requestID, shop.affiliations)
            return .json(
                try await shop.database.write { db -> JSONValue in
                    guard try !CreditLimitStore.isErased(db, customerID: id) else {
                        throw HTTPError.conflict("Customer \(id) has been erased.", code: "customer_erased")
                    }
                    try CreditLimitRoutes.set(db, .customer, id, body, actor: actor, requestID: requestID)
                    return try CreditLimitRoutes.customerView(db, id: id, affiliations: affiliations)
                })
        }

        manage.delete("/customers/{id}/credit-limit", summary: "Clear a customer's credit limit") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let (actor, requestID, affiliations) = (context.auditActor, context.requestID, shop.affiliations)
            return .json(
                try await shop.database.write { db -> JSONValue in
                    _ = try CreditLimitStore.isErased(db, customerID: id)
                    try CreditLimitRoutes.clear(db, .customer, id, actor: actor, requestID: requestID)
                    return try CreditLimitRoutes.customerView(db, id: id, affiliations: affiliations)
                })
        }

        read.get("/companies/{id}/credit-limit", summary: "A company's credit limit and outstanding amount over its people") {
            _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let affiliations = shop.affiliations
            return .json(try await shop.database.read { db in try CreditLimitRoutes.companyView(db, id: id, affiliations: affiliations) })
        }

        manage.put("/companies/{id}/credit-limit", summary: "Set a company's credit limit over all its people") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let body = try JSONBody(request, allowing: CreditLimitRoutes.fields)
            let (actor, requestID, affiliations) = (context.auditActor, context.requestID, shop.affiliations)
            return .json(
                try await shop.database.write { db -> JSONValue in
                    guard try affiliations.customers(db, kind: CreditLimitModule.companyAffiliation, id: id) != nil else {
                        throw CreditLimitRoutes.noCompany(id)
                    }
                    try CreditLimitRoutes.set(db, .company, id, body, actor: actor, requestID: requestID)
                    return try CreditLimitRoutes.companyView(db, id: id, affiliations: affiliations)
                })
        }

        // A company's limit can be cleared even when b2b no longer knows the company (deleted).
        manage.delete("/companies/{id}/credit-limit", summary: "Clear a company's credit limit") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            return .json(
                try await shop.database.write { db -> JSONValue in
                    try CreditLimitRoutes.clear(db, .company, id, actor: actor, requestID: requestID)
                    return .object(["companyId": .int(id), "limit": .null])
                })
        }
    }

    /// Sets a limit from a `{amount, currency?}` body and audits it. The limit is kept in the
    /// shop's company currency; a `currency` naming another is refused by name.
    static func set(
        _ db: Database, _ scope: CreditLimit.Scope, _ id: Int64, _ body: JSONBody, actor: AuditActor, requestID: String
    ) throws {
        let amount = try body.money("amount", required: true)!
        let currency = try OrderLedger.companyCurrency(db)
        if let given = try body.currency("currency"), given != currency {
            throw HTTPError.invalid(
                "currency", "Credit limits are kept in the shop's company currency, \(currency); \(given) is not it.",
                code: "invalid_currency")
        }
        let before = try CreditLimitStore.set(db, scope, id, amount: amount, currency: currency)
        try AuditLog.record(
            db, actor: actor, action: "credit_limit.set", entity: scope.auditEntity, entityID: String(id),
            before: before?.auditJSON ?? .null, after: .object(["amount": .int(amount), "currency": .string(currency)]),
            requestID: requestID)
    }

    /// Clears a limit and audits it; a 404 when there is none to clear.
    static func clear(_ db: Database, _ scope: CreditLimit.Scope, _ id: Int64, actor: AuditActor, requestID: String) throws {
        guard let before = try CreditLimitStore.clear(db, scope, id) else {
            throw HTTPError.notFound("The \(scope.rawValue) \(id) has no credit limit to clear.", code: "no_credit_limit")
        }
        try AuditLog.record(
            db, actor: actor, action: "credit_limit.cleared", entity: scope.auditEntity, entityID: String(id),
            before: before.auditJSON, after: .null, requestID: requestID)
    }

    /// The customer's own position and, for each company they belong to, the company's.
    static func customerView(_ db: Database, id: Int64, affiliations: ModuleAffiliations) throws -> JSONValue {
        _ = try CreditLimitStore.isErased(db, customerID: id)
        let currency = try OrderLedger.companyCurrency(db)
        guard case .object(var view) = try CreditPosition.customer(db, id: id, currency: currency).json else { return .null }
        let companies = try affiliations.of(db, customerID: id)[CreditLimitModule.companyAffiliation] ?? []
        view["companies"] = .array(
            try companies.map { companyID in
                let people = try affiliations.customers(db, kind: CreditLimitModule.companyAffiliation, id: companyID) ?? [id]
                return try CreditPosition.company(db, id: companyID, people: people, currency: currency).json
            })
        return .object(view)
    }

    /// A company's position with each person's outstanding amount; a 404 for a company b2b does
    /// not know, unless a limit is still stored for it (so it can be seen and cleared).
    static func companyView(_ db: Database, id: Int64, affiliations: ModuleAffiliations) throws -> JSONValue {
        let known = try affiliations.customers(db, kind: CreditLimitModule.companyAffiliation, id: id)
        let stored = try CreditLimitStore.limit(db, .company, id)
        guard known != nil || stored != nil else { throw noCompany(id) }
        let people = known ?? []
        let currency = try OrderLedger.companyCurrency(db)
        guard case .object(var view) = try CreditPosition.company(db, id: id, people: people, currency: currency).json else {
            return .null
        }
        let each = try OrderLedger.outstanding(db, customerIDs: people)
        view["people"] = .array(people.map { .object(["customerId": .int($0), "outstanding": .int(each[$0] ?? 0)]) })
        view["companyKnown"] = .bool(known != nil)
        return .object(view)
    }

    static func noCompany(_ id: Int64) -> HTTPError {
        HTTPError.notFound(
            "No company \(id) in this shop; companies come from the b2b module (the b2b flag, set by support).",
            code: "company_not_found")
    }
}
