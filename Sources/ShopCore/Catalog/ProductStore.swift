import Pricing
import SQLite

/// Products in the shop database: create, read, change, delete; every change bumps the
/// pricing version in the same transaction and is audited by the caller.
enum ProductStore {
    static func id(_ db: Database, sku: String) throws -> Int64 {
        guard let id = try db.scalar("SELECT id FROM product WHERE sku = ?", [sku], as: Int64.self) else {
            throw HTTPError(.notFound, code: "unknown_product", message: "No product with SKU \(sku) in this shop.", field: "sku")
        }
        return id
    }

    static func create(_ db: Database, _ input: ProductInput) throws -> Int64 {
        guard let sku = input.sku, let name = input.name, let gross = input.grossPrice else {
            throw HTTPError.invalid("sku", "sku, name and grossPrice are required.", code: "missing_field")
        }
        if try db.scalar("SELECT 1 FROM product WHERE sku = ?", [sku], as: Int64.self) != nil {
            throw HTTPError.conflict("A product with SKU \(sku) exists already.", code: "duplicate_sku", field: "sku")
        }
        try checkDiscountGroup(db, input.discountGroupID ?? nil)
        let now = Timestamp.now()
        try db.execute(
            """
            INSERT INTO product(sku, name, category, gross_price, net_price, cost_price, discount_group_id, active, created_at, updated_at)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                sku, name, input.category ?? nil, gross, input.netPrice ?? nil, input.costPrice ?? nil, input.discountGroupID ?? nil,
                (input.active ?? true) ? 1 : 0, now, now,
            ])
        let id = db.lastInsertRowID
        try replacePrices(db, id, input)
        try CatalogSchema.touch(db)
        return id
    }

    static func update(_ db: Database, _ id: Int64, _ input: ProductInput) throws {
        var sets: [String] = []
        var values: [(any SQLValueConvertible)?] = []
        func set(_ column: String, _ value: (any SQLValueConvertible)?) {
            sets.append("\(column) = ?")
            values.append(value)
        }
        if let sku = input.sku {
            if try db.scalar("SELECT 1 FROM product WHERE sku = ? AND id != ?", [sku, id], as: Int64.self) != nil {
                throw HTTPError.conflict("A product with SKU \(sku) exists already.", code: "duplicate_sku", field: "sku")
            }
            set("sku", sku)
        }
        if let name = input.name { set("name", name) }
        if let category = input.category { set("category", category) }
        if let gross = input.grossPrice { set("gross_price", gross) }
        if let net = input.netPrice { set("net_price", net) }
        if let cost = input.costPrice { set("cost_price", cost) }
        if let group = input.discountGroupID {
            try checkDiscountGroup(db, group)
            set("discount_group_id", group)
        }
        if let active = input.active { set("active", active ? 1 : 0) }
        set("updated_at", Timestamp.now())
        try db.execute("UPDATE product SET \(sets.joined(separator: ", ")) WHERE id = ?", values + [id])
        try replacePrices(db, id, input)
        try CatalogSchema.touch(db)
    }

    /// Deletes a product and the rules about it; order lines keep their SKU, name and prices.
    static func delete(_ db: Database, _ id: Int64) throws -> Int64 {
        try db.execute("DELETE FROM price_rule WHERE target = 'product' AND target_id = ?", [id])
        let rules = Int64(db.changes)
        try db.execute("DELETE FROM product WHERE id = ?", [id])
        try CatalogSchema.touch(db)
        return rules
    }

    static func replacePrices(_ db: Database, _ id: Int64, _ input: ProductInput) throws {
        if let lists = input.listPrices {
            try db.execute("DELETE FROM product_list_price WHERE product_id = ?", [id])
            for list in lists {
                try db.execute(
                    "INSERT INTO product_list_price(product_id, currency, kind, amount, valid_from, valid_to) VALUES(?, ?, ?, ?, ?, ?)",
                    [id, list.currency, list.kind, list.amount, list.validFrom?.description, list.validTo?.description])
            }
        }
        if let stores = input.storePrices {
            try db.execute("DELETE FROM store_price WHERE product_id = ?", [id])
            for (index, price) in stores.enumerated() {
                guard let store = try db.scalar("SELECT id FROM store WHERE code = ?", [price.store], as: Int64.self) else {
                    throw HTTPError.invalid("storePrices[\(index)].store", "No store with code \(price.store) in this shop.")
                }
                try db.execute(
                    "INSERT OR REPLACE INTO store_price(store_id, product_id, amount) VALUES(?, ?, ?)", [store, id, price.amount])
            }
        }
    }

    static func checkDiscountGroup(_ db: Database, _ id: Int64?) throws {
        guard let id else { return }
        guard try db.scalar("SELECT 1 FROM discount_group WHERE id = ?", [id], as: Int64.self) != nil else {
            throw HTTPError.invalid("discountGroupId", "No discount group \(id) in this shop.")
        }
    }

    static let columns = "id, sku, name, category, gross_price, net_price, cost_price, discount_group_id, active, created_at, updated_at"

    /// The product as the API shows it, with its price-list and store prices.
    static func json(_ db: Database, _ id: Int64) throws -> JSONValue {
        guard let row = try db.queryRow("SELECT \(columns) FROM product WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No product \(id) in this shop.")
        }
        var object = summary(row)
        object["currency"] = .string(try PriceBookLoader.companyCurrency(db))
        object["listPrices"] = .array(
            try db.query(
                "SELECT currency, kind, amount, valid_from, valid_to FROM product_list_price WHERE product_id = ? ORDER BY currency, kind, id",
                [id]
            ).map { row in
                .object([
                    "currency": .string(row[0].text ?? ""), "kind": .string(row[1].text ?? ""), "amount": .int(row[2].int ?? 0),
                    "validFrom": row[3].text.map(JSONValue.string) ?? .null, "validTo": row[4].text.map(JSONValue.string) ?? .null,
                ])
            })
        object["storePrices"] = .array(
            try db.query(
                "SELECT s.code, s.currency, sp.amount FROM store_price sp JOIN store s ON s.id = sp.store_id WHERE sp.product_id = ? ORDER BY s.code",
                [id]
            ).map { row in
                .object(["store": .string(row[0].text ?? ""), "currency": .string(row[1].text ?? ""), "amount": .int(row[2].int ?? 0)])
            })
        return .object(object)
    }

    /// The product's own fields (for lists).
    static func summary(_ row: Row) -> [String: JSONValue] {
        func optional(_ value: SQLValue) -> JSONValue {
            switch value {
            case .integer(let number): .int(number)
            case .text(let text): .string(text)
            default: .null
            }
        }
        return [
            "id": .int(row[0].int ?? 0), "sku": .string(row[1].text ?? ""), "name": .string(row[2].text ?? ""),
            "category": optional(row[3]), "grossPrice": .int(row[4].int ?? 0), "netPrice": optional(row[5]),
            "costPrice": optional(row[6]), "discountGroupId": optional(row[7]), "active": .bool(row[8] == .integer(1)),
            "createdAt": optional(row[9]), "updatedAt": optional(row[10]),
        ]
    }
}
