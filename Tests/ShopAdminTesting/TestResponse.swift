import Foundation

/// One HTTP response as a test client received it, with helpers for the checks tests make.
public struct TestResponse: Sendable {
    /// The status code (`200`).
    public var status: Int
    /// The reason phrase from the status line (`OK`).
    public var reason: String
    /// Header fields in arrival order.
    public var headers: [(name: String, value: String)]
    /// The body, de-chunked when it came chunked.
    public var body: [UInt8]

    /// Creates a response value (tests of the client itself build these directly).
    public init(status: Int, reason: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, compared case-insensitively; nil when absent.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of a header, in order.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The body as UTF-8 text (invalid bytes replaced), for readable expectations.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed with JSONSerialization: a dictionary, array, string, number or NSNull.
    /// - Throws: when the body is not JSON.
    public func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
    }

    /// The body as a JSON object, or nil when it is not one; handy in `#expect`.
    public var jsonObject: [String: Any]? {
        (try? json()) as? [String: Any]
    }

    /// The body decoded with JSONDecoder.
    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: Data(body))
    }

    /// `error.code` of the server's standard JSON error body, or nil.
    public var errorCode: String? {
        (jsonObject?["error"] as? [String: Any])?["code"] as? String
    }
}
