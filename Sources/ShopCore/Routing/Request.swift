import Foundation
import HTTPServer

/// A request as handlers see it: the HTTP request plus decoding helpers that turn
/// bad input into `HTTPError`s naming the field at fault.
public struct Request: Sendable {
    public let http: HTTPRequest

    public init(_ http: HTTPRequest) { self.http = http }

    public var method: HTTPMethod { http.head.method }
    public var path: String { http.head.path }
    public var headers: HTTPHeaders { http.head.headers }
    public var body: [UInt8] { http.body }
    /// The body as it arrives, on a route registered with `streamsBody` (its `body` is then
    /// empty); nil otherwise, and for a request without a body.
    public var bodyStream: HTTPRequestBody? { http.bodyStream }

    /// The decoded query parameters; the last value wins when a name repeats.
    public var queryItems: [String: String] { QueryString.parse(http.head.query) }

    /// One query parameter, percent-decoded.
    public func query(_ name: String) -> String? { queryItems[name] }

    /// An integer query parameter within bounds, or a 400 naming the parameter.
    public func queryInt(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = query(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw HTTPError.badRequest(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).",
                code: "invalid_query", field: name)
        }
        return number
    }

    /// Decodes a JSON body, mapping decoding failures to errors that name the field.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        guard !body.isEmpty else {
            throw HTTPError.badRequest("The request needs a JSON body.", code: "missing_body")
        }
        if let contentType = headers["Content-Type"], !contentType.lowercased().hasPrefix("application/json") {
            throw HTTPError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "Send the body as application/json, not \(contentType).")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw Request.describe(error)
        }
    }

    /// Turns a `DecodingError` into a 400 or 422 that names the field.
    static func describe(_ error: DecodingError) -> HTTPError {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let name = path(context.codingPath + [key])
            return .invalid(name, "\(name) is required.", code: "missing_field")
        case .typeMismatch(let type, let context):
            let name = path(context.codingPath)
            return .invalid(name, "\(name) must be \(Request.describe(type)).", code: "wrong_type")
        case .valueNotFound(let type, let context):
            let name = path(context.codingPath)
            return .invalid(name, "\(name) must be \(Request.describe(type)), not null.", code: "missing_field")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return .badRequest("The body is not valid JSON.", code: "malformed_json")
            }
            let name = path(context.codingPath)
            return .invalid(name, "\(name): \(context.debugDescription)", code: "invalid_field")
        @unknown default:
            return .badRequest("The body could not be read.", code: "malformed_json")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type: return "a whole number"
        case is Double.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "of type \(name)"
        }
    }
}
