import SQLite

/// One customer as the CSV export reads it: the record's fields in `CustomerField.all`
/// order, the store code, groups by name, the addresses and the modules' values.
struct CustomerCSVRow {
    var id: Int64
    var fields: [SQLValue]
    var storeCode: String
    var groups: [String]
    var defaultGroup: String
    var taxFree: Bool
    var addresses: [[String: JSONValue]]
    /// The modules' record members and list columns, by key.
    var modules: [String: JSONValue]
    /// The cells of the modules' CSV columns (`tags`), by the column's native name.
    var moduleCells: [String: String] = [:]

    static let fieldIndex: [String: Int] = Dictionary(uniqueKeysWithValues: CustomerField.all.enumerated().map { ($1.key, $0) })

    /// The field's value as a cell: text as is, yes/no as `true`/`false`, money in minor
    /// units, a code list comma-separated; empty for null.
    func cell(_ key: String) -> String {
        guard let index = Self.fieldIndex[key] else { return "" }
        return Self.text(CustomerField.all[index], fields[index])
    }

    func value(_ key: String) -> SQLValue {
        guard let index = Self.fieldIndex[key] else { return .null }
        return fields[index]
    }

    func flag(_ key: String) -> Bool { value(key) == .integer(1) }

    static func text(_ field: CustomerField, _ value: SQLValue) -> String {
        switch (field.kind, value) {
        case (_, .null): return ""
        case (.boolean, .integer(let flag)): return flag != 0 ? "true" : "false"
        case (_, .integer(let number)): return String(number)
        case (_, .text(let text)): return text
        case (_, .real(let number)): return String(number)
        case (_, .blob): return ""
        }
    }

    /// The address a one-address layout (Shopify, PrestaShop) shows: the default shipping
    /// address, else the default billing one, else the first.
    var defaultAddress: [String: JSONValue]? {
        addresses.first { $0["isDefaultShipping"] == .bool(true) } ?? addresses.first { $0["isDefaultBilling"] == .bool(true) }
            ?? addresses.first
    }
}
