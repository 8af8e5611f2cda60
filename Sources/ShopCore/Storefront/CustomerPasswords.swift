import Cryptography
import Synchronization

/// Hashing and checking customer passwords with the shop service's `PasswordHasher` (the one
/// shared, concurrency-capped instance), plus the shop's length rule.
final class CustomerPasswords: Sendable {
    let hasher: PasswordHasher
    /// A hash of a random password, verified against when a sign-in names an unknown email, so
    /// the answer takes as long as for a known one. Made on first use.
    private let standIn = Mutex<String?>(nil)

    init(hasher: PasswordHasher) { self.hasher = hasher }

    /// Checks a password against a stored hash, or against the stand-in when there is none.
    /// - Returns: true only for a stored hash that matches.
    func verify(_ password: String, against stored: String?) async throws -> Bool {
        let hash: String
        if let stored { hash = stored } else { hash = try await standInHash() }
        let matches = try await hasher.verify(password, against: hash)
        return stored != nil && matches
    }

    func hash(_ password: String) async throws -> String { try await hasher.hash(password) }

    /// Refuses a password shorter than the shop's minimum (never below the platform's 5,
    /// DOMAIN.md 003) or absurdly long, naming `field`.
    static func checkStrength(_ password: String, settings: ShopSettings, field: String) throws {
        let minimum = max(5, settings.minimumPasswordLength)
        guard password.count >= minimum else {
            throw HTTPError.invalid(field, "The password must be at least \(minimum) characters.", code: "password_too_short")
        }
        guard password.utf8.count <= 1024 else {
            throw HTTPError.invalid(field, "The password must be at most 1024 bytes.", code: "password_too_long")
        }
    }

    private func standInHash() async throws -> String {
        if let hash = standIn.withLock({ $0 }) { return hash }
        let hash = try await hasher.hash(SecureRandom.token())
        return standIn.withLock { stored in
            if stored == nil { stored = hash }
            return stored!
        }
    }
}
