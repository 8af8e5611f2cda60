/// A password-hashing scheme and its cost, stored with every hash so costs can rise over time
/// while old hashes still verify.
public enum PasswordAlgorithm: Sendable, Equatable {
    /// PBKDF2-HMAC-SHA256 with an iteration count; 600,000 is OWASP's 2023 figure and takes
    /// about 0.14 s here (MEASURED.md).
    case pbkdf2SHA256(iterations: Int)
    /// scrypt with N = 2^`logN`, block size `r` and parallelism `p`; `logN: 17, r: 8, p: 1` takes
    /// about 0.45 s and 128 MiB here (MEASURED.md).
    case scrypt(logN: Int, r: Int, p: Int)

    /// The largest PBKDF2 iteration count accepted, about 2.3 s per hash here: a stored hash is
    /// data, and a corrupt or planted one must not stall a worker for minutes.
    public static let maximumPBKDF2Iterations = 10_000_000
    /// The largest scrypt parallelism accepted, bounding CPU time the same way.
    public static let maximumScryptParallelism = 16
    /// The most memory one scrypt hash may use: 256 MiB, also handed to OpenSSL as `maxmem`.
    public static let maximumScryptMemory = Int(KeyDerivation.scryptMaxMemory)

    /// The PHC identifier of the scheme, the second field of an encoded hash.
    var identifier: String {
        switch self {
        case .pbkdf2SHA256: "pbkdf2-sha256"
        case .scrypt: "scrypt"
        }
    }

    /// The PHC parameter field, such as `i=600000` or `ln=17,r=8,p=1`.
    var parameterField: String {
        switch self {
        case .pbkdf2SHA256(let iterations): "i=\(iterations)"
        case .scrypt(let logN, let r, let p): "ln=\(logN),r=\(r),p=\(p)"
        }
    }

    /// Checks that the cost is one this server is willing to compute.
    /// - Throws: ``CryptographyError`` with code `.unsupportedParameters` when out of range.
    public func validate() throws {
        switch self {
        case .pbkdf2SHA256(let iterations):
            guard (1...Self.maximumPBKDF2Iterations).contains(iterations) else {
                throw CryptographyError(
                    .unsupportedParameters,
                    "PBKDF2 iterations must be 1...\(Self.maximumPBKDF2Iterations)")
            }
        case .scrypt(let logN, let r, let p):
            guard (1...30).contains(logN), r >= 1, (1...Self.maximumScryptParallelism).contains(p)
            else {
                throw CryptographyError(
                    .unsupportedParameters,
                    "scrypt needs ln in 1...30, r >= 1, p in 1...\(Self.maximumScryptParallelism)")
            }
            // OpenSSL's own accounting: 128·r·p bytes for B plus 128·r·(N + 2) for V.
            let n = 1 << logN
            let (perBlock, overflowA) = r.multipliedReportingOverflow(by: 128)
            let (blocks, overflowB) = n.addingReportingOverflow(2 + p)
            let (memory, overflowC) = perBlock.multipliedReportingOverflow(by: blocks)
            guard !overflowA, !overflowB, !overflowC, memory <= Self.maximumScryptMemory else {
                throw CryptographyError(
                    .unsupportedParameters, "scrypt would need more than 256 MiB")
            }
        }
    }

    /// Derives a key of `length` bytes with this scheme and cost.
    ///
    /// Blocks the calling thread for the whole computation; ``PasswordHasher`` calls it on its
    /// own queue.
    /// - Throws: ``CryptographyError`` for an unsupported cost or an OpenSSL failure.
    func deriveKey(password: [UInt8], salt: [UInt8], length: Int) throws -> [UInt8] {
        try validate()
        switch self {
        case .pbkdf2SHA256(let iterations):
            return try KeyDerivation.pbkdf2SHA256(
                password: password, salt: salt, iterations: iterations, keyLength: length)
        case .scrypt(let logN, let r, let p):
            return try KeyDerivation.scrypt(
                password: password, salt: salt, logN: logN, r: r, p: p, keyLength: length)
        }
    }
}
