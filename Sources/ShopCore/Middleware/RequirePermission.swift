import HTTPServer

/// Lets a request through only if the signed-in staff member's role has `permission`.
/// Placed after `StaffAuthMiddleware` on a group of routes (`routes.requiring(.storesManage)`).
public struct RequirePermission: Middleware {
    let permission: Permission

    public init(_ permission: Permission) { self.permission = permission }

    public func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        guard case .staff(let staff) = context.caller else {
            throw HTTPError.unauthorized("Sign in as staff first.")
        }
        guard staff.permissions.contains(permission) else {
            let who: String
            switch staff.kind {
            case .session: who = "Your role (\(staff.role.rawValue))"
            case .apiToken: who = "This API token (role \(staff.role.rawValue))"
            case .support: who = "A support session"
            }
            throw HTTPError(
                .forbidden, code: "permission_denied",
                message: "\(who) does not have the permission \(permission.rawValue).",
                details: ["permission": .string(permission.rawValue)])
        }
        return try await next(request, context)
    }
}

extension RouteGroup {
    /// The same group, with routes added to it needing `permission`.
    public func requiring(_ permission: Permission) -> RouteGroup {
        group("", middleware: [RequirePermission(permission)])
    }
}
