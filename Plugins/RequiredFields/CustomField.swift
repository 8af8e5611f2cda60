import Foundation
import SQLite
import ShopCore

/// One of the merchant's own customer fields (DOMAIN.md 002: "required extra fields such as a
/// payment reference"): a key the API uses under `customFields`, a label for people, a kind
/// that decides what a value may be, the stores it applies to, and whether it is required
/// there and whether customers fill it in themselves on the storefront.
struct CustomField: Sendable, Equatable {
    enum Kind: String, Sendable, CaseIterable {
        case text, number, date, choice
    }

    let id: Int64
    /// `paymentReference`: a letter, then letters and digits, at most 40; unique whatever its case.
    let key: String
    let label: String
    let kind: Kind
    /// The allowed values of a `choice` field, in the merchant's order; empty for other kinds.
    let choices: [String]
    /// Required in every store the field applies to.
    let required: Bool
    /// Customers see and set it on the storefront (registration, "my account").
    let customerEditable: Bool
    /// The stores it applies to; nil for every store of the shop, present and future.
    let storeIDs: Set<Int64>?
    let createdAt: String
    let updatedAt: String

    /// The name the API and errors use: `customFields.paymentReference`.
    var name: String { "customFields.\(key)" }

    func applies(toStore storeID: Int64) -> Bool { storeIDs?.contains(storeID) ?? true }

    /// The definition as the API shows it; `stores` are codes (null: every store).
    func json(stores: [StoreRef], values: Int64? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .int(id), "key": .string(key), "label": .string(label), "kind": .string(kind.rawValue),
            "choices": .array(choices.map { .string($0) }), "required": .bool(required), "customerEditable": .bool(customerEditable),
            "stores": storeIDs.map { ids in .array(stores.filter { ids.contains($0.id) }.map { .string($0.code) }) } ?? .null,
            "createdAt": .string(createdAt), "updatedAt": .string(updatedAt),
        ]
        if let values { object["values"] = .int(values) }
        return .object(object)
    }

    // MARK: Reading

    static let columns = "id, key, label, kind, choices, required, customer_editable, all_stores, created_at, updated_at"

    /// Every custom field of the shop, by key.
    static func all(_ db: Database) throws -> [CustomField] {
        let stores = try storeLinks(db)
        return try db.query("SELECT \(columns) FROM custom_field ORDER BY key COLLATE NOCASE").map { try make($0, stores) }
    }

    /// One field by id, or a 404.
    static func require(_ db: Database, id: Int64) throws -> CustomField {
        guard let row = try db.queryRow("SELECT \(columns) FROM custom_field WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No custom field with id \(id).", code: "custom_field_not_found")
        }
        return try make(row, try storeLinks(db, fieldID: id))
    }

    /// How many customers hold a value of the field.
    static func valueCount(_ db: Database, id: Int64) throws -> Int64 {
        try db.scalar("SELECT count(*) FROM customer_custom_value WHERE field_id = ?", [id], as: Int64.self) ?? 0
    }

    private static func storeLinks(_ db: Database, fieldID: Int64? = nil) throws -> [Int64: Set<Int64>] {
        let rows =
            try fieldID.map { try db.query("SELECT field_id, store_id FROM custom_field_store WHERE field_id = ?", [$0]) }
            ?? db.query("SELECT field_id, store_id FROM custom_field_store")
        var links: [Int64: Set<Int64>] = [:]
        for row in rows { links[try row.get("field_id"), default: []].insert(try row.get("store_id")) }
        return links
    }

    private static func make(_ row: Row, _ stores: [Int64: Set<Int64>]) throws -> CustomField {
        let id: Int64 = try row.get("id")
        let choices = try row.get("choices", as: String?.self).map { text in
            (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
        }
        return CustomField(
            id: id, key: try row.get("key"), label: try row.get("label"),
            kind: Kind(rawValue: try row.get("kind")) ?? .text, choices: choices ?? [], required: try row.get("required"),
            customerEditable: try row.get("customer_editable"),
            storeIDs: try row.get("all_stores", as: Bool.self) ? nil : stores[id] ?? [],
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}
