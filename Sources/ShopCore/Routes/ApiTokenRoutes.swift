import Foundation
import HTTPServer
import SQLite

/// Integration API tokens under `/shops/{shop}/api/api-tokens`: create (the token is shown
/// once, stored as its SHA-256), list (no secrets; when each was last used) and revoke. Needs
/// `staff.manage` and a person signed in: a token cannot mint tokens. A token's role is at most
/// its creator's.
public struct ApiTokenRoutes {
    struct CreateBody: Decodable {
        var name: String?
        var role: String?
        var expiresAt: String?
    }

    public func addRoutes(to routes: RouteGroup) {
        let manage = routes.requiring(.staffManage)

        manage.get("/api-tokens", summary: "The shop's API tokens (never the secrets)") { _, context in
            let shop = try context.requireShop()
            let tokens = try await shop.database.read { db in
                try db.query("SELECT \(ApiToken.columns) FROM api_token ORDER BY id DESC").map(ApiToken.json)
            }
            return .json(.object(["apiTokens": .array(tokens)]))
        }

        manage.post("/api-tokens", summary: "Create an API token for an integration (shown once)") { request, context in
            let shop = try context.requireShop()
            let caller = try ApiTokenRoutes.person(context)
            let body = try request.decode(CreateBody.self, allowing: ["name", "role", "expiresAt"])
            let name = (body.name ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 100 else { throw HTTPError.invalid("name", "name must be 1 to 100 characters.") }
            guard let roleText = body.role else { throw HTTPError.invalid("role", "role is required.", code: "missing_field") }
            let role = try StaffRole.parse(roleText)
            guard role.rank <= caller.role.rank else {
                throw HTTPError(
                    .forbidden, code: "role_above_yours",
                    message: "An API token's role can be at most yours (\(caller.role.rawValue)), not \(role.rawValue).", field: "role")
            }
            let now = Date()
            let expires = try body.expiresAt.map { text -> Date in
                guard let date = Date.fromSQL(.text(text)) else {
                    throw HTTPError.invalid("expiresAt", "expiresAt must be an ISO-8601 UTC time such as 2027-01-31T00:00:00Z.")
                }
                guard date > now else { throw HTTPError.invalid("expiresAt", "expiresAt must be in the future.") }
                return date
            }
            let token = SecretToken.make(SecretToken.apiToken)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let created = try await shop.database.write { db -> JSONValue in
                try db.execute(
                    """
                    INSERT INTO api_token(name, token_hash, role, created_by_label, created_at, expires_at)
                    VALUES(?, ?, ?, ?, ?, ?)
                    """,
                    [name, SecretToken.hash(token), role.rawValue, caller.label, Timestamp.format(now), expires.map(Timestamp.format)])
                let created = try ApiToken.find(db, db.lastInsertRowID)
                try AuditLog.record(
                    db, actor: actor, action: "api_token.created", entity: "api_token", entityID: String(db.lastInsertRowID),
                    after: created, requestID: requestID)
                return created
            }
            return .json(.object(["apiToken": created, "token": .string(token)]), status: .created)
        }

        manage.delete("/api-tokens/{id}", summary: "Revoke an API token") { _, context in
            let shop = try context.requireShop()
            _ = try ApiTokenRoutes.person(context)
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            try await shop.database.write { db in
                let before = try ApiToken.find(db, id)
                guard before["revokedAt"] == .null else { return }
                try db.execute("UPDATE api_token SET revoked_at = ? WHERE id = ?", [Timestamp.now(), id])
                try AuditLog.record(
                    db, actor: actor, action: "api_token.revoked", entity: "api_token", entityID: String(id), before: before,
                    after: try ApiToken.find(db, id), requestID: requestID)
            }
            return .noContent
        }
    }

    /// The caller, when a person signed in with a password; API tokens and support get 403.
    static func person(_ context: RequestContext) throws -> StaffIdentity {
        guard case .staff(let staff) = context.caller else { throw HTTPError.unauthorized("Sign in as staff first.") }
        guard staff.kind == .session else {
            throw HTTPError.forbidden("API tokens are managed by a signed-in staff member, not by a token.", code: "session_required")
        }
        return staff
    }
}
