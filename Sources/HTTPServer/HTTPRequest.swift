/// The request line and headers, available before the body is read, so that a
/// responder can set the body limit (413 goes out before any body is read).
public struct HTTPRequestHead: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The raw request target, as on the request line (`/a/b?x=1`).
    public var target: String
    /// The path part of the target, still percent-encoded.
    public var path: String
    /// The query part of the target without `?`, still percent-encoded; empty when absent.
    public var query: String
    /// `(1, 1)` or `(1, 0)`.
    public var version: (major: Int, minor: Int)
    /// The header fields in arrival order.
    public var headers: HTTPHeaders

    /// Builds a head, splitting `target` into path and query.
    public init(
        method: HTTPMethod, target: String, version: (major: Int, minor: Int) = (1, 1),
        headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        if let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            self.path = String(target[..<q])
            self.query = String(target[target.index(after: q)...])
        } else {
            self.path = target
            self.query = ""
        }
    }
}

/// A request: head, the whole body (already de-chunked) or its stream, and the peer.
public struct HTTPRequest: Sendable {
    /// The request line and headers.
    public var head: HTTPRequestHead
    /// The whole body, already de-chunked; empty when there was none.
    public var body: [UInt8]
    /// The peer address as text (`127.0.0.1:53422`), for logs.
    public var remoteAddress: String
    /// The body as it arrives, on a route whose responder streams bodies
    /// (`HTTPResponder.streamsBody(for:)`); `body` is then empty. Nil for whole bodies and for
    /// requests without a body.
    public var bodyStream: HTTPRequestBody?

    /// Builds a request (tests and in-process callers build them directly).
    public init(head: HTTPRequestHead, body: [UInt8] = [], remoteAddress: String = "", bodyStream: HTTPRequestBody? = nil) {
        self.head = head
        self.body = body
        self.remoteAddress = remoteAddress
        self.bodyStream = bodyStream
    }

    /// Shortcuts to the head, for handlers that read them often.
    public var method: HTTPMethod { head.method }
    public var path: String { head.path }
    public var query: String { head.query }
    public var headers: HTTPHeaders { head.headers }
}
