import Foundation
import SQLite

/// The operator's support acting inside one shop: a short-lived, shop-scoped bearer token
/// (`sa_sp_...`) that the operator asks for with a reason. Its caller is a support identity
/// with an admin's permissions less `staff.manage`, and everything done with it is audited
/// with actor kind `support`.
enum SupportSession {
    /// How long a support session lasts.
    static let lifetime: Double = 3600

    /// The identity a live (not ended, not expired) support token acts as.
    static func identity(_ db: Database, token: String, now: Date) throws -> StaffIdentity? {
        guard
            let row = try db.queryRow(
                "SELECT id, reason FROM support_session WHERE token_hash = ? AND ended_at IS NULL AND expires_at > ?",
                [SecretToken.hash(token), Timestamp.format(now)])
        else { return nil }
        return StaffIdentity(id: try row.get("id"), email: "", role: .admin, kind: .support(reason: try row.get("reason")))
    }

    /// One session as the operator API shows it (never the token).
    static func json(_ row: Row) throws -> JSONValue {
        .object([
            "id": .int(try row.get("id")), "reason": .string(try row.get("reason")),
            "createdAt": .string(try row.get("created_at")), "expiresAt": .string(try row.get("expires_at")),
            "endedAt": try row.get("ended_at", as: String?.self).map(JSONValue.string) ?? .null,
        ])
    }
}
