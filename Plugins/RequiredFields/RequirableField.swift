import Foundation
import ShopCore

/// A field of the customer record as the merchant may require it: a core field (from the
/// core's table of fields, `CustomerField.all`), the addresses, or a field an enabled module
/// adds. Each carries the SQL that tells a customer who lacks it, so the check on a write and
/// the list of incomplete customers can never disagree.
struct RequirableField: Sendable, Equatable {
    /// The key as the API names it (`phone`, `addresses`, `creditLimit`).
    let key: String
    /// `core`, or the id of the module that adds the field.
    let owner: String
    /// SQL over the `customer` row, true when the customer lacks the field; nil when the field
    /// cannot be required, and `reason` says why.
    let missingSQL: String?
    let reason: String?

    var isRequirable: Bool { missingSQL != nil }

    var json: JSONValue {
        var object: [String: JSONValue] = ["key": .string(key), "owner": .string(owner), "requirable": .bool(isRequirable)]
        if let reason { object["reason"] = .string(reason) }
        return .object(object)
    }

    /// The core's fields: what staff set may be required, except yes/no fields, which always
    /// hold a value. Empty text and empty lists are stored as NULL, so NULL is "missing".
    static let core: [RequirableField] =
        CustomerField.all.map { field in
            switch (field.access, field.kind) {
            case (.system, _):
                return RequirableField(key: field.key, owner: "core", missingSQL: nil, reason: "kept by the system")
            case (_, .boolean):
                return RequirableField(key: field.key, owner: "core", missingSQL: nil, reason: "a yes/no field always has a value")
            case _ where field.key == "birthday":
                // Off for GDPR unless the shop turns it on: while off no one can give it, so no one lacks it.
                return RequirableField(
                    key: field.key, owner: "core",
                    missingSQL:
                        "(customer.birthday IS NULL AND EXISTS (SELECT 1 FROM shop_setting WHERE key = 'birthday_enabled' AND value = 'true'))",
                    reason: nil)
            default:
                return RequirableField(key: field.key, owner: "core", missingSQL: "customer.\(field.column) IS NULL", reason: nil)
            }
        } + [
            RequirableField(
                key: "addresses", owner: "core",
                missingSQL: "NOT EXISTS (SELECT 1 FROM customer_address a WHERE a.customer_id = customer.id)", reason: nil)
        ]

    /// The fields of the enabled modules; one is requirable when its module says how to tell
    /// it is empty (`CustomerFieldDefinition.missingCondition`).
    static func modules(_ fields: [CustomerFieldDefinition]) -> [RequirableField] {
        fields.map { field in
            RequirableField(
                key: field.key, owner: field.module, missingSQL: field.missingCondition.map { "(\($0))" },
                reason: field.missingCondition == nil ? "kept by the \(field.module) module itself" : nil)
        }
    }
}

/// Every field a shop's merchant could require, in display order: the core's, then the
/// enabled modules'. Custom fields are required through their own definition.
struct RequirableCatalog: Sendable {
    let fields: [RequirableField]
    private let byKey: [String: RequirableField]

    init(moduleFields: [CustomerFieldDefinition]) {
        var fields = RequirableField.core
        let coreKeys = Set(fields.map(\.key))
        fields += RequirableField.modules(moduleFields).filter { !coreKeys.contains($0.key) }
        self.fields = fields
        byKey = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func field(_ key: String) -> RequirableField? { byKey[key] }

    /// Where `key` sorts among missing fields: catalog order, custom fields after, by key.
    func order(_ key: String) -> (Int, String) {
        (fields.firstIndex { $0.key == key } ?? fields.count, key)
    }

    /// SQL true when the customer lacks the field named by `keyExpression` (a column holding a
    /// required key); a key the catalog cannot check (its module is off) is never missing.
    func lacksSQL(keyExpression: String) -> String {
        let cases = fields.compactMap { field in
            field.missingSQL.map { "WHEN '\(field.key.replacingOccurrences(of: "'", with: "''"))' THEN \($0)" }
        }
        return "CASE \(keyExpression) \(cases.joined(separator: " ")) ELSE 0 END"
    }
}
