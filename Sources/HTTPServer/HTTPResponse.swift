/// Writes a streamed response body. Each `write` waits while the peer is slow to
/// read (back-pressure), so a streamed export keeps constant memory.
public protocol HTTPBodyWriter: Sendable {
    /// Sends one chunk; an empty chunk is ignored. Throws when the peer has gone.
    func write(_ bytes: [UInt8]) async throws
}

/// A response body: bytes known up front (sent with Content-Length) or a stream
/// (sent with chunked transfer encoding to HTTP/1.1 peers, or until close to 1.0 peers).
public enum HTTPResponseBody: Sendable {
    /// A body known up front, sent with Content-Length.
    case bytes([UInt8])
    /// A body produced while it is sent, in constant memory (exports).
    case stream(@Sendable (any HTTPBodyWriter) async throws -> Void)

    /// No body.
    public static var empty: HTTPResponseBody { .bytes([]) }
}

/// A response. The server adds `Content-Length` or `Transfer-Encoding`, `Date`
/// and `Connection`; the responder sets the rest.
public struct HTTPResponse: Sendable {
    /// The status line's code and reason.
    public var status: HTTPStatus
    /// Headers set by the responder; the framing ones are the server's and are replaced.
    public var headers: HTTPHeaders
    /// The body, bytes or stream.
    public var body: HTTPResponseBody
    /// When true the server closes the connection after this response.
    public var closeConnection: Bool

    /// Builds a response; by default empty, keeping the connection open.
    public init(
        status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: HTTPResponseBody = .empty,
        closeConnection: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.closeConnection = closeConnection
    }
}

/// What the server calls. It lives above the server and knows routes and shops;
/// the server knows only bytes and connections.
public protocol HTTPResponder: Sendable {
    /// The largest body accepted for this request, decided from the head alone.
    /// A larger declared body is answered 413 before any of it is read.
    func bodyLimit(for head: HTTPRequestHead) -> Int

    /// Answers one request. Never throws: the responder maps its own errors.
    func respond(to request: HTTPRequest) async -> HTTPResponse

    /// Whether this request's body is handed over as it arrives (`HTTPRequest.bodyStream`)
    /// instead of whole, decided from the head alone; for the few routes that take bodies too
    /// large to hold in memory. False unless a responder says otherwise.
    func streamsBody(for head: HTTPRequestHead) -> Bool
}

extension HTTPResponder {
    public func streamsBody(for head: HTTPRequestHead) -> Bool { false }
}
