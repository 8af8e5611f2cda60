import SQLite
import ShopCore

/// The required-field settings under `/shops/{shop}/api/required-fields`: what each store
/// requires, and the customers who lack something. Staff who handle customers read them;
/// changing a store's requirements needs `settings.manage` and is audited in its transaction.
struct RequiredFieldsRoutes {
    func addRoutes(to routes: RouteGroup) {
        let read = routes.requiring(.customersRead)
        let manage = routes.requiring(.settingsManage)

        read.get("/required-fields", summary: "Every store's required fields, the fields that can be required, the custom fields") {
            _, context in
            let shop = try context.requireShop()
            let catalog = RequirableCatalog(moduleFields: shop.customerFields)
            let overview = try await shop.database.read { db -> JSONValue in
                let stores = try StoreRef.all(db)
                let fields = try CustomField.all(db)
                return .object([
                    "stores": .array(
                        try stores.map { try StoreRequirements.settings(db, store: $0, catalog: catalog, stores: stores, fields: fields) }),
                    "fields": .array(catalog.fields.map(\.json)),
                    "customFields": .array(fields.map { $0.json(stores: stores) }),
                ])
            }
            return .json(overview)
        }

        read.get("/required-fields/stores/{store}", summary: "One store's required fields and custom fields") { _, context in
            let shop = try context.requireShop()
            let code = try context.parameter("store")
            let catalog = RequirableCatalog(moduleFields: shop.customerFields)
            let settings = try await shop.database.read { db in try RequiredFieldsRoutes.settings(db, code: code, catalog: catalog) }
            return .json(.object(["settings": settings]))
        }

        manage.put("/required-fields/stores/{store}", summary: "Replace the fields a store requires of its customers") {
            request, context in
            let shop = try context.requireShop()
            let code = try context.parameter("store")
            let body = try request.decode([String: JSONValue].self, allowing: ["required"])
            let catalog = RequirableCatalog(moduleFields: shop.customerFields)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let settings = try await shop.database.write { db -> JSONValue in
                let store = try StoreRef.require(db, code: code)
                let before = try StoreRequirements.keys(db, storeID: store.id, catalog: catalog)
                let keys = try StoreRequirements.parse(body["required"], catalog: catalog, current: Set(before))
                if keys.contains("birthday"), !before.contains("birthday"), !(try ShopSettings.load(db).birthdayEnabled) {
                    throw HTTPError.invalid(
                        "required", "birthday is turned off for this shop (GDPR); turn it on in the settings before requiring it.",
                        code: "field_not_requirable")
                }
                if keys != before {
                    try StoreRequirements.replace(db, storeID: store.id, with: keys)
                    try AuditLog.record(
                        db, actor: actor, action: "required_fields.changed", entity: "store", entityID: String(store.id),
                        before: .object(["required": .array(before.map { .string($0) })]),
                        after: .object(["required": .array(keys.map { .string($0) })]), requestID: requestID)
                }
                return try RequiredFieldsRoutes.settings(db, code: code, catalog: catalog)
            }
            return .json(.object(["settings": settings]))
        }

        read.get("/required-fields/incomplete", summary: "Customers who lack a field their store requires, with the fields they lack") {
            request, context in
            let shop = try context.requireShop()
            let query = request.queryItems
            if let unknown = query.keys.sorted().first(where: { !["store", "limit", "cursor"].contains($0) }) {
                throw HTTPError.badRequest(
                    "\(unknown) is not a parameter here; it takes store, limit and cursor.", code: "unknown_parameter", field: unknown)
            }
            var listing = IncompleteCustomers(missing: MissingFields(catalog: RequirableCatalog(moduleFields: shop.customerFields)))
            listing.limit = try request.queryInt("limit", default: 50, range: 1...500)
            if let cursor = query["cursor"] {
                guard let after = Int64(cursor), after >= 0 else {
                    throw HTTPError.badRequest(
                        "cursor must be the nextCursor of the previous page.", code: "invalid_query", field: "cursor")
                }
                listing.after = after
            }
            let base = listing
            let page = try await shop.database.read { db -> JSONValue in
                var listing = base
                if let code = query["store"] { listing.storeID = try StoreRef.require(db, code: code).id }
                return try listing.page(db)
            }
            return .json(page)
        }
    }

    static func settings(_ db: Database, code: String, catalog: RequirableCatalog) throws -> JSONValue {
        let store = try StoreRef.require(db, code: code)
        return try StoreRequirements.settings(
            db, store: store, catalog: catalog, stores: try StoreRef.all(db), fields: try CustomField.all(db))
    }
}
