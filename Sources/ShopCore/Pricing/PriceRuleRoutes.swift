import Pricing
import SQLite

/// Customer prices and discounts under `/shops/{shop}/api/price-rules`, plus copying one
/// customer's rules to another. Reading needs `customers.read`; changing `pricing.manage`.
struct PriceRuleRoutes {
    func addRoutes(to routes: RouteGroup) {
        let manage = routes.requiring(.pricingManage)

        routes.requiring(.customersRead).get(
            "/price-rules",
            summary: "Rules, newest first; filter by ?customerId= ?groupId= ?segment= ?district= ?kind= ?sku=, page with ?before=<id>"
        ) { request, context in
            let shop = try context.requireShop()
            let limit = try request.queryInt("limit", default: 100, range: 1...1000)
            var conditions: [String] = []
            var values: [(any SQLValueConvertible)?] = []
            for (parameter, scope) in [("customerId", "customer"), ("groupId", "group"), ("segment", "segment"), ("district", "district")] {
                if let value = request.query(parameter) {
                    conditions.append("r.scope = ? AND r.scope_value = ?")
                    values += [scope, value]
                }
            }
            if let kind = request.query("kind") {
                guard ["price", "discount", "margin"].contains(kind) else {
                    throw HTTPError.badRequest("kind must be price, discount or margin.", code: "invalid_query", field: "kind")
                }
                conditions.append("r.kind = ?")
                values.append(kind)
            }
            if let sku = request.query("sku") {
                conditions.append("p.sku = ?")
                values.append(sku)
            }
            if let before = request.query("before") {
                guard let id = Int64(before) else {
                    throw HTTPError.badRequest("before must be a rule id.", code: "invalid_query", field: "before")
                }
                conditions.append("r.id < ?")
                values.append(id)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let arguments = values + [limit]
            let rules = try await shop.database.read { db in
                try db.query("\(PriceRuleStore.select) \(filter) ORDER BY r.id DESC LIMIT ?", arguments).map(PriceRuleStore.json)
            }
            return .json(.object(["rules": .array(rules)]))
        }

        routes.requiring(.customersRead).get("/price-rules/{id}", summary: "One price rule") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            return .json(.object(["rule": try await shop.database.read { db in try PriceRuleStore.json(db, id) }]))
        }

        manage.post("/price-rules", summary: "Create a customer price, discount or margin rule") { request, context in
            let shop = try context.requireShop()
            let body = try JSONBody(request, allowing: PriceRuleInput.fields)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let rule = try await shop.database.write { db -> JSONValue in
                let input = try PriceRuleInput(body, db)
                let id = try PriceRuleStore.insert(db, input)
                let rule = try PriceRuleStore.json(db, id)
                try AuditLog.record(
                    db, actor: actor, action: "price_rule.created", entity: "price_rule", entityID: String(id), after: rule,
                    requestID: requestID)
                return rule
            }
            return .json(.object(["rule": rule]), status: .created)
        }

        manage.delete("/price-rules/{id}", summary: "Delete a price rule") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            try await shop.database.write { db in
                let before = try PriceRuleStore.json(db, id)
                try db.execute("DELETE FROM price_rule WHERE id = ?", [id])
                try CatalogSchema.touch(db)
                try AuditLog.record(
                    db, actor: actor, action: "price_rule.deleted", entity: "price_rule", entityID: String(id), before: before,
                    requestID: requestID)
            }
            return .json(.object(["deleted": .int(id)]))
        }

        manage.post(
            "/customers/{id}/price-rules/copy", summary: "Copy another customer's prices and discounts to this customer (001)"
        ) { request, context in
            let shop = try context.requireShop()
            let target = try context.idParameter()
            let body = try JSONBody(request, allowing: ["fromCustomerId", "replace"])
            let source = try body.int("fromCustomerId", in: 1...Int64.max, required: true)!
            guard source != target else {
                throw HTTPError.invalid("fromCustomerId", "fromCustomerId must be another customer.")
            }
            let replace = try body.bool("replace") ?? false
            let (actor, requestID) = (context.auditActor, context.requestID)
            let (copied, removed) = try await shop.database.write { db -> (Int64, Int64) in
                for (id, field) in [(source, "fromCustomerId"), (target, "id")] {
                    guard try db.scalar("SELECT 1 FROM customer WHERE id = ? AND erased_at IS NULL", [id], as: Int64.self) != nil else {
                        throw HTTPError(.notFound, code: "not_found", message: "No customer \(id) in this shop.", field: field)
                    }
                }
                let result = try PriceRuleStore.copy(db, from: source, to: target, replace: replace)
                try AuditLog.record(
                    db, actor: actor, action: "price_rule.copied", entity: "customer", entityID: String(target),
                    after: .object([
                        "fromCustomerId": .int(source), "copied": .int(result.0), "removed": .int(result.1), "replace": .bool(replace),
                    ]), requestID: requestID)
                return result
            }
            return .json(.object(["copied": .int(copied), "removed": .int(removed)]))
        }
    }
}
