import Foundation
import HTTPServer
import SQLite

/// The merchant's customer API under `/shops/{shop}/api/customers`.
public struct CustomerRoutes {
    struct BlockBody: Decodable { var reason: String }
    struct EraseBody: Decodable { var confirmCustomerNumber: String }

    /// Every module of the build: GDPR export and erasure reach the data of modules the shop
    /// has switched off too (switching off keeps data), as long as their tables exist.
    let catalog: ModuleCatalog
    /// Totals of list queries, kept until the shop's data changes.
    let counts = SearchCountCache()

    public init(catalog: ModuleCatalog) { self.catalog = catalog }

    public func addRoutes(to routes: RouteGroup) {
        let counts = self.counts
        let catalog = self.catalog
        let write = routes.requiring(.customersWrite)
        let read = routes.requiring(.customersRead)
        read.get("/customers", summary: "Search and list customers") { request, context in
            let shop = try context.requireShop()
            let query = try CustomerListQuery(
                request, filters: catalog.listFilters(for: shop.modules), moduleFields: shop.customerFields)
            let modules = catalog.modules(of: shop)
            return .json(bytes: try await shop.database.read { db in try query.run(db, counts: counts, modules: modules) })
        }

        read.get("/customers/quick", summary: "Quick filter over the newest 1,000 customers") { request, context in
            let shop = try context.requireShop()
            guard let text = request.query("q"), !text.trimmedWhitespace().isEmpty else {
                throw HTTPError.badRequest("q is the text to filter by.", code: "invalid_query", field: "q")
            }
            let limit = try request.queryInt("limit", default: 50, range: 1...1000)
            return .json(try await shop.database.read { db in try CustomerQuickFilter.run(db, text: text, limit: limit) })
        }

        routes.requiring(.customersExport).get(
            "/customers/sms-phones.csv", summary: "E.164 phones of SMS-consenting customers in a filtered set"
        ) {
            request, context in
            let shop = try context.requireShop()
            return CustomerPhoneExport.response(
                shop: shop,
                query: try CustomerListQuery(request, filters: catalog.listFilters(for: shop.modules), moduleFields: shop.customerFields))
        }

        write.post("/customers", summary: "Create a customer") { request, context in
            let shop = try context.requireShop()
            let input = try CustomerRoutes.object(request)
            try Impersonation.requireConsentPermission(input, context)
            let (actor, requestID, modules) = (context.auditActor, context.requestID, catalog.modules(of: shop))
            let record = try await shop.database.write { db -> JSONValue in
                try CustomerWriter(db: db, actor: actor, requestID: requestID, modules: modules).createRecord(input).record
            }
            return CustomerRoutes.respond(record, status: .created)
        }

        read.get("/customers/{id}", summary: "One customer") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let parts = CustomerModuleParts(modules: catalog.modules(of: shop))
            return CustomerRoutes.respond(try await shop.database.read { db in try parts.require(db, id: id) })
        }

