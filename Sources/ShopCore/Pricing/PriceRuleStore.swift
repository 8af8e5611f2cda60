import Pricing
import SQLite

/// Customer prices, discounts and margin rules in `price_rule`: insert, read as JSON,
/// delete, and copy one customer's rules to another (DOMAIN.md 001 "copy customer").
enum PriceRuleStore {
    static func insert(_ db: Database, _ rule: PriceRuleInput) throws -> Int64 {
        try db.execute(
            """
            INSERT INTO price_rule(kind, scope, scope_value, target, target_id, currency, amount, price_type, percentage,
                                   minimum_quantity, valid_from, valid_to, note, created_at)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                rule.kind, rule.scope, rule.scopeValue, rule.target, rule.targetID, rule.currency, rule.amount, rule.priceType,
                rule.percentage?.millionths, rule.minimumQuantity, rule.validFrom?.description, rule.validTo?.description, rule.note,
                Timestamp.now(),
            ])
        try CatalogSchema.touch(db)
        return db.lastInsertRowID
    }

    static let select = """
        SELECT r.id, r.kind, r.scope, r.scope_value, r.target, r.target_id, r.currency, r.amount, r.price_type, r.percentage,
               r.minimum_quantity, r.valid_from, r.valid_to, r.note, r.created_at, p.sku
        FROM price_rule r LEFT JOIN product p ON r.target = 'product' AND p.id = r.target_id
        """

    static func json(_ db: Database, _ id: Int64) throws -> JSONValue {
        guard let row = try db.queryRow("\(select) WHERE r.id = ?", [id]) else {
            throw HTTPError.notFound("No price rule \(id) in this shop.")
        }
        return json(row)
    }

    static func json(_ row: Row) -> JSONValue {
        func optional(_ value: SQLValue) -> JSONValue {
            switch value {
            case .integer(let number): .int(number)
            case .text(let text): .string(text)
            default: .null
            }
        }
        let kind = row[1].text ?? ""
        let scope = row[2].text ?? ""
        var object: [String: JSONValue] = [
            "id": .int(row[0].int ?? 0), "kind": .string(kind), "scope": .string(scope),
            "minimumQuantity": .int(row[10].int ?? 1), "validFrom": optional(row[11]), "validTo": optional(row[12]),
            "note": optional(row[13]), "createdAt": optional(row[14]),
        ]
        let value = row[3].text ?? ""
        switch scope {
        case "customer": object["customerId"] = Int64(value).map(JSONValue.int) ?? .null
        case "group": object["groupId"] = Int64(value).map(JSONValue.int) ?? .null
        default: object[scope] = .string(value)
        }
        if row[4].text == "product" {
            object["sku"] = optional(row[15])
            object["productId"] = optional(row[5])
        } else if row[4].text == "discount-group" {
            object["discountGroupId"] = optional(row[5])
        }
        let percentage = row[9].int.map { JSONValue.string(Percentage(millionths: $0).description) } ?? .null
        switch kind {
        case "price":
            object["currency"] = optional(row[6])
            object["amount"] = optional(row[7])
            object["priceType"] = optional(row[8])
        case "discount": object["percentage"] = percentage
        default: object["margin"] = percentage
        }
        return .object(object)
    }

    /// Copies every rule scoped to `source` to `target`; with `replace` the target's own
    /// rules go first. Returns (copied, removed).
    static func copy(_ db: Database, from source: Int64, to target: Int64, replace: Bool) throws -> (Int64, Int64) {
        var removed: Int64 = 0
        if replace {
            try db.execute("DELETE FROM price_rule WHERE scope = 'customer' AND scope_value = ?", [String(target)])
            removed = Int64(db.changes)
        }
        try db.execute(
            """
            INSERT INTO price_rule(kind, scope, scope_value, target, target_id, currency, amount, price_type, percentage,
                                   minimum_quantity, valid_from, valid_to, note, created_at)
            SELECT kind, scope, ?, target, target_id, currency, amount, price_type, percentage,
                   minimum_quantity, valid_from, valid_to, note, ?
            FROM price_rule WHERE scope = 'customer' AND scope_value = ? ORDER BY id
            """, [String(target), Timestamp.now(), String(source)])
        let copied = Int64(db.changes)
        try CatalogSchema.touch(db)
        return (copied, removed)
    }
}
