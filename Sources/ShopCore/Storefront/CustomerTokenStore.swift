import Cryptography
import Foundation
import SQLite

/// Single-use, expiring customer tokens sent by email: a password reset (valid 1 hour) or a
/// set-your-password link for a customer the staff created (valid 72 hours). Only the
/// SHA-256 of a token is stored; a used token is kept, marked consumed, so a second use is
/// told apart from a token that never existed.
enum CustomerTokenStore {
    enum Kind: String, Sendable {
        case reset
        case setPassword = "set-password"

        var lifetime: TimeInterval {
            switch self {
            case .reset: return 3600
            case .setPassword: return 72 * 3600
            }
        }
    }

    static let prefix = "sa_ct_"

    /// Issues a token inside the caller's write transaction. Earlier unused tokens of the
    /// same kind for the customer stop working: only the newest link does anything.
    static func issue(_ db: Database, customerID: Int64, kind: Kind) throws -> String {
        let now = Timestamp.now()
        try db.execute(
            "DELETE FROM customer_token WHERE customer_id = ? AND (kind = ? AND consumed_at IS NULL OR expires_at <= ?)",
            [customerID, kind.rawValue, now])
        let token = prefix + SecureRandom.token(byteCount: 32)
        try db.execute(
            "INSERT INTO customer_token(token_hash, customer_id, kind, created_at, expires_at) VALUES(?, ?, ?, ?, ?)",
            [SHA256.hexHash(token), customerID, kind.rawValue, now, Timestamp.format(Date().addingTimeInterval(kind.lifetime))])
        return token
    }

    /// Marks the token used and returns its customer, or throws a clear 400/410: unknown,
    /// already used, expired. Call inside the write transaction that acts on it, so a token
    /// is consumed exactly when its effect commits.
    static func consume(_ db: Database, token: String) throws -> (customerID: Int64, kind: Kind) {
        let hash = SHA256.hexHash(token)
        guard
            let row = try db.queryRow("SELECT customer_id, kind, expires_at, consumed_at FROM customer_token WHERE token_hash = ?", [hash]),
            let kind = Kind(rawValue: try row.get("kind"))
        else {
            throw HTTPError.badRequest("This link is not valid; ask for a new one.", code: "invalid_token", field: "token")
        }
        guard row["consumed_at"] == .null else {
            throw HTTPError(
                .gone, code: "token_used", message: "This link has already been used; ask for a new one.", field: "token")
        }
        guard try row.get("expires_at", as: String.self) > Timestamp.now() else {
            throw HTTPError(.gone, code: "token_expired", message: "This link has expired; ask for a new one.", field: "token")
        }
        try db.execute("UPDATE customer_token SET consumed_at = ? WHERE token_hash = ?", [Timestamp.now(), hash])
        return (try row.get("customer_id"), kind)
    }
}
