import SQLite
import ShopCore

/// A custom field definition as `POST` and `PATCH required-fields/custom-fields` send it,
/// checked member by member with a 422 naming the member. On `PATCH` the key and the kind
/// cannot change: values and integrations refer to the key, and stored values were checked
/// against the kind.
struct CustomFieldInput {
    static let createKeys: Set<String> = ["key", "label", "kind", "choices", "required", "customerEditable", "stores"]
    static let changeKeys: Set<String> = ["label", "choices", "required", "customerEditable", "stores"]
    static let maximumChoices = 100

    var key: String?
    var label: String?
    var kind: CustomField.Kind?
    var choices: [String]?
    var required: Bool?
    var customerEditable: Bool?
    /// Present when the body has `stores`: `.some(nil)` for every store, else the store ids.
    var stores: Set<Int64>??

    /// A create body: key, label and kind are required; choices exactly for a choice field.
    static func create(_ body: [String: JSONValue], in db: Database) throws -> CustomFieldInput {
        try refuseUnknown(body, allowed: createKeys)
        var input = try CustomFieldInput(body, in: db)
        guard let key = body["key"] else { throw HTTPError.invalid("key", "key is required.", code: "missing_field") }
        input.key = try parseKey(key)
        guard input.label != nil else { throw HTTPError.invalid("label", "label is required.", code: "missing_field") }
        guard case .string(let kindText)? = body["kind"], let kind = CustomField.Kind(rawValue: kindText) else {
            throw HTTPError.invalid(
                "kind", "kind must be one of \(CustomField.Kind.allCases.map(\.rawValue).joined(separator: ", ")).",
                code: body["kind"] == nil ? "missing_field" : "invalid_field")
        }
        input.kind = kind
        try input.checkChoices(for: kind, creating: true)
        return input
    }

    /// A change body for `field`.
    static func change(_ body: [String: JSONValue], of field: CustomField, in db: Database) throws -> CustomFieldInput {
        for key in ["key", "kind"] where body[key] != nil {
            throw HTTPError.invalid(
                key, "\(key) cannot be changed: values and integrations refer to it. Create a new field instead.",
                code: "immutable_field")
        }
        try refuseUnknown(body, allowed: changeKeys)
        let input = try CustomFieldInput(body, in: db)
        try input.checkChoices(for: field.kind, creating: false)
        return input
    }

    private init(_ body: [String: JSONValue], in db: Database) throws {
        if let label = body["label"] {
            guard case .string(let text) = label, !text.trimmedWhitespace().isEmpty, text.trimmedWhitespace().count <= 100 else {
                throw HTTPError.invalid("label", "label must be a name of 1 to 100 characters, such as \"Payment reference\".")
            }
            self.label = text.trimmedWhitespace()
        }
        required = try CustomFieldInput.flag(body, "required")
        customerEditable = try CustomFieldInput.flag(body, "customerEditable")
        if let list = body["choices"] { choices = try CustomFieldInput.parseChoices(list) }
        if let stores = body["stores"] { self.stores = .some(try CustomFieldInput.parseStores(stores, in: db)) }
    }

    /// `key`: a letter, then letters and digits, at most 40 (`paymentReference`).
    static func parseKey(_ json: JSONValue) throws -> String {
        guard case .string(let key) = json, let first = key.unicodeScalars.first, ("a"..."z").contains(first), key.count <= 40,
            key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        else {
            throw HTTPError.invalid(
                "key", "key must start with a lower-case letter and hold only letters and digits, at most 40, such as paymentReference.")
        }
        return key
    }

    private func checkChoices(for kind: CustomField.Kind, creating: Bool) throws {
        if kind == .choice, choices == nil, creating {
            throw HTTPError.invalid(
                "choices", "A choice field needs choices, a list of the values a customer may have.", code: "missing_field")
        }
        if kind != .choice, choices != nil {
            throw HTTPError.invalid("choices", "Only a choice field has choices; this one is a \(kind.rawValue) field.")
        }
    }

    private static func parseChoices(_ json: JSONValue) throws -> [String] {
        guard case .array(let items) = json, !items.isEmpty, items.count <= maximumChoices else {
            throw HTTPError.invalid("choices", "choices must be a list of 1 to \(maximumChoices) values.", code: "wrong_type")
        }
        var choices: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let raw) = item, case let text = raw.trimmedWhitespace(), !text.isEmpty, text.count <= 100,
                !text.unicodeScalars.contains(where: { $0.value < 0x20 })
            else {
                throw HTTPError.invalid("choices[\(index)]", "choices[\(index)] must be a text of 1 to 100 characters.")
            }
            guard !choices.contains(text) else {
                throw HTTPError.invalid("choices[\(index)]", "\(text) is listed twice in choices.", code: "duplicate_choice")
            }
            choices.append(text)
        }
        return choices
    }

    /// `stores`: null for every store, or a list of store codes (at least one).
    private static func parseStores(_ json: JSONValue, in db: Database) throws -> Set<Int64>? {
        if case .null = json { return nil }
        guard case .array(let items) = json, !items.isEmpty else {
            throw HTTPError.invalid(
                "stores", "stores must be a list of store codes such as [\"fi\"], or null for every store.", code: "wrong_type")
        }
        var ids: Set<Int64> = []
        for (index, item) in items.enumerated() {
            guard case .string(let code) = item,
                let id = try db.scalar("SELECT id FROM store WHERE code = ?", [code], as: Int64.self)
            else {
                throw HTTPError.invalid(
                    "stores[\(index)]", "stores[\(index)] is not the code of one of the shop's stores.", code: "unknown_store")
            }
            ids.insert(id)
        }
        return ids
    }

    private static func flag(_ body: [String: JSONValue], _ key: String) throws -> Bool? {
        switch body[key] {
        case nil: return nil
        case .bool(let flag)?: return flag
        default: throw HTTPError.invalid(key, "\(key) must be true or false.", code: "wrong_type")
        }
    }

    private static func refuseUnknown(_ body: [String: JSONValue], allowed: Set<String>) throws {
        if let unknown = body.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw HTTPError.invalid(
                unknown, "\(unknown) is not a member of a custom field; allowed: \(allowed.sorted().joined(separator: ", ")).",
                code: "unknown_field")
        }
    }
}
