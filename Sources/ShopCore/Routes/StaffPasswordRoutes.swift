import Foundation
import HTTPServer
import SQLite

/// `POST /shops/{shop}/api/set-password` `{token, password}`: redeems a single-use "set your
/// password" token (from creating an account without a password, or a reset), without
/// signing in. The token is 256 random bits stored as its hash, so it needs no throttle.
public struct StaffPasswordRoutes {
    let service: ShopService

    struct Body: Decodable {
        var token: String
        var password: String
    }

    public func addRoutes(to routes: RouteGroup) {
        let hasher = service.hasher
        routes.post("/set-password", summary: "Set a password with a single-use set-password token") { request, context in
            let shop = try context.requireShop()
            let body = try request.decode(Body.self, allowing: ["token", "password"])
            let tokenHash = SecretToken.hash(body.token)
            let invalid = HTTPError(
                .badRequest, code: "invalid_token", message: "The set-password token is not valid, used or expired.", field: "token")
            @Sendable func staffID(_ db: Database) throws -> Int64? {
                try db.scalar(
                    """
                    SELECT staff.id FROM staff_password_token JOIN staff ON staff.id = staff_password_token.staff_id
                    WHERE staff_password_token.token_hash = ? AND staff_password_token.expires_at > ? AND staff.enabled = 1
                    """, [tokenHash, Timestamp.now()], as: Int64.self)
            }
            guard try await shop.database.read({ db in try staffID(db) }) != nil else { throw invalid }
            try StaffAccount.validPassword(body.password, field: "password")
            let hash = try await hasher.hash(body.password)
            let requestID = context.requestID
            try await shop.database.write { db in
                // Checked again inside the write: two redemptions race, one wins.
                guard let id = try staffID(db) else { throw invalid }
                let account = try StaffAccount.find(db, id)
                try StaffAccount.setPasswordHash(db, staffID: id, hash: hash, now: Date())
                try StaffAccount.endSessions(db, staffID: id)
                try AuditLog.record(
                    db, actor: AuditActor(kind: "staff", id: id, label: account.email), action: "staff.password_set", entity: "staff",
                    entityID: String(id), requestID: requestID)
            }
            return .noContent
        }
    }
}
