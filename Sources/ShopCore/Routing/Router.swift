import HTTPServer

/// Finds the route for a method and path. Built once by `RouterBuilder`, then
/// immutable, so lookups need no lock. Static segments win over parameters.
public struct Router: Sendable {
    final class Node: Sendable {
        let literals: [Substring: Node]
        let parameter: Node?
        let routes: [HTTPMethod: Route]

        init(literals: [Substring: Node], parameter: Node?, routes: [HTTPMethod: Route]) {
            self.literals = literals
            self.parameter = parameter
            self.routes = routes
        }
    }

    /// The outcome of a lookup.
    public enum Match: Sendable {
        case found(Route, parameters: [String: String])
        /// The path exists but not for this method; `allowed` feeds the `Allow` header.
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    let root: Node
    /// Every route, for the API description and its completeness test.
    public let routes: [Route]

    public func match(_ method: HTTPMethod, _ path: String) -> Match {
        let segments = PathSegments.split(path)
        var values: [Substring] = []
        guard let node = Router.find(root, segments[...], &values) else { return .notFound }
        let route = node.routes[method] ?? (method == .head ? node.routes[.get] : nil)
        guard let route else {
            if node.routes.isEmpty { return .notFound }
            var allowed = Array(node.routes.keys)
            if node.routes[.get] != nil && node.routes[.head] == nil { allowed.append(.head) }
            return .methodNotAllowed(allowed: allowed.sorted { $0.rawValue < $1.rawValue })
        }
        var parameters: [String: String] = [:]
        for (name, raw) in zip(route.parameterNames, values) {
            // A malformed escape keeps the raw text: the handler then finds nothing by it.
            parameters[name] = QueryString.percentDecode(String(raw)) ?? String(raw)
        }
        return .found(route, parameters: parameters)
    }

    /// Depth-first: a literal child first, then the parameter child, so `/shops/new`
    /// beats `/shops/{slug}` and a dead end under the literal still tries the parameter.
    private static func find(_ node: Node, _ segments: ArraySlice<Substring>, _ values: inout [Substring]) -> Node? {
        guard let first = segments.first else { return node.routes.isEmpty ? nil : node }
        let rest = segments.dropFirst()
        if let child = node.literals[first], let found = find(child, rest, &values) {
            return found
        }
        if let child = node.parameter {
            values.append(first)
            if let found = find(child, rest, &values) { return found }
            values.removeLast()
        }
        return nil
    }
}
