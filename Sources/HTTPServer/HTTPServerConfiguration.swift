/// Limits and timeouts of the server. Defaults follow the foundation issue.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind; `127.0.0.1` by default, `0.0.0.0` or `::` for all.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free one (see `HTTPServer.port`).
    public var port: Int = 8080
    /// Request line plus headers larger than this are answered 431.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Body limit used when the responder does not set a lower or higher one.
    public var defaultBodyLimit: Int = 10 * 1024 * 1024
    /// A request whose headers are not complete within this many seconds gets 408.
    public var headerTimeout: Double = 10
    /// An idle keep-alive connection is closed after this many seconds.
    public var idleTimeout: Double = 60
    /// At most this many open connections; more are answered 503 and closed.
    public var maxConnections: Int = 10_000
    /// Event-loop threads; 0 means one per core.
    public var eventLoops: Int = 0
    /// Listen backlog.
    public var backlog: Int32 = 1024

    /// The defaults above; set fields afterwards.
    public init() {}
}
