import Cryptography
import Foundation
import SQLite

/// Customer sessions: a bearer token `sa_cs_<43 characters>` (256 random bits) the customer
/// holds, stored only as its SHA-256, expiring after `lifetime`. Each sign-in issues a new
/// token (the one the request carried, if any, is revoked), so a token planted before sign-in
/// is worthless after it.
enum CustomerSessionStore {
    static let prefix = "sa_cs_"
    /// How long a customer session lasts: 14 days.
    static let lifetime: TimeInterval = 14 * 24 * 3600

    /// A new session, with the token to hand out once.
    struct Issued: Sendable {
        let token: String
        let expiresAt: String
    }

    /// Creates a session inside the caller's write transaction; expired sessions of the
    /// customer are cleared on the way.
    static func issue(
        _ db: Database, customerID: Int64, storeID: Int64, replacing previous: String?, lasting: TimeInterval = lifetime,
        impersonator: CustomerIdentity.Impersonator? = nil
    ) throws -> Issued {
        let now = Timestamp.now()
        if let previous { try revoke(db, token: previous) }
        try db.execute("DELETE FROM customer_session WHERE customer_id = ? AND expires_at <= ?", [customerID, now])
        let token = prefix + SecureRandom.token(byteCount: 32)
        let expires = Timestamp.format(Date().addingTimeInterval(lasting))
        try db.execute(
            """
            INSERT INTO customer_session(token_hash, customer_id, store_id, created_at, expires_at, impersonated_by_staff_id,
                impersonated_by_label)
            VALUES(?, ?, ?, ?, ?, ?, ?)
            """, [hash(token), customerID, storeID, now, expires, impersonator?.staffID, impersonator?.label])
        return Issued(token: token, expiresAt: expires)
    }

    static func revoke(_ db: Database, token: String) throws {
        try db.execute("DELETE FROM customer_session WHERE token_hash = ?", [hash(token)])
    }

    /// Ends every session of the customer but `keeping` (a password change keeps the session
    /// it was made in; a reset keeps none).
    static func revokeAll(_ db: Database, customerID: Int64, keeping token: String? = nil) throws {
        try db.execute(
            "DELETE FROM customer_session WHERE customer_id = ? AND token_hash <> ?", [customerID, token.map(hash) ?? ""])
    }

    static func hash(_ token: String) -> String { SHA256.hexHash(token) }
}
