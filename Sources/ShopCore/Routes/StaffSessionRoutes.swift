import Cryptography
import Foundation
import HTTPServer
import SQLite

/// Staff sign-in for a shop: `POST /shops/{shop}/api/sessions` trades email and password
/// for a bearer token (128+ random bits, stored only as its hash, expiring). Repeated failures
/// are refused by `throttle` before any password is hashed.
public struct StaffSessionRoutes {
    let service: ShopService
    let lifetime: Double
    let throttle: SignInThrottle

    struct SignIn: Decodable {
        var email: String
        var password: String
    }

    public func addRoutes(to routes: RouteGroup) {
        let hasher = service.hasher
        let service = self.service
        let lifetime = self.lifetime
        let throttle = self.throttle
        routes.post("/sessions", summary: "Staff sign-in") { request, context in
            let shop = try context.requireShop()
            let body = try request.decode(SignIn.self, allowing: ["email", "password"])
            let email = EmailAddress.normalized(body.email)
            // Before any hashing: a locked account or address costs a lookup, not a key derivation.
            let attempt = try throttle.begin(shop: shop.slug.value, email: email, address: request.http.remoteAddress)
            var succeeded: Bool?
            defer { throttle.finish(attempt, succeeded: succeeded) }
            let stored = try await shop.database.read { db -> (Int64, String, String, String?)? in
                guard
                    let row = try db.queryRow(
                        "SELECT id, email, role, password_hash FROM staff WHERE email = ? AND enabled = 1", [email])
                else { return nil }
                return (try row.get("id"), try row.get("email"), try row.get("role"), try row.get("password_hash"))
            }
            // Verify against a stand-in hash when the account is unknown, so timing does not tell.
            let hash: String
            if let known = stored?.3 { hash = known } else { hash = try await service.standInPasswordHash() }
            let matches = try await hasher.verify(body.password, against: hash)
            guard let staff = stored, stored?.3 != nil, matches, let role = StaffRole(rawValue: staff.2) else {
                succeeded = false
                throw HTTPError.unauthorized("The email or password is not right.")
            }
            succeeded = true
            let token = SecretToken.make(SecretToken.session)
            let expires = Date().addingTimeInterval(lifetime)
            let identity = StaffIdentity(id: staff.0, email: staff.1, role: role)
            try await shop.database.write { db in
                let now = Timestamp.now()
                try db.execute("DELETE FROM staff_session WHERE expires_at <= ?", [now])
                try db.execute(
                    "INSERT INTO staff_session(token_hash, staff_id, created_at, expires_at) VALUES(?, ?, ?, ?)",
                    [Hex.encode(SHA256.hash(token)), identity.id, now, Timestamp.format(expires)])
                try AuditLog.record(
                    db, actor: AuditActor(kind: "staff", id: identity.id, label: identity.email), action: "staff.signed_in",
                    entity: "staff", entityID: String(identity.id), requestID: context.requestID)
            }
            return .json(
                .object([
                    "token": .string(token), "expiresAt": .string(Timestamp.format(expires)),
                    "staff": .object(["id": .int(identity.id), "email": .string(identity.email), "role": .string(role.rawValue)]),
                ]), status: .created)
        }

        let signedIn = routes.group("", middleware: [StaffAuthMiddleware(sessions: service.staffSessions)])
        signedIn.delete("/sessions/current", summary: "Staff sign-out") { request, context in
            let shop = try context.requireShop()
            guard let token = BearerToken.from(request.headers) else { throw HTTPError.unauthorized("No session.") }
            let actor = context.auditActor
            guard case .staff(let caller) = context.caller else { throw HTTPError.unauthorized("No session.") }
            switch caller.kind {
            case .session:
                try await shop.database.write { db in
                    try db.execute("DELETE FROM staff_session WHERE token_hash = ?", [SecretToken.hash(token)])
                    try AuditLog.record(db, actor: actor, action: "staff.signed_out", entity: "staff", entityID: actor.id.map(String.init))
                }
            case .support:
                let ended = try await shop.database.write { db in
                    try SupportSessionRoutes.end(db, id: caller.id, actor: actor, requestID: context.requestID)
                }
                if let ended {
                    try await service.registry.note(shop.slug, actor: actor.label, action: "support.session_ended", details: ended)
                }
            case .apiToken:
                throw HTTPError.badRequest(
                    "An API token is not a session; revoke it with DELETE /api-tokens/{id}.", code: "not_a_session")
            }
            return .noContent
        }
    }
}
