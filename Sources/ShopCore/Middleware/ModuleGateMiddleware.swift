import HTTPServer

/// Hides a module's routes from shops whose plan lacks it: 404, naming what would enable it,
/// so a merchant (or their developer) learns why rather than guessing at a typo.
public struct ModuleGateMiddleware: Middleware {
    let moduleID: String
    let moduleName: String
    let availability: ModuleAvailability

    public init(moduleID: String, moduleName: String, availability: ModuleAvailability) {
        self.moduleID = moduleID
        self.moduleName = moduleName
        self.availability = availability
    }

    public func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        let shop = try context.requireShop()
        guard shop.hasModule(moduleID) else {
            throw HTTPError(
                .notFound, code: "module_not_enabled",
                message: "\(moduleName) is not part of shop \(shop.slug)'s plan: it needs \(availability.requirement).",
                details: ["module": .string(moduleID), "requires": availability.json])
        }
        return try await next(request, context)
    }
}
