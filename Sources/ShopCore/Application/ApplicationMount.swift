import HTTPServer

/// Something the executable mounts beside the core's routes, such as the browser admin
/// (`AdminWeb`). The core never imports a mount; the mount imports the core.
///
/// ```swift
/// struct StatusPage: ApplicationMount {
///     func addRoutes(to builder: RouterBuilder, service: ShopService, api: InProcessAPI) {
///         builder.group("/status").get("") { _, _ in HTTPResponse(status: .ok) }
///     }
/// }
/// ```
public protocol ApplicationMount: Sendable {
    /// Adds the mount's routes while the router is built.
    /// - Parameters:
    ///   - builder: the application's router builder.
    ///   - service: the shops, registry, catalog and staff sessions.
    ///   - api: answers requests in process through the finished application, so a page can
    ///     use the JSON API with the same checks, validation and audit as any client.
    func addRoutes(to builder: RouterBuilder, service: ShopService, api: InProcessAPI)
}

/// Sends a request through the whole application (global middleware, router, route
/// middleware, handler) without a socket; usable once the application is assembled.
public struct InProcessAPI: Sendable {
    let responder: Box<ApplicationResponder>

    init(responder: Box<ApplicationResponder>) { self.responder = responder }

    /// The application's answer to `request`; a 503 before the application is assembled.
    public func send(_ request: HTTPRequest) async -> HTTPResponse {
        guard let responder = responder.value else {
            return .error(HTTPError(.serviceUnavailable, code: "starting", message: "The server is starting."))
        }
        return await responder.respond(to: request)
    }
}
