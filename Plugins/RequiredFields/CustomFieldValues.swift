import SQLite
import ShopCore

/// The custom field values of one customer: the `customFields` member of the record, read
/// with every customer and written by create and update (staff, storefront, import) through
/// the core's module hooks, inside the write's transaction.
enum CustomFieldValues {
    /// The customer's values, by field key.
    static func values(_ db: Database, customerID: Int64) throws -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for row in try db.query(
            """
            SELECT f.key, v.value FROM customer_custom_value v JOIN custom_field f ON f.id = v.field_id
            WHERE v.customer_id = ?
            """, [customerID])
        {
            // By kind of storage: numbers stay numbers, everything else is text.
            switch row["value"] {
            case .integer(let number): values[try row.get("key")] = .int(number)
            case .real(let number): values[try row.get("key")] = .double(number)
            case .text(let text): values[try row.get("key")] = .string(text)
            case .null, .blob: continue
            }
        }
        return values
    }

    /// Applies a `customFields` object: each key sets (or, with null or "", clears) one value;
    /// keys left out keep theirs. Every problem is reported at once, naming each field: an
    /// unknown key, a field of another store, one the customer may not set (on the
    /// storefront, where staff-only fields are not named), a value its kind refuses.
    static func write(
        _ db: Database, customerID: Int64, storeID: Int64, _ json: JSONValue, source: CustomerWriteSource
    ) throws {
        guard case .object(let members) = json else {
            throw HTTPError.invalid(
                "customFields", "customFields must be an object of custom field keys and values, such as {\"paymentReference\": \"PO-1\"}.",
                code: "wrong_type")
        }
        let fields = Dictionary(uniqueKeysWithValues: try CustomField.all(db).map { ($0.key, $0) })
        let visible = fields.values.filter { field in
            field.applies(toStore: storeID) && (!source.isStorefront || field.customerEditable)
        }
        var problems: [CustomerFieldError] = []
        var changes: [(CustomField, SQLValue?)] = []
        for key in members.keys.sorted() {
            guard let field = fields[key], visible.contains(field) else {
                problems.append(refusal(key, fields[key], visible: visible, source: source))
                continue
            }
            do {
                changes.append((field, try field.storedValue(members[key] ?? .null)))
            } catch {
                problems.append(error.error)
            }
        }
        if !problems.isEmpty { throw CustomerFieldError.refusal(problems) }
        for (field, value) in changes {
            if let value {
                try db.execute(
                    """
                    INSERT INTO customer_custom_value(customer_id, field_id, value) VALUES(?, ?, ?)
                    ON CONFLICT(customer_id, field_id) DO UPDATE SET value = excluded.value
                    """, [customerID, field.id, value])
            } else {
                try db.execute("DELETE FROM customer_custom_value WHERE customer_id = ? AND field_id = ?", [customerID, field.id])
            }
        }
    }

    /// Why `key` cannot be set here. On the storefront a staff-only field is "not a field of
    /// your account", as if it did not exist.
    private static func refusal(_ key: String, _ field: CustomField?, visible: [CustomField], source: CustomerWriteSource)
        -> CustomerFieldError
    {
        let known = visible.map(\.key).sorted()
        if source.isStorefront {
            let list = known.isEmpty ? "" : "; you may fill in: \(known.joined(separator: ", "))"
            return CustomerFieldError(
                field: "customFields.\(key)", code: "unknown_field", message: "\(key) is not a field of your account\(list).")
        }
        if let field {
            return CustomerFieldError(
                field: field.name, code: "field_not_applicable",
                message: "\(field.name) does not apply to customers of this customer's store.")
        }
        let list =
            known.isEmpty
            ? "this customer's store has none" : "the custom fields of this customer's store are: \(known.joined(separator: ", "))"
        return CustomerFieldError(
            field: "customFields.\(key)", code: "unknown_field", message: "\(key) is not a custom field of this shop; \(list).")
    }

    /// The storefront's view: the fields the customer fills in for their store, each with its
    /// value (null when empty), so the shop can ask for the required ones.
    static func accountView(_ db: Database, customerID: Int64) throws -> JSONValue? {
        guard let storeID = try db.scalar("SELECT store_id FROM customer WHERE id = ?", [customerID], as: Int64.self) else {
            return nil
        }
        let fields = try CustomField.all(db).filter { $0.customerEditable && $0.applies(toStore: storeID) }
        if fields.isEmpty { return nil }
        let values = try values(db, customerID: customerID)
        return .object([
            "customFields": .array(
                fields.map { field in
                    .object([
                        "key": .string(field.key), "label": .string(field.label), "kind": .string(field.kind.rawValue),
                        "choices": .array(field.choices.map { .string($0) }), "required": .bool(field.required),
                        "value": values[field.key] ?? .null,
                    ])
                })
        ])
    }
}
