import Cryptography
import SQLite
import Synchronization

/// The operator's bearer tokens. A token is shown once when made and stored only as its
/// SHA-256 (a 256-bit random token needs no slow hash); verifying compares in constant time.
public final class OperatorTokenStore: Sendable {
    private let database: DatabaseQueue
    private let hashes: Mutex<[[UInt8]]>

    public init(registry: ShopRegistry) throws {
        database = registry.database
        let stored = try database.readSync { db in
            try db.query("SELECT token_hash FROM operator_token WHERE revoked_at IS NULL")
                .compactMap { Hex.decode(try $0.get("token_hash", as: String.self)) }
        }
        hashes = Mutex(stored)
    }

    /// Whether any live token exists (none on first start).
    public var hasToken: Bool { hashes.withLock { !$0.isEmpty } }

    /// Makes a new token, revoking every earlier one, and returns it: the only time it is visible.
    public func issue() async throws -> String {
        let token = "sa_op_" + SecureRandom.token(byteCount: 32)
        let hash = SHA256.hash(token)
        try await database.write { db in
            let now = Timestamp.now()
            try db.execute("UPDATE operator_token SET revoked_at = ? WHERE revoked_at IS NULL", [now])
            try db.execute("INSERT INTO operator_token(token_hash, created_at) VALUES(?, ?)", [Hex.encode(hash), now])
            try db.execute(
                "INSERT INTO registry_audit(at, actor, action) VALUES(?, 'operator', 'operator.token_issued')", [now])
        }
        hashes.withLock { $0 = [hash] }
        return token
    }

    /// Whether `token` is a live operator token.
    public func verify(_ token: String) -> Bool {
        let hash = SHA256.hash(token)
        return hashes.withLock { stored in
            // Compare against every stored hash so timing does not depend on which matched.
            stored.reduce(false) { found, candidate in ConstantTime.equals(candidate, hash) || found }
        }
    }
}
