import HTTPServer

/// Connects the HTTP server to the application: picks the route's body limit before the
/// body is read, gives each request an id, runs the global middleware and the route.
public struct ApplicationResponder: HTTPResponder {
    let router: Router
    let chain: RouteHandler
    let defaultBodyLimit: Int
    let requestIDs = RequestIDGenerator()

    init(router: Router, middleware: [any Middleware], defaultBodyLimit: Int) {
        self.router = router
        self.defaultBodyLimit = defaultBodyLimit
        chain = middleware.wrapping { request, context in
            switch router.match(request.method, request.path) {
            case .found(let route, let parameters):
                var context = context
                context.parameters = parameters
                context.routePattern = route.pattern
                context.routeModule = route.module
                return try await route.responder(request, context)
            case .methodNotAllowed(let allowed):
                let list = allowed.map(\.rawValue).joined(separator: ", ")
                throw HTTPError(
                    .methodNotAllowed, code: "method_not_allowed",
                    message: "\(request.method.rawValue) is not allowed on \(request.path); use \(list).",
                    headers: ["Allow": list])
            case .notFound:
                throw HTTPError.notFound("No route for \(request.method.rawValue) \(request.path).", code: "route_not_found")
            }
        }
    }

    public func bodyLimit(for head: HTTPRequestHead) -> Int {
        if case .found(let route, _) = router.match(head.method, head.path), let limit = route.bodyLimit {
            return limit
        }
        return defaultBodyLimit
    }

    public func streamsBody(for head: HTTPRequestHead) -> Bool {
        if case .found(let route, _) = router.match(head.method, head.path) { return route.streamsBody }
        return false
    }

    public func respond(to http: HTTPRequest) async -> HTTPResponse {
        let requestID = requestIDs.id(for: http.head.headers["X-Request-Id"])
        let context = RequestContext(requestID: requestID)
        var response: HTTPResponse
        do {
            response = try await chain(Request(http), context)
        } catch let error as HTTPError {
            response = .error(error)
        } catch {
            response = .error(HTTPError(.internalServerError, code: "internal_error", message: "Something went wrong on our side."))
        }
        response.headers.add("X-Request-Id", requestID)
        return response
    }
}
