import SQLite
import ShopCore

/// The fields one store requires of its customers (DOMAIN.md 003, 004: "the merchant marks
/// which fields are required"): a set of core and module field keys, and the required custom
/// fields that apply to the store.
enum StoreRequirements {
    /// The most keys one store may require (the record has about forty fields).
    static let maximumKeys = 100

    /// The store's required core and module keys, in the catalog's order.
    static func keys(_ db: Database, storeID: Int64, catalog: RequirableCatalog) throws -> [String] {
        try db.query("SELECT field_key FROM required_field WHERE store_id = ?", [storeID])
            .map { try $0.get("field_key", as: String.self) }
            .sorted { catalog.order($0) < catalog.order($1) }
    }

    /// Replaces the store's required set.
    static func replace(_ db: Database, storeID: Int64, with keys: [String]) throws {
        try db.execute("DELETE FROM required_field WHERE store_id = ?", [storeID])
        for key in keys {
            try db.execute("INSERT INTO required_field(store_id, field_key) VALUES(?, ?)", [storeID, key])
        }
    }

    /// The keys of a `PUT` body's `required` list, checked against the shop's fields: every
    /// unknown key and every field that cannot be required is named in one 422. A key the
    /// store already requires (`current`) stays accepted while its module is off, so a
    /// settings page can send back what it read.
    static func parse(_ json: JSONValue?, catalog: RequirableCatalog, current: Set<String>) throws -> [String] {
        guard case .array(let items)? = json else {
            throw HTTPError.invalid(
                "required", "required must be a list of field keys, such as [\"phone\", \"addresses\"].",
                code: json == nil ? "missing_field" : "wrong_type")
        }
        guard items.count <= maximumKeys else {
            throw HTTPError.invalid("required", "required may list at most \(maximumKeys) fields.")
        }
        var keys: [String] = []
        var unknown: [String] = []
        var notRequirable: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let key) = item else {
                throw HTTPError.invalid("required[\(index)]", "required[\(index)] must be a field key, as a string.", code: "wrong_type")
            }
            if keys.contains(key) { continue }
            guard let field = catalog.field(key) else {
                if current.contains(key) { keys.append(key) } else { unknown.append(key) }
                continue
            }
            guard field.isRequirable else {
                notRequirable.append("\(key) (\(field.reason ?? "cannot be required"))")
                continue
            }
            keys.append(key)
        }
        if !unknown.isEmpty {
            let custom = unknown.filter { $0.hasPrefix("customFields.") }
            let hint =
                custom.isEmpty
                ? ""
                : " A custom field is required through its own definition (PATCH required-fields/custom-fields/{id} with required: true)."
            throw HTTPError(
                .unprocessableEntity, code: "unknown_field",
                message:
                    "Not customer fields of this shop: \(unknown.joined(separator: ", ")).\(hint) Fields that can be required: \(catalog.fields.filter(\.isRequirable).map(\.key).joined(separator: ", ")).",
                field: "required", details: ["unknown": .array(unknown.map { .string($0) })])
        }
        if !notRequirable.isEmpty {
            throw HTTPError(
                .unprocessableEntity, code: "field_not_requirable",
                message: "These fields cannot be required: \(notRequirable.joined(separator: "; ")).", field: "required",
                details: ["notRequirable": .array(notRequirable.map { .string($0) })])
        }
        return keys.sorted { catalog.order($0) < catalog.order($1) }
    }

    /// One store's settings as the API shows them: its required keys (`inactive` names those
    /// whose module the shop's plan no longer has: kept, not enforced) and the custom fields
    /// that apply to it.
    static func settings(_ db: Database, store: StoreRef, catalog: RequirableCatalog, stores: [StoreRef], fields: [CustomField])
        throws -> JSONValue
    {
        let keys = try keys(db, storeID: store.id, catalog: catalog)
        let inactive = keys.filter { catalog.field($0)?.isRequirable != true }
        return .object([
            "store": store.json,
            "required": .array(keys.map { .string($0) }),
            "inactive": .array(inactive.map { .string($0) }),
            "customFields": .array(fields.filter { $0.applies(toStore: store.id) }.map { $0.json(stores: stores) }),
        ])
    }
}
