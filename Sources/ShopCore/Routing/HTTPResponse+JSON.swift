import Foundation
import HTTPServer

extension HTTPResponse {
    /// A JSON response from an `Encodable` value; dates as ISO-8601 UTC with milliseconds.
    public static func json<T: Encodable>(_ value: T, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) throws -> HTTPResponse
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        var headers = headers
        headers.set("Content-Type", "application/json; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: .bytes(Array(try encoder.encode(value))))
    }

    /// A JSON response from a `JSONValue`, serialised without `JSONEncoder`.
    public static func json(_ value: JSONValue, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", "application/json; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: .bytes(value.serialized()))
    }

    /// A JSON response from a body already serialised (the hot lists write theirs directly).
    static func json(bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: .bytes(bytes))
    }

    /// The response for an error, in the one error shape of the API.
    public static func error(_ error: HTTPError) -> HTTPResponse {
        json(error.jsonBody, status: error.status, headers: error.headers)
    }

    /// 204 with no body.
    public static var noContent: HTTPResponse { HTTPResponse(status: .noContent) }
}
