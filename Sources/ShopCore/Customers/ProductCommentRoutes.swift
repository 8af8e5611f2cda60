import SQLite

/// Delivery-note comments per product line (DOMAIN.md 001 "Asiakaskommentit"): text a
/// customer asked for, printed on the line of that SKU on their delivery notes. Kept per
/// customer and SKU; copied onto an order line when the line is added.
struct ProductCommentRoutes {
    func addRoutes(to routes: RouteGroup) {
        routes.requiring(.customersRead).get("/customers/{id}/product-comments", summary: "The customer's delivery-note comments per SKU") {
            _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let comments = try await shop.database.read { db -> [JSONValue] in
                try ProductCommentRoutes.requireCustomer(db, id)
                return try db.query(
                    "SELECT sku, comment, updated_at FROM customer_product_comment WHERE customer_id = ? ORDER BY sku", [id]
                ).map { row in
                    .object([
                        "sku": .string(row[0].text ?? ""), "comment": .string(row[1].text ?? ""), "updatedAt": .string(row[2].text ?? ""),
                    ])
                }
            }
            return .json(.object(["comments": .array(comments)]))
        }

        routes.requiring(.customersWrite).put("/customers/{id}/product-comments/{sku}", summary: "Set the delivery-note comment for a SKU")
        {
            request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let sku = try ProductInput.validSKU(try context.parameter("sku"))
            let comment = try JSONBody(request, allowing: ["comment"]).string("comment", max: 500, required: true)!
            try await shop.database.write { db in
                try ProductCommentRoutes.requireCustomer(db, id)
                let before = try db.scalar(
                    "SELECT comment FROM customer_product_comment WHERE customer_id = ? AND sku = ?", [id, sku], as: String.self)
                try db.execute(
                    """
                    INSERT INTO customer_product_comment(customer_id, sku, comment, updated_at) VALUES(?, ?, ?, ?)
                    ON CONFLICT(customer_id, sku) DO UPDATE SET comment = excluded.comment, updated_at = excluded.updated_at
                    """, [id, sku, comment, Timestamp.now()])
                try AuditLog.record(
                    db, actor: context.auditActor, action: "customer.product_comment_set", entity: "customer", entityID: String(id),
                    before: before.map { .object(["sku": .string(sku), "comment": .string($0)]) },
                    after: .object(["sku": .string(sku), "comment": .string(comment)]), requestID: context.requestID)
            }
            return .json(.object(["comment": .object(["sku": .string(sku), "comment": .string(comment)])]))
        }

        routes.requiring(.customersWrite).delete("/customers/{id}/product-comments/{sku}", summary: "Remove the comment for a SKU") {
            _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let sku = try context.parameter("sku")
            try await shop.database.write { db in
                try db.execute("DELETE FROM customer_product_comment WHERE customer_id = ? AND sku = ?", [id, sku])
                guard db.changes == 1 else { throw HTTPError.notFound("Customer \(id) has no comment for \(sku).") }
                try AuditLog.record(
                    db, actor: context.auditActor, action: "customer.product_comment_removed", entity: "customer", entityID: String(id),
                    before: .object(["sku": .string(sku)]), requestID: context.requestID)
            }
            return .noContent
        }
    }

    static func requireCustomer(_ db: Database, _ id: Int64) throws {
        guard try db.scalar("SELECT 1 FROM customer WHERE id = ? AND erased_at IS NULL", [id], as: Int64.self) != nil else {
            throw HTTPError.notFound("No customer \(id) in this shop.")
        }
    }
}
