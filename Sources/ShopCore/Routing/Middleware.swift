import HTTPServer

/// The next step of a middleware chain: the rest of the middleware, then the handler.
public typealias RouteHandler = @Sendable (Request, RequestContext) async throws -> HTTPResponse

/// One step around a handler: it may change the context (resolve the shop, set the
/// caller), answer early (401, 404) or post-process the response (log it).
///
/// ```swift
/// struct TimingHeader: Middleware {
///     func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
///         var response = try await next(request, context)
///         response.headers.set("X-Handled-By", "ShopAdmin")
///         return response
///     }
/// }
/// ```
public protocol Middleware: Sendable {
    func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse
}

extension Array where Element == any Middleware {
    /// Folds the middleware around a handler once, at build time, so dispatch does no work for it.
    func wrapping(_ handler: @escaping RouteHandler) -> RouteHandler {
        reversed().reduce(handler) { next, middleware in
            { request, context in try await middleware.handle(request, context: context, next: next) }
        }
    }
}
