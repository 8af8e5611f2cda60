/// A small builder for the JSON Schemas of the API description, so that schemas read
/// like the objects they describe.
public indirect enum JSONSchema: Sendable {
    case string(format: String? = nil, enumeration: [String]? = nil, description: String? = nil)
    case integer(description: String? = nil)
    case number
    case boolean
    case array(JSONSchema)
    /// An object; `required` lists the members a valid value must have.
    case object([String: JSONSchema], required: [String] = [], additional: Bool = false)
    /// A reference to a named component (`#/components/schemas/Name`).
    case ref(String)
    case nullable(JSONSchema)
    /// Any JSON value (free-form details, audit before/after).
    case any

    /// This object schema with `members` added, its own winning a clash (a module's members
    /// of the customer record); any other schema unchanged.
    public func addingMembers(_ members: [String: JSONSchema]) -> JSONSchema {
        guard case .object(let own, let required, let additional) = self else { return self }
        return .object(own.merging(members) { own, _ in own }, required: required, additional: additional)
    }

    public var json: JSONValue {
        switch self {
        case .string(let format, let enumeration, let description):
            var object: [String: JSONValue] = ["type": .string("string")]
            if let format { object["format"] = .string(format) }
            if let enumeration { object["enum"] = .array(enumeration.map { .string($0) }) }
            if let description { object["description"] = .string(description) }
            return .object(object)
        case .integer(let description):
            var object: [String: JSONValue] = ["type": .string("integer")]
            if let description { object["description"] = .string(description) }
            return .object(object)
        case .number: return .object(["type": .string("number")])
        case .boolean: return .object(["type": .string("boolean")])
        case .array(let items): return .object(["type": .string("array"), "items": items.json])
        case .object(let members, let required, let additional):
            var object: [String: JSONValue] = [
                "type": .string("object"), "properties": .object(members.mapValues(\.json)),
                "additionalProperties": .bool(additional),
            ]
            if !required.isEmpty { object["required"] = .array(required.sorted().map { .string($0) }) }
            return .object(object)
        case .ref(let name): return .object(["$ref": .string("#/components/schemas/\(name)")])
        case .nullable(let schema):
            return .object(["oneOf": .array([schema.json, .object(["type": .string("null")])])])
        case .any: return .object([:])
        }
    }
}
