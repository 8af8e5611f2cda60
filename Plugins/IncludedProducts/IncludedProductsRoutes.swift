import SQLite
import ShopCore

/// The staff API of product restrictions under `/shops/{shop}/api`, the same three routes at
/// each level: `/customers/{id}/included-products`, `/companies/{id}/included-products`
/// (companies from the b2b module) and `/groups/{id}/included-products`. GET reads the set (a
/// customer's also says which level decides for them and what they get), PUT replaces it, DELETE
/// removes it. Reading needs `customers.read`; changing needs `pricing.manage` (owners and
/// admins), as what a customer may buy is a commercial term like their prices. Each change is
/// audited in its transaction.
struct IncludedProductsRoutes {
    func addRoutes(to routes: RouteGroup) {
        let read = routes.requiring(.customersRead)
        let manage = routes.requiring(.pricingManage)
        for scope in ProductRestriction.Scope.allCases {
            let path = "/\(Self.segment(scope))/{id}/included-products"
            read.get(path, summary: "The products a \(scope.rawValue) is restricted to (SKUs and categories)") { _, context in
                let shop = try context.requireShop()
                let id = try context.idParameter()
                let affiliations = shop.affiliations
                return .json(
                    try await shop.database.read { db in
                        try Self.requireOwner(db, scope, id, affiliations: affiliations, writing: false)
                        return try Self.view(db, scope, id, affiliations: affiliations)
                    })
            }

            manage.put(path, summary: "Replace the products a \(scope.rawValue) is restricted to; empty lists remove the restriction") {
                request, context in
                let shop = try context.requireShop()
                let id = try context.idParameter()
                let restriction = try RestrictionInput.parse(try JSONBody(request, allowing: RestrictionInput.fields))
                let (actor, requestID, affiliations) = (context.auditActor, context.requestID, shop.affiliations)
                return .json(
                    try await shop.database.write { db -> JSONValue in
                        try Self.requireOwner(db, scope, id, affiliations: affiliations, writing: true)
                        let before = try ProductRestriction.replace(db, scope, id, with: restriction)
                        if before != restriction {
                            try Self.audit(db, scope, id, before: before, after: restriction, actor: actor, requestID: requestID)
                        }
                        return try Self.view(db, scope, id, affiliations: affiliations)
                    })
            }

            manage.delete(path, summary: "Remove a \(scope.rawValue)'s product restriction") { _, context in
                let shop = try context.requireShop()
                let id = try context.idParameter()
                let (actor, requestID, affiliations) = (context.auditActor, context.requestID, shop.affiliations)
                return .json(
                    try await shop.database.write { db -> JSONValue in
                        try Self.requireOwner(db, scope, id, affiliations: affiliations, writing: false)
                        let before = try ProductRestriction.replace(db, scope, id, with: .none)
                        guard !before.isEmpty else {
                            throw HTTPError.notFound("The \(scope.rawValue) \(id) has no product restriction.", code: "no_restriction")
                        }
                        try Self.audit(db, scope, id, before: before, after: .none, actor: actor, requestID: requestID)
                        return try Self.view(db, scope, id, affiliations: affiliations)
                    })
            }
        }
    }

    /// The path segment of a level's owners.
    static func segment(_ scope: ProductRestriction.Scope) -> String {
        switch scope {
        case .customer: return "customers"
        case .company: return "companies"
        case .group: return "groups"
        }
    }

    /// The audit entity of a level's owners, as the core and the other modules name them.
    static func entity(_ scope: ProductRestriction.Scope) -> String {
        scope == .group ? "customer_group" : scope.rawValue
    }

    /// A 404 unless the owner exists; a company must be known to the b2b module to get a
    /// restriction, but one it no longer knows (deleted) can still be read and removed.
    static func requireOwner(
        _ db: Database, _ scope: ProductRestriction.Scope, _ id: Int64, affiliations: ModuleAffiliations, writing: Bool
    ) throws {
        switch scope {
        case .customer:
            guard let row = try db.queryRow("SELECT erased_at FROM customer WHERE id = ?", [id]) else {
                throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found")
            }
            if writing && row["erased_at"] != .null {
                throw HTTPError.conflict("Customer \(id) has been erased.", code: "customer_erased")
            }
        case .group:
            guard try db.scalar("SELECT 1 FROM customer_group WHERE id = ?", [id], as: Int.self) != nil else {
                throw HTTPError.notFound("No customer group with id \(id).", code: "group_not_found")
            }
        case .company:
            if try affiliations.customers(db, kind: ProductAccess.companyAffiliation, id: id) != nil { return }
            if !writing, !(try ProductRestriction.load(db, .company, id).isEmpty) { return }
            throw HTTPError.notFound(
                "No company \(id) in this shop; companies come from the b2b module (the b2b flag, set by support).",
                code: "company_not_found")
        }
    }

    static func audit(
        _ db: Database, _ scope: ProductRestriction.Scope, _ id: Int64, before: ProductRestriction, after: ProductRestriction,
        actor: AuditActor, requestID: String
    ) throws {
        try AuditLog.record(
            db, actor: actor, action: after.isEmpty ? "included_products.removed" : "included_products.replaced", entity: entity(scope),
            entityID: String(id), before: before.json, after: after.json, requestID: requestID)
    }

    /// The owner's set, the SKUs in it no product has, and for a customer which level decides
    /// for them and what it lets through.
    static func view(_ db: Database, _ scope: ProductRestriction.Scope, _ id: Int64, affiliations: ModuleAffiliations) throws
        -> JSONValue
    {
        let restriction = try ProductRestriction.load(db, scope, id)
        guard case .object(var view) = restriction.json else { return .null }
        view[scope.idMember] = .int(id)
        view["unknownSkus"] = .array(try restriction.unknownSKUs(db).map(JSONValue.string))
        if scope == .customer {
            let companies = try affiliations.of(db, customerID: id)[ProductAccess.companyAffiliation] ?? []
            let groups = try db.query("SELECT group_id FROM customer_group_member WHERE customer_id = ? ORDER BY group_id", [id]).map {
                try $0.get("group_id", as: Int64.self)
            }
            var effective: [String: JSONValue] = ["level": .null, "owners": .array([]), "restricted": .bool(false)]
            if let access = try ProductAccess.deciding(db, customerID: id, companies: companies, groups: groups) {
                if case .object(let members) = try access.restriction(db).json { effective = members }
                effective["level"] = .string(access.scope.rawValue)
                effective["owners"] = .array(access.owners.map(JSONValue.int))
            }
            view["effective"] = .object(effective)
        }
        return .object(view)
    }
}
