import Cryptography
import HTTPServer
import SQLite

/// Admits the shop's staff by session token (`Authorization: Bearer <token>` from
/// `POST /shops/{shop}/api/sessions`), and refuses writes to read-only staff.
public struct StaffAuthMiddleware: Middleware {
    public init() {}

    public func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        let shop = try context.requireShop()
        guard let token = BearerToken.from(request.headers) else {
            throw HTTPError.unauthorized("Sign in first: send Authorization: Bearer <session token>.")
        }
        let hash = Hex.encode(SHA256.hash(token))
        let now = Timestamp.now()
        let staff = try await shop.database.read { db -> StaffIdentity? in
            guard
                let row = try db.queryRow(
                    """
                    SELECT staff.id, staff.email, staff.role FROM staff_session
                    JOIN staff ON staff.id = staff_session.staff_id
                    WHERE staff_session.token_hash = ? AND staff_session.expires_at > ? AND staff.enabled = 1
                    """, [hash, now]),
                let role = StaffRole(rawValue: try row.get("role", as: String.self))
            else { return nil }
            return StaffIdentity(id: try row.get("id"), email: try row.get("email"), role: role)
        }
        guard let staff else {
            throw HTTPError.unauthorized("The session has expired or is not valid for shop \(shop.slug); sign in again.")
        }
        if request.method != .get && request.method != .head && !staff.role.canWrite {
            throw HTTPError.forbidden("Your role (\(staff.role.rawValue)) may read but not change data.", code: "read_only")
        }
        var context = context
        context.caller = .staff(staff)
        return try await next(request, context)
    }
}
