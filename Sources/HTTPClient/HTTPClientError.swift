import TLS

/// Why a request got no HTTP answer: the URL or a header, the connection, a timeout or a reply that is
/// not HTTP/1.1. A response with any status code is not an error.
public struct HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case invalidURL = "invalid_url"
        /// A header that would break the request (a line break in a name or value).
        case invalidRequest = "invalid_request"
        case connection
        case timeout
        /// The TLS handshake of an `https` URL failed, or its certificate was not trusted.
        case tls
        case protocolViolation = "protocol_violation"
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// A connection's failure as a client error of the same kind.
    init(_ error: StreamError) {
        switch error.kind {
        case .connection: self.init(.connection, error.message)
        case .timeout: self.init(.timeout, error.message)
        case .tls: self.init(.tls, error.message)
        }
    }
}
