import Foundation
import HTTPServer
import SQLite

/// Admits the shop's staff by bearer token: a session token from
/// `POST /shops/{shop}/api/sessions` (`sa_st_`), an integration's API token (`sa_at_`) or the
/// operator's support session (`sa_sp_`), each acting with a role. Refuses writes to read-only
/// callers.
public struct StaffAuthMiddleware: Middleware {
    let sessions: StaffSessionCache

    public init(sessions: StaffSessionCache) { self.sessions = sessions }

    public func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        let shop = try context.requireShop()
        guard let token = BearerToken.from(request.headers) else {
            throw HTTPError.unauthorized("Sign in first: send Authorization: Bearer <session token>.")
        }
        let now = Date()
        let staff: StaffIdentity?
        if token.hasPrefix(SecretToken.apiToken) {
            let found = try await shop.database.read { db in try ApiToken.identity(db, token: token, now: now) }
            if let (identity, lastUsed) = found, lastUsed.map({ now.timeIntervalSince($0) >= ApiToken.lastUsedResolution }) ?? true {
                // Best effort: a busy database must not fail the request over a last-used time.
                try? await shop.database.write { db in try ApiToken.touch(db, id: identity.id, now: now) }
            }
            staff = found?.0
            guard staff != nil else {
                throw HTTPError.unauthorized("The API token is not valid for shop \(shop.slug): unknown, revoked or expired.")
            }
        } else if token.hasPrefix(SecretToken.support) {
            staff = try await shop.database.read { db in try SupportSession.identity(db, token: token, now: now) }
            guard staff != nil else {
                throw HTTPError.unauthorized("The support session has ended or is not valid for shop \(shop.slug).")
            }
        } else {
            let hash = SecretToken.hash(token)
            if let cached = sessions.identity(shop: shop.slug.value, tokenHash: hash) {
                staff = cached
            } else {
                let found = try await shop.database.read { db -> (StaffIdentity, Date)? in
                    guard
                        let row = try db.queryRow(
                            """
                            SELECT staff.id, staff.email, staff.role, staff_session.expires_at FROM staff_session
                            JOIN staff ON staff.id = staff_session.staff_id
                            WHERE staff_session.token_hash = ? AND staff_session.expires_at > ? AND staff.enabled = 1
                            """, [hash, Timestamp.format(now)]),
                        let role = StaffRole(rawValue: try row.get("role", as: String.self))
                    else { return nil }
                    return (StaffIdentity(id: try row.get("id"), email: try row.get("email"), role: role), try row.get("expires_at"))
                }
                if let (identity, expires) = found {
                    sessions.remember(
                        identity, shop: shop.slug.value, tokenHash: hash,
                        sessionExpiresIn: .milliseconds(Int64(max(0, expires.timeIntervalSince(now)) * 1000)))
                }
                staff = found?.0
            }
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
