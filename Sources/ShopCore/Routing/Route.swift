import HTTPServer

/// A registered route: method, pattern, the handler with its middleware folded in,
/// the module that owns it (nil for the core) and its body limit.
public struct Route: Sendable {
    public let method: HTTPMethod
    /// The pattern as registered, e.g. `/shops/{shop}/api/stores/{id}`.
    public let pattern: String
    /// Names of the `{parameters}` in the pattern, in order.
    let parameterNames: [String]
    /// The handler wrapped in the route's middleware.
    let responder: RouteHandler
    /// The feature module that owns the route; the module gate hides it from shops without it.
    public let module: String?
    /// The largest request body accepted; nil means the server default (10 MiB).
    public let bodyLimit: Int?
    /// Whether the handler reads the body as it arrives (`Request.bodyStream`) rather than whole.
    public var streamsBody = false
    /// Tags for the API description (`operator`, `shop`, module id).
    public let summary: String
}

/// Splits a path into its non-empty segments without going through `Character`.
enum PathSegments {
    static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
