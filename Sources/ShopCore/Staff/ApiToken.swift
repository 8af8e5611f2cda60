import Foundation
import SQLite

/// An integration's API token: a named bearer token acting with a role, optionally expiring,
/// revocable. Lookups and listings; the routes are in `ApiTokenRoutes`.
enum ApiToken {
    /// How often at most `last_used_at` is written for one token, so a busy integration does
    /// not turn every read into a write.
    static let lastUsedResolution: Double = 60

    /// The identity a live (not revoked, not expired) token acts as, and when it was last used.
    static func identity(_ db: Database, token: String, now: Date) throws -> (StaffIdentity, lastUsed: Date?)? {
        guard
            let row = try db.queryRow(
                """
                SELECT id, name, role, last_used_at FROM api_token
                WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)
                """, [SecretToken.hash(token), Timestamp.format(now)]),
            let role = StaffRole(rawValue: try row.get("role", as: String.self))
        else { return nil }
        let identity = StaffIdentity(
            id: try row.get("id"), email: "", role: role, kind: .apiToken(name: try row.get("name")))
        return (identity, try row.get("last_used_at", as: Date?.self))
    }

    /// Records a use, at most once per `lastUsedResolution`.
    static func touch(_ db: Database, id: Int64, now: Date) throws {
        try db.execute(
            "UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
            [Timestamp.format(now), id, Timestamp.format(now.addingTimeInterval(-lastUsedResolution))])
    }

    /// One token as the API shows it: never the secret, nor its hash.
    static func json(_ row: Row) throws -> JSONValue {
        func text(_ column: String) throws -> JSONValue {
            try row.get(column, as: String?.self).map(JSONValue.string) ?? .null
        }
        return .object([
            "id": .int(try row.get("id")), "name": .string(try row.get("name")), "role": .string(try row.get("role")),
            "createdBy": try text("created_by_label"), "createdAt": try text("created_at"), "expiresAt": try text("expires_at"),
            "lastUsedAt": try text("last_used_at"), "revokedAt": try text("revoked_at"),
        ])
    }

    static let columns = "id, name, role, created_by_label, created_at, expires_at, last_used_at, revoked_at"

    /// One token by id, or a 404.
    static func find(_ db: Database, _ id: Int64) throws -> JSONValue {
        guard let row = try db.queryRow("SELECT \(columns) FROM api_token WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No API token with id \(id).", code: "api_token_not_found")
        }
        return try json(row)
    }
}