        write.patch("/customers/{id}", summary: "Change a customer (If-Match: the version)") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let patch = try CustomerRoutes.object(request)
            try Impersonation.requireConsentPermission(patch, context)
            let expected = try CustomerRoutes.expectedVersion(request)
            let (actor, requestID, modules) = (context.auditActor, context.requestID, catalog.modules(of: shop))
            let record = try await shop.database.write { db -> JSONValue in
                try CustomerWriter(db: db, actor: actor, requestID: requestID, modules: modules).update(
                    id, patch, expectedVersion: expected)
            }
            return CustomerRoutes.respond(record)
        }

        routes.requiring(.customersDelete).delete("/customers/{id}", summary: "Delete a customer (?dryRun=true shows the impact)") {
            request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let dryRun = request.query("dryRun") == "true"
            let (actor, requestID) = (context.auditActor, context.requestID)
            let impact = try await shop.database.write { db -> JSONValue in
                // The modules' part first: a real delete cascades through their tables too.
                var moduleImpact: [String: JSONValue] = [:]
                for module in try CustomerRoutes.migratedModules(db, catalog) {
                    let part = try module.customerDeletionImpact(db, customerID: id)
                    if !part.isEmpty { moduleImpact[module.id] = .object(part) }
                }
                let writer = CustomerWriter(db: db, actor: actor, requestID: requestID)
                guard case .object(var core) = dryRun ? try writer.deletionImpact(id) : try writer.delete(id) else {
                    return .null
                }
                core["modules"] = .object(moduleImpact)
                return .object(core)
            }
            return .json(.object(["dryRun": .bool(dryRun), "impact": impact]))
        }

        write.post("/customers/{id}/copy", summary: "Copy a customer: everything but identity and credentials") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let identity = try CustomerRoutes.object(request)
            let (actor, requestID, modules) = (context.auditActor, context.requestID, catalog.modules(of: shop))
            let record = try await shop.database.write { db -> JSONValue in
                let writer = CustomerWriter(db: db, actor: actor, requestID: requestID, modules: modules)
                return try writer.parts.require(db, id: try writer.copy(id, identity: identity))
            }
            return CustomerRoutes.respond(record, status: .created)
        }

        for (path, summary) in [("activate", "Activate a pending account"), ("unblock", "Let a blocked customer sign in again")] {
            write.post("/customers/{id}/\(path)", summary: summary) { _, context in
                let shop = try context.requireShop()
                let id = try context.idParameter()
                let (actor, requestID, modules) = (context.auditActor, context.requestID, catalog.modules(of: shop))
                let record = try await shop.database.write { db -> JSONValue in
                    let writer = CustomerWriter(db: db, actor: actor, requestID: requestID, modules: modules)
                    // Activating a pending account also emails the customer (account-activated).
                    if path == "activate" { try shop.accountEmail(db).activate(id, with: writer) } else { try writer.unblock(id) }
                    return try writer.parts.require(db, id: id)
                }
                return CustomerRoutes.respond(record)
            }
        }

        write.post("/customers/{id}/block", summary: "Block sign-in with a reason the customer sees") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let body = try request.decode(BlockBody.self, allowing: ["reason"])
            let (actor, requestID, modules) = (context.auditActor, context.requestID, catalog.modules(of: shop))
            let record = try await shop.database.write { db -> JSONValue in
                let writer = CustomerWriter(db: db, actor: actor, requestID: requestID, modules: modules)
                try writer.block(id, reason: body.reason)
                return try writer.parts.require(db, id: id)
            }
            return CustomerRoutes.respond(record)
        }

        let gdpr = routes.requiring(.customersGDPR)
        gdpr.get("/customers/{id}/gdpr-export", summary: "Everything the shop holds about a customer (GDPR)") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let export = try await shop.database.read { db in
                try CustomerPrivacy.export(db, id: id, modules: try CustomerRoutes.migratedModules(db, catalog))
            }
            var headers = HTTPHeaders()
            headers.set("Content-Disposition", "attachment; filename=\"customer-\(id)-gdpr.json\"")
            return .json(export, headers: headers)
        }

        gdpr.post("/customers/{id}/gdpr-erase", summary: "Erase a customer's personal data (GDPR); orders are kept anonymised") {
            request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let body = try request.decode(EraseBody.self, allowing: ["confirmCustomerNumber"])
            let (actor, requestID) = (context.auditActor, context.requestID)
            try await shop.database.write { db in
                let number = try db.scalar("SELECT customer_number FROM customer WHERE id = ?", [id], as: String.self)
                guard let number else { throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found") }
                guard number == body.confirmCustomerNumber else {
                    throw HTTPError.invalid(
                        "confirmCustomerNumber", "Type the customer's number to confirm the erasure; it cannot be undone.",
                        code: "confirmation_mismatch")
                }
                try CustomerPrivacy.erase(
                    db, id: id, modules: try CustomerRoutes.migratedModules(db, catalog), actor: actor, requestID: requestID)
            }
            try await shop.database.maintenance { db in try CustomerPrivacy.purgeResidue(db) }
            return .json(.object(["erased": .int(id)]))
        }

        routes.requiring(.auditRead).get("/customers/{id}/timeline", summary: "The customer's audit timeline") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            let entries = try await shop.database.read { db -> [JSONValue] in
                _ = try CustomerReader.require(db, id: id)
                return try AuditLog.entries(db, entity: "customer", entityID: String(id), limit: limit)
            }
            return .json(.object(["entries": .array(entries)]))
        }
    }

    /// The build's modules whose tables exist in this shop's database.
    static func migratedModules(_ db: Database, _ catalog: ModuleCatalog) throws -> [any FeatureModule] {
        let owners = Set(try db.query("SELECT DISTINCT owner FROM schema_migrations").map { try $0.get("owner", as: String.self) })
        return catalog.entries.map(\.module).filter { owners.contains($0.id) }
    }

    static func object(_ request: Request) throws -> [String: JSONValue] {
        guard case .object(let members) = try request.decode(JSONValue.self) else {
            throw HTTPError.badRequest("The body must be a JSON object.", code: "malformed_json")
        }
        return members
    }

    /// The version in `If-Match: "7"` (or `W/"7"`); nil when the client sent none.
    static func expectedVersion(_ request: Request) throws -> Int64? {
        // RFC 9110 §13.1.1: `*` matches any current representation.
        guard let header = request.headers["If-Match"], header.trimmedWhitespace() != "*" else { return nil }
        let digits = header.replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard let version = Int64(digits) else {
            throw HTTPError(
                .preconditionFailed, code: "invalid_if_match", message: "If-Match must be the customer's version, as in its ETag.")
        }
        return version
    }

    /// A record with its version as the `ETag`.
    static func respond(_ record: JSONValue, status: HTTPStatus = .ok) -> HTTPResponse {
        var headers = HTTPHeaders()
        if case .int(let version)? = record["version"] { headers.set("ETag", "\"\(version)\"") }
        if status == .created, case .int(let id)? = record["id"] { headers.set("Location", "customers/\(id)") }
        return .json(.object(["customer": record]), status: status, headers: headers)
    }
}
