import Foundation
import SQLite
import ShopCore

/// Creates, changes and deletes custom field definitions inside the caller's write
/// transaction; the routes audit.
enum CustomFieldStore {
    /// The most custom fields a shop may define.
    static let maximumFields = 100

    /// Creates a field; a 409 when its key is taken whatever the case.
    static func create(_ db: Database, _ input: CustomFieldInput) throws -> Int64 {
        guard let key = input.key, let label = input.label, let kind = input.kind else {
            throw HTTPError.invalid("key", "key, label and kind are required.", code: "missing_field")
        }
        let count = try db.scalar("SELECT count(*) FROM custom_field", as: Int.self) ?? 0
        guard count < maximumFields else {
            throw HTTPError.conflict("A shop may define at most \(maximumFields) custom fields.", code: "too_many_custom_fields")
        }
        if let taken = try db.scalar("SELECT key FROM custom_field WHERE key = ?", [key], as: String.self) {
            throw HTTPError.conflict(
                "A custom field with the key \(taken) exists already; keys are unique whatever their case.", code: "custom_field_exists",
                field: "key")
        }
        let now = Timestamp.now()
        let stores = input.stores ?? nil
        try db.execute(
            """
            INSERT INTO custom_field(key, label, kind, choices, required, customer_editable, all_stores, created_at, updated_at)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                key, label, kind.rawValue, try encode(input.choices), input.required ?? false, input.customerEditable ?? false,
                stores == nil, now, now,
            ])
        let id = db.lastInsertRowID
        try replaceStores(db, fieldID: id, with: stores)
        return id
    }

    /// Applies a change. A choice still held by customers cannot be taken away: the 409 names
    /// it and how many hold it, so no stored value is left outside its field's choices.
    static func change(_ db: Database, _ field: CustomField, _ input: CustomFieldInput) throws {
        if let choices = input.choices {
            for removed in field.choices where !choices.contains(removed) {
                let holders =
                    try db.scalar(
                        "SELECT count(*) FROM customer_custom_value WHERE field_id = ? AND value = ?", [field.id, removed], as: Int64.self)
                    ?? 0
                if holders > 0 {
                    throw HTTPError(
                        .conflict, code: "choice_in_use",
                        message: "\(removed) is the value of \(holders) customers; change theirs before taking the choice away.",
                        field: "choices", details: ["choice": .string(removed), "customers": .int(holders)])
                }
            }
        }
        try db.execute(
            """
            UPDATE custom_field SET label = ?, choices = ?, required = ?, customer_editable = ?, all_stores = ?, updated_at = ?
            WHERE id = ?
            """,
            [
                input.label ?? field.label, try encode(input.choices ?? (field.kind == .choice ? field.choices : nil)),
                input.required ?? field.required, input.customerEditable ?? field.customerEditable,
                (input.stores ?? field.storeIDs) == nil, Timestamp.now(), field.id,
            ])
        if let stores = input.stores { try replaceStores(db, fieldID: field.id, with: stores) }
    }

    /// Deletes a field and, with it, every customer's value of it (the foreign key cascades):
    /// a value without its definition could no longer be shown, checked or changed, and would
    /// keep personal data no one can see. Returns how many values went.
    static func delete(_ db: Database, _ field: CustomField) throws -> Int64 {
        let values = try CustomField.valueCount(db, id: field.id)
        try db.execute("DELETE FROM custom_field WHERE id = ?", [field.id])
        return values
    }

    private static func replaceStores(_ db: Database, fieldID: Int64, with stores: Set<Int64>?) throws {
        try db.execute("DELETE FROM custom_field_store WHERE field_id = ?", [fieldID])
        for store in (stores ?? []).sorted() {
            try db.execute("INSERT INTO custom_field_store(field_id, store_id) VALUES(?, ?)", [fieldID, store])
        }
    }

    private static func encode(_ choices: [String]?) throws -> String? {
        guard let choices else { return nil }
        return String(decoding: try JSONEncoder().encode(choices), as: UTF8.self)
    }
}
