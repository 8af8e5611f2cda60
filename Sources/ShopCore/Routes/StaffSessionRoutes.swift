import Cryptography
import Foundation
import HTTPServer
import SQLite

/// Staff sign-in for a shop: `POST /shops/{shop}/api/sessions` trades email and password
/// for a bearer token (128+ random bits, stored only as its hash, expiring).
public struct StaffSessionRoutes {
    let service: ShopService
    let lifetime: Double

    struct SignIn: Decodable {
        var email: String
        var password: String
    }

    public func addRoutes(to routes: RouteGroup) {
        let hasher = service.hasher
        let service = self.service
        let lifetime = self.lifetime
        routes.post("/sessions", summary: "Staff sign-in") { request, context in
            let shop = try context.requireShop()
            let body = try request.decode(SignIn.self, allowing: ["email", "password"])
            let email = EmailAddress.normalized(body.email)
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
                throw HTTPError.unauthorized("The email or password is not right.")
            }
            let token = "sa_st_" + SecureRandom.token(byteCount: 32)
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

        let signedIn = routes.group("", middleware: [StaffAuthMiddleware()])
        signedIn.delete("/sessions/current", summary: "Staff sign-out") { request, context in
            let shop = try context.requireShop()
            guard let token = BearerToken.from(request.headers) else { throw HTTPError.unauthorized("No session.") }
            let actor = context.auditActor
            try await shop.database.write { db in
                try db.execute("DELETE FROM staff_session WHERE token_hash = ?", [Hex.encode(SHA256.hash(token))])
                try AuditLog.record(db, actor: actor, action: "staff.signed_out", entity: "staff", entityID: actor.id.map(String.init))
            }
            return .noContent
        }
    }
}
