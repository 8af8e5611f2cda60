import Dispatch

/// Hashes and verifies passwords off the cooperative thread pool with a cap on how many run at
/// once, so that a flood of sign-ins cannot exhaust memory or cores (scrypt N=2^17 takes 128 MiB
/// each; PBKDF2 600,000 iterations ~0.14 s here).
///
/// Each hash is stored in the PHC string format with its scheme and cost, so ``verify(_:against:)``
/// keeps working after ``algorithm`` is raised and ``needsRehash(_:)`` says when to re-hash at the
/// next successful sign-in:
///
/// ```swift
/// let hasher = PasswordHasher()
/// let stored = try await hasher.hash("correct horse")
/// if try await hasher.verify(attempt, against: stored), hasher.needsRehash(stored) {
///     try await save(hasher.hash(attempt))
/// }
/// ```
///
/// Passwords are hashed as their UTF-8 bytes, without Unicode normalization.
public final class PasswordHasher: Sendable {
    /// Bytes of random salt in new hashes.
    public static let saltByteCount = 16
    /// Bytes of derived hash in new hashes.
    public static let hashByteCount = 32

    /// The scheme and cost used for new hashes; older hashes keep their own.
    public let algorithm: PasswordAlgorithm
    /// The most hashes this instance computes at once; further callers wait in line.
    public let maxConcurrent: Int

    private let limiter: ConcurrencyLimiter
    // Dispatch threads are not the cooperative pool, so a 0.5 s scrypt never starves other tasks.
    private let queue: DispatchQueue
    /// Counts jobs running on `queue` (the async path only), for tests of the cap.
    let gauge = WorkGauge()

    /// Creates a hasher.
    ///
    /// Traps on an invalid configuration (a cost out of range or `maxConcurrent` below 1): that
    /// is a programming error, found at startup.
    /// - Parameters:
    ///   - algorithm: The scheme and cost for new hashes; PBKDF2-HMAC-SHA256 with 600,000
    ///     iterations by default. Tests may pass a low cost such as 1,000 iterations.
    ///   - maxConcurrent: The most hashes computed at once by this instance; 2 by default, one per
    ///     core here. Share one instance across the server for the cap to mean anything.
    public init(
        algorithm: PasswordAlgorithm = .pbkdf2SHA256(iterations: 600_000), maxConcurrent: Int = 2
    ) {
        do {
            try algorithm.validate()
        } catch {
            preconditionFailure("PasswordHasher: \(error)")
        }
        precondition(maxConcurrent >= 1, "PasswordHasher: maxConcurrent must be at least 1")
        self.algorithm = algorithm
        self.maxConcurrent = maxConcurrent
        limiter = ConcurrencyLimiter(limit: maxConcurrent)
        queue = DispatchQueue(
            label: "ShopAdmin.PasswordHasher", qos: .userInitiated, attributes: .concurrent)
    }

    /// Hashes a new password with ``algorithm`` and a fresh random salt.
    ///
    /// Waits for a free slot, then computes on a dispatch thread while the task is suspended.
    /// - Parameter password: The password, hashed as UTF-8.
    /// - Returns: The encoded hash, such as `$pbkdf2-sha256$i=600000$<salt>$<hash>`.
    /// - Throws: `CancellationError` if the task is cancelled while waiting for a slot;
    ///   ``CryptographyError`` if OpenSSL fails.
    public func hash(_ password: String) async throws -> String {
        try await limiter.withPermit {
            try await self.runOffPool { try self.hashSync(password) }
        }
    }

    /// Checks a password against a stored hash, using the scheme and cost stored with it.
    ///
    /// Waits for a free slot, then computes on a dispatch thread while the task is suspended.
    /// A malformed hash throws at once without taking a slot.
    /// - Parameters:
    ///   - password: The password attempt.
    ///   - encoded: A hash from ``hash(_:)`` or ``hashSync(_:)``.
    /// - Returns: Whether the password matches; the comparison is constant-time.
    /// - Throws: ``CryptographyError`` for a malformed or out-of-range stored hash or an OpenSSL
    ///   failure; `CancellationError` if the task is cancelled while waiting for a slot.
    public func verify(_ password: String, against encoded: String) async throws -> Bool {
        let stored = try EncodedPasswordHash(parsing: encoded)
        return try await limiter.withPermit {
            try await self.runOffPool { try Self.matches(password, stored) }
        }
    }

    /// Tells whether a stored hash should be replaced at the next successful sign-in: its
    /// scheme, cost or lengths differ from what ``hash(_:)`` produces now. A hash that cannot be
    /// parsed also needs replacing, so this returns `true` for it rather than throwing.
    /// - Parameter encoded: A stored hash.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let stored = try? EncodedPasswordHash(parsing: encoded) else { return true }
        return stored.algorithm != algorithm
            || stored.salt.count != Self.saltByteCount
            || stored.hash.count != Self.hashByteCount
    }

    /// Hashes a password on the calling thread, for the command line.
    ///
    /// Blocks for the whole computation and ignores ``maxConcurrent``: never call it from async
    /// code on the server.
    /// - Parameter password: The password, hashed as UTF-8.
    /// - Returns: The encoded hash.
    /// - Throws: ``CryptographyError`` if OpenSSL fails.
    public func hashSync(_ password: String) throws -> String {
        var passwordBytes = Array(password.utf8)
        defer { KeyDerivation.cleanse(&passwordBytes) }
        let salt = SecureRandom.bytes(Self.saltByteCount)
        let hash = try algorithm.deriveKey(
            password: passwordBytes, salt: salt, length: Self.hashByteCount)
        return EncodedPasswordHash(algorithm: algorithm, salt: salt, hash: hash).encoded
    }

    /// Checks a password against a stored hash on the calling thread, for the command line.
    ///
    /// Blocks for the whole computation and ignores ``maxConcurrent``: never call it from async
    /// code on the server.
    /// - Parameters:
    ///   - password: The password attempt.
    ///   - encoded: A stored hash.
    /// - Returns: Whether the password matches; the comparison is constant-time.
    /// - Throws: ``CryptographyError`` for a malformed or out-of-range stored hash or an OpenSSL
    ///   failure.
    public func verifySync(_ password: String, against encoded: String) throws -> Bool {
        try Self.matches(password, EncodedPasswordHash(parsing: encoded))
    }

    private func runOffPool<T: Sendable>(
        _ work: @escaping @Sendable () throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [gauge] in
                continuation.resume(with: Result { try gauge.measure(work) })
            }
        }
    }

    private static func matches(_ password: String, _ stored: EncodedPasswordHash) throws -> Bool {
        var passwordBytes = Array(password.utf8)
        defer { KeyDerivation.cleanse(&passwordBytes) }
        var derived = try stored.algorithm.deriveKey(
            password: passwordBytes, salt: stored.salt, length: stored.hash.count)
        defer { KeyDerivation.cleanse(&derived) }
        return ConstantTime.equals(derived, stored.hash)
    }
}
