import HTTPServer

/// The error a handler throws to answer with a status and a JSON body
/// `{"error":{"code":"...","message":"...","field":"..."}}`. Only the server
/// boundary (`ErrorMiddleware`) turns errors into responses.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPStatus
    /// A stable snake_case code clients can branch on.
    public var code: String
    /// One clear sentence for a person.
    public var message: String
    /// The request field at fault, when there is one (`email`, `tier`, `addresses[1].zip`).
    public var field: String?
    /// Extra headers such as `Allow` or `Retry-After`.
    public var headers: HTTPHeaders
    /// Extra members of the error object (for example the limit and the amount of a refused order).
    public var details: [String: JSONValue]

    public init(
        _ status: HTTPStatus, code: String, message: String, field: String? = nil,
        headers: HTTPHeaders = HTTPHeaders(), details: [String: JSONValue] = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
        self.details = details
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    /// The response body of this error.
    public var jsonBody: JSONValue {
        var error: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        if let field { error["field"] = .string(field) }
        for (key, value) in details where error[key] == nil { error[key] = value }
        return .object(["error": .object(error)])
    }

    // Common errors, named for what went wrong.
    public static func badRequest(_ message: String, code: String = "bad_request", field: String? = nil) -> HTTPError {
        HTTPError(.badRequest, code: code, message: message, field: field)
    }
    public static func invalid(_ field: String, _ message: String, code: String = "invalid_field") -> HTTPError {
        HTTPError(.unprocessableEntity, code: code, message: message, field: field)
    }
    public static func notFound(_ message: String, code: String = "not_found") -> HTTPError {
        HTTPError(.notFound, code: code, message: message)
    }
    public static func conflict(_ message: String, code: String = "conflict", field: String? = nil) -> HTTPError {
        HTTPError(.conflict, code: code, message: message, field: field)
    }
    public static func unauthorized(_ message: String) -> HTTPError {
        HTTPError(.unauthorized, code: "unauthorized", message: message, headers: ["WWW-Authenticate": "Bearer"])
    }
    public static func forbidden(_ message: String, code: String = "forbidden") -> HTTPError {
        HTTPError(.forbidden, code: code, message: message)
    }
}
