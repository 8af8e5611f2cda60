import ShopCore

extension JSONValue {
    /// The number of an integer value.
    var int64: Int64? { if case .int(let value) = self { return value } else { return nil } }

    /// The flag of a boolean value.
    var bool: Bool? { if case .bool(let value) = self { return value } else { return nil } }

    /// The elements of an array value, empty otherwise.
    var elements: [JSONValue] { if case .array(let values) = self { return values } else { return [] } }

    /// The members of an object value, empty otherwise.
    var members: [String: JSONValue] { if case .object(let values) = self { return values } else { return [:] } }

    /// The value as a person reads it: text as it is, numbers, yes/no for flags, empty for null.
    func display(_ strings: AdminStrings) -> String {
        switch self {
        case .null: return ""
        case .bool(let flag): return flag ? strings[.yes] : strings[.no]
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return text
        case .array(let values): return values.map { $0.display(strings) }.joined(separator: ", ")
        case .object(let members):
            return members["name"]?.stringValue
                ?? members.keys.sorted().map { "\($0): \(members[$0]!.display(strings))" }.joined(separator: ", ")
        }
    }
}
