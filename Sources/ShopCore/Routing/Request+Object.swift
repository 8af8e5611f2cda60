import Foundation

extension Request {
    /// Decodes a JSON object body, first refusing any member not in `allowed` by name:
    /// a misspelt field is an error, never silently ignored.
    public func decode<T: Decodable>(_ type: T.Type = T.self, allowing allowed: Set<String>) throws -> T {
        let value: JSONValue = try decode(JSONValue.self)
        guard case .object(let members) = value else {
            throw HTTPError.badRequest("The body must be a JSON object.", code: "malformed_json")
        }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw HTTPError.invalid(
                unknown, "\(unknown) is not a field here; allowed: \(allowed.sorted().joined(separator: ", ")).",
                code: "unknown_field")
        }
        return try decode(T.self)
    }
}
