import Pricing

/// A JSON object body read field by field, each refusal a 422 naming the field (with the
/// prefix of where the object sits, `items[3].quantity`). Unknown members are refused by
/// name up front, so a misspelt field is never silently ignored.
public struct JSONBody: Sendable {
    public let members: [String: JSONValue]
    /// Where this object sits in the request (`items[2]`), empty at the top.
    public let path: String

    public init(_ members: [String: JSONValue], path: String = "", allowing allowed: Set<String>) throws {
        self.members = members
        self.path = path
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            let name = JSONBody.join(path, unknown)
            throw HTTPError.invalid(
                name, "\(name) is not a field here; allowed: \(allowed.sorted().joined(separator: ", ")).", code: "unknown_field")
        }
    }

    /// Reads a request's object body.
    public init(_ request: Request, allowing allowed: Set<String>) throws {
        guard case .object(let members) = try request.decode(JSONValue.self) else {
            throw HTTPError.badRequest("The body must be a JSON object.", code: "malformed_json")
        }
        try self.init(members, allowing: allowed)
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func name(_ key: String) -> String { JSONBody.join(path, key) }

    /// Whether the member is present (null included): a partial update touches only these.
    public func has(_ key: String) -> Bool { members[key] != nil }

    func missing(_ key: String, _ what: String) -> HTTPError {
        .invalid(name(key), "\(name(key)) is required: \(what).", code: "missing_field")
    }

    func wrong(_ key: String, _ what: String) -> HTTPError {
        .invalid(name(key), "\(name(key)) must be \(what).", code: "wrong_type")
    }

    /// Text, trimmed, 1 to `max` characters; nil when absent or null (unless required).
    public func string(_ key: String, max: Int, required: Bool = false) throws -> String? {
        switch members[key] {
        case nil, .null?:
            if required { throw missing(key, "text of 1 to \(max) characters") }
            return nil
        case .string(let raw)?:
            let text = raw.trimmedWhitespace()
            guard !text.isEmpty, text.count <= max else {
                throw HTTPError.invalid(name(key), "\(name(key)) must be 1 to \(max) characters.")
            }
            return text
        default:
            throw wrong(key, "a string")
        }
    }

    /// A whole number within `range`.
    public func int(_ key: String, in range: ClosedRange<Int64>, required: Bool = false) throws -> Int64? {
        switch members[key] {
        case nil, .null?:
            if required { throw missing(key, "a whole number from \(range.lowerBound) to \(range.upperBound)") }
            return nil
        case .int(let value)?:
            guard range.contains(value) else {
                throw HTTPError.invalid(name(key), "\(name(key)) must be from \(range.lowerBound) to \(range.upperBound), not \(value).")
            }
            return value
        default:
            throw wrong(key, "a whole number")
        }
    }

    /// An amount of money in minor units (cents, öre), 0 to 10^11.
    public func money(_ key: String, required: Bool = false) throws -> Int64? {
        switch members[key] {
        case .int(let value)? where value < 0 || value > 100_000_000_000:
            throw HTTPError.invalid(name(key), "\(name(key)) must be 0 to 100000000000 minor units (cents, öre), not \(value).")
        case .double?:
            throw wrong(key, "a whole number of minor units (cents, öre): 12.50 EUR is 1250")
        default:
            return try int(key, in: 0...100_000_000_000, required: required)
        }
    }

    public func bool(_ key: String) throws -> Bool? {
        switch members[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw wrong(key, "true or false")
        }
    }

    /// One of `choices`.
    public func choice(_ key: String, _ choices: [String], required: Bool = false) throws -> String? {
        guard let text = try string(key, max: 100, required: required) else { return nil }
        guard choices.contains(text) else {
            throw HTTPError.invalid(name(key), "\(name(key)) must be one of \(choices.joined(separator: ", ")); \(text) is not.")
        }
        return text
    }

    /// An exact percentage: a string such as `"12.5"` or a number, at most four decimals, within `range`.
    public func percentage(_ key: String, in range: ClosedRange<Percentage> = .zero ... .hundred, required: Bool = false) throws
        -> Percentage?
    {
        let text: String
        switch members[key] {
        case nil, .null?:
            if required { throw missing(key, "a percentage such as \"12.5\"") }
            return nil
        case .string(let value)?: text = value
        case .int(let value)?: text = String(value)
        case .double(let value)?: text = String(value)
        default: throw wrong(key, "a percentage such as \"12.5\"")
        }
        guard let value = Percentage(parsing: text) else {
            throw HTTPError.invalid(
                name(key), "\(name(key)) must be a percentage with at most four decimals, such as \"12.5\"; \(text) is not.")
        }
        guard range.contains(value) else {
            throw HTTPError.invalid(name(key), "\(name(key)) must be from \(range.lowerBound) to \(range.upperBound) %, not \(value).")
        }
        return value
    }

    /// A calendar day `YYYY-MM-DD`.
    public func day(_ key: String) throws -> PricingDay? {
        guard let text = try string(key, max: 10) else { return nil }
        guard let day = PricingDay(text) else {
            throw HTTPError.invalid(name(key), "\(name(key)) must be a date YYYY-MM-DD; \(text) is not.")
        }
        return day
    }

    /// A currency the shop can sell in.
    public func currency(_ key: String, required: Bool = false) throws -> String? {
        try choice(key, ShopSettings.currencies, required: required)
    }

    /// An array of objects, each read with `allowing`.
    public func objects(_ key: String, allowing allowed: Set<String>, required: Bool = false, max: Int = 1000) throws -> [JSONBody]? {
        switch members[key] {
        case nil, .null?:
            if required { throw missing(key, "a list") }
            return nil
        case .array(let items)?:
            guard items.count <= max else { throw HTTPError.invalid(name(key), "\(name(key)) may hold at most \(max) entries.") }
            return try items.enumerated().map { index, item in
                let path = "\(name(key))[\(index)]"
                guard case .object(let members) = item else {
                    throw HTTPError.invalid(path, "\(path) must be an object.", code: "wrong_type")
                }
                return try JSONBody(members, path: path, allowing: allowed)
            }
        default:
            throw wrong(key, "a list")
        }
    }
}
