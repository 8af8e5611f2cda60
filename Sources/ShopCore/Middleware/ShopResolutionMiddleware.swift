import HTTPServer

/// Resolves `{shop}` in the path to a `Shop`: 404 for a shop that does not exist (or a slug
/// that cannot), 403 with the reason for a suspended one. Leases the shop's database for the
/// request, including a streamed response's whole body.
public struct ShopResolutionMiddleware: Middleware {
    let service: ShopService

    public init(service: ShopService) { self.service = service }

    public func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        let text = context.parameters["shop"] ?? ""
        guard let slug = ShopSlug(text), let record = service.registry.shop(slug) else {
            throw HTTPError.notFound("No shop named \(text).", code: "shop_not_found")
        }
        guard record.status == .active else {
            throw HTTPError.forbidden(
                "Shop \(slug) is suspended: \(record.suspendedReason ?? "no reason given"). Contact the operator.",
                code: "shop_suspended")
        }
        let modules = service.catalog.enabledModules(for: record)
        let pool = service.pool
        let database = try await pool.acquire(slug, modules: modules)
        var context = context
        context.shop = Shop(
            record: record, database: database, modules: modules, customerFields: service.catalog.customerFields(for: modules),
            affiliations: service.catalog.affiliations(for: modules), customerListFilters: service.catalog.listFilters(for: modules))
        let response: HTTPResponse
        do {
            response = try await next(request, context)
        } catch {
            pool.release(slug)
            throw error
        }
        // A write that succeeded may have queued email (core or module): the worker looks.
        if request.method != .get && request.method != .head { service.outboxSignal.notify(slug) }
        guard case .stream(let write) = response.body else {
            pool.release(slug)
            return response
        }
        // The body is written after this returns: keep the lease until it is done.
        var streamed = response
        streamed.body = .stream { writer in
            do {
                try await write(writer)
                pool.release(slug)
            } catch {
                pool.release(slug)
                throw error
            }
        }
        return streamed
    }
}
