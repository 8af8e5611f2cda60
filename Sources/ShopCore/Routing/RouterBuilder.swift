import HTTPServer

/// Collects routes at start-up, then builds the immutable `Router`.
/// Used from one thread while the application is assembled.
public final class RouterBuilder {
    private final class MutableNode {
        var literals: [Substring: MutableNode] = [:]
        var parameter: MutableNode?
        var routes: [HTTPMethod: Route] = [:]

        func freeze() -> Router.Node {
            Router.Node(
                literals: literals.mapValues { $0.freeze() }, parameter: parameter?.freeze(), routes: routes)
        }
    }

    private let root = MutableNode()
    private var all: [Route] = []

    public init() {}

    /// A group whose routes share a path prefix, middleware and owning module.
    public func group(_ prefix: String = "", middleware: [any Middleware] = [], module: String? = nil) -> RouteGroup {
        RouteGroup(builder: self, prefix: prefix, middleware: middleware, module: module)
    }

    func add(
        _ method: HTTPMethod, _ pattern: String, middleware: [any Middleware], module: String?,
        bodyLimit: Int?, streamsBody: Bool = false, summary: String, handler: @escaping RouteHandler
    ) {
        var node = root
        var names: [String] = []
        for segment in PathSegments.split(pattern) {
            if segment.hasPrefix("{") && segment.hasSuffix("}") {
                names.append(String(segment.dropFirst().dropLast()))
                if node.parameter == nil { node.parameter = MutableNode() }
                node = node.parameter!
            } else {
                if node.literals[segment] == nil { node.literals[segment] = MutableNode() }
                node = node.literals[segment]!
            }
        }
        precondition(node.routes[method] == nil, "route registered twice: \(method) \(pattern)")
        var route = Route(
            method: method, pattern: pattern, parameterNames: names, responder: middleware.wrapping(handler),
            module: module, bodyLimit: bodyLimit, summary: summary)
        route.streamsBody = streamsBody
        node.routes[method] = route
        all.append(route)
    }

    public func build() -> Router {
        Router(root: root.freeze(), routes: all)
    }
}

/// A place to add routes: a path prefix, the middleware around them and the module that
/// owns them. Feature modules get one rooted at `/shops/{shop}/api` in `addRoutes(to:)`.
public struct RouteGroup {
    let builder: RouterBuilder
    public let prefix: String
    let middleware: [any Middleware]
    let module: String?

    /// A nested group: the prefix is appended, the middleware added after this group's.
    public func group(_ prefix: String, middleware: [any Middleware] = []) -> RouteGroup {
        RouteGroup(builder: builder, prefix: self.prefix + prefix, middleware: self.middleware + middleware, module: module)
    }

    /// Adds a route. `bodyLimit` overrides the server's 10 MiB default for this route;
    /// `streamsBody` hands the body over as it arrives (`Request.bodyStream`), for a route that
    /// takes bodies too large to hold in memory.
    public func on(
        _ method: HTTPMethod, _ path: String, bodyLimit: Int? = nil, streamsBody: Bool = false, summary: String = "",
        _ handler: @escaping RouteHandler
    ) {
        builder.add(
            method, prefix + path, middleware: middleware, module: module, bodyLimit: bodyLimit, streamsBody: streamsBody,
            summary: summary, handler: handler)
    }

    public func get(_ path: String, summary: String = "", _ handler: @escaping RouteHandler) {
        on(.get, path, summary: summary, handler)
    }
    public func post(
        _ path: String, bodyLimit: Int? = nil, streamsBody: Bool = false, summary: String = "", _ handler: @escaping RouteHandler
    ) {
        on(.post, path, bodyLimit: bodyLimit, streamsBody: streamsBody, summary: summary, handler)
    }
    public func put(_ path: String, summary: String = "", _ handler: @escaping RouteHandler) {
        on(.put, path, summary: summary, handler)
    }
    public func patch(_ path: String, summary: String = "", _ handler: @escaping RouteHandler) {
        on(.patch, path, summary: summary, handler)
    }
    public func delete(_ path: String, summary: String = "", _ handler: @escaping RouteHandler) {
        on(.delete, path, summary: summary, handler)
    }
}
