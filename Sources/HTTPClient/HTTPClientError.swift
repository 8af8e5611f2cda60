/// Why a request got no HTTP answer: the URL, the connection, a timeout or a reply that is
/// not HTTP/1.1. A response with any status code is not an error.
public struct HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case invalidURL = "invalid_url"
        case connection
        case timeout
        case protocolViolation = "protocol_violation"
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
