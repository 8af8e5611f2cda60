import SQLite

/// The catalog under `/shops/{shop}/api/products`: just what pricing and orders need
/// (SKU, name, category, gross/net/cost price in the company currency, price-list prices
/// per currency, store prices, discount group, active). Reading needs `customers.read`;
/// changing needs `catalog.manage`.
struct ProductRoutes {
    func addRoutes(to routes: RouteGroup) {
        let read = routes.requiring(.customersRead)
        let manage = routes.requiring(.catalogManage)

        read.get("/products", summary: "Products, by SKU; ?search= (SKU or name prefix), ?category=, ?after=<sku>, ?limit=") {
            request, context in
            let shop = try context.requireShop()
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            let search = request.query("search").map { $0.trimmedWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
            let (category, after) = (request.query("category"), request.query("after"))
            let page = try await shop.database.read { db -> JSONValue in
                var conditions: [String] = []
                var values: [(any SQLValueConvertible)?] = []
                if let search {
                    conditions.append("(sku LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')")
                    let pattern = ProductRoutes.likePrefix(search)
                    values += [pattern, pattern]
                }
                if let category {
                    conditions.append("category = ?")
                    values.append(category)
                }
                if let after {
                    conditions.append("sku > ?")
                    values.append(after)
                }
                let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
                let rows = try db.query("SELECT \(ProductStore.columns) FROM product \(filter) ORDER BY sku LIMIT ?", values + [limit + 1])
                let products = rows.prefix(limit).map { JSONValue.object(ProductStore.summary($0)) }
                var object: [String: JSONValue] = ["products": .array(products)]
                object["next"] = rows.count > limit ? (products.last?["sku"] ?? .null) : .null
                return .object(object)
            }
            return .json(page)
        }

        read.get("/products/{sku}", summary: "One product with its price-list and store prices") { _, context in
            let shop = try context.requireShop()
            let sku = try context.parameter("sku")
            let product = try await shop.database.read { db in try ProductStore.json(db, ProductStore.id(db, sku: sku)) }
            return .json(.object(["product": product]))
        }

        manage.post("/products", summary: "Create a product") { request, context in
            let shop = try context.requireShop()
            let input = try ProductInput(JSONBody(request, allowing: ProductInput.fields), creating: true)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let product = try await shop.database.write { db -> JSONValue in
                let id = try ProductStore.create(db, input)
                let product = try ProductStore.json(db, id)
                try AuditLog.record(
                    db, actor: actor, action: "product.created", entity: "product", entityID: String(id), after: product,
                    requestID: requestID)
                return product
            }
            return .json(.object(["product": product]), status: .created)
        }

        manage.patch("/products/{sku}", summary: "Change a product (partial; listPrices and storePrices replace the sets sent)") {
            request, context in
            let shop = try context.requireShop()
            let sku = try context.parameter("sku")
            let input = try ProductInput(JSONBody(request, allowing: ProductInput.fields), creating: false)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let product = try await shop.database.write { db -> JSONValue in
                let id = try ProductStore.id(db, sku: sku)
                let before = try ProductStore.json(db, id)
                try ProductStore.update(db, id, input)
                let after = try ProductStore.json(db, id)
                try AuditLog.record(
                    db, actor: actor, action: "product.updated", entity: "product", entityID: String(id), before: before, after: after,
                    requestID: requestID)
                return after
            }
            return .json(.object(["product": product]))
        }

        manage.delete("/products/{sku}", summary: "Delete a product and the rules about it (order lines keep their copy)") {
            _, context in
            let shop = try context.requireShop()
            let sku = try context.parameter("sku")
            let (actor, requestID) = (context.auditActor, context.requestID)
            let rules = try await shop.database.write { db -> Int64 in
                let id = try ProductStore.id(db, sku: sku)
                let before = try ProductStore.json(db, id)
                let rules = try ProductStore.delete(db, id)
                try AuditLog.record(
                    db, actor: actor, action: "product.deleted", entity: "product", entityID: String(id), before: before,
                    after: .object(["rulesDeleted": .int(rules)]), requestID: requestID)
                return rules
            }
            return .json(.object(["deleted": .string(sku), "rulesDeleted": .int(rules)]))
        }
    }

    /// `text%` with LIKE's wildcards escaped.
    static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }
}
