/// A password hash in the PHC string format, the one text column that carries scheme, cost,
/// salt and hash together: `$pbkdf2-sha256$i=600000$<salt>$<hash>` or
/// `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`, with salt and hash in standard base64 without padding.
///
/// Parsing is strict and never traps: the text comes from storage and may be corrupt.
struct EncodedPasswordHash: Sendable, Equatable {
    /// Salt bytes accepted when parsing; new hashes use 16.
    static let saltLengths = 8...64
    /// Hash bytes accepted when parsing; new hashes use 32.
    static let hashLengths = 16...64

    let algorithm: PasswordAlgorithm
    let salt: [UInt8]
    let hash: [UInt8]

    init(algorithm: PasswordAlgorithm, salt: [UInt8], hash: [UInt8]) {
        self.algorithm = algorithm
        self.salt = salt
        self.hash = hash
    }

    /// The encoded text.
    var encoded: String {
        let codec = Base64Codec.standard
        let head = "$\(algorithm.identifier)$\(algorithm.parameterField)"
        return "\(head)$\(codec.encode(salt))$\(codec.encode(hash))"
    }

    /// Parses encoded text.
    /// - Throws: ``CryptographyError`` `.malformedEncodedHash` for text of the wrong shape, or
    ///   `.unsupportedParameters` for a well-formed hash whose cost is out of range. The text
    ///   itself never appears in the error.
    init(parsing text: String) throws {
        // A real hash is about 100 bytes; refuse to split megabytes of junk.
        guard text.utf8.count <= 512 else { throw Self.malformed("too long") }
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty else {
            throw Self.malformed("expected $scheme$parameters$salt$hash")
        }
        let parameters = try Self.parameters(fields[2])
        switch fields[1] {
        case "pbkdf2-sha256":
            guard parameters.count == 1, let iterations = parameters["i"] else {
                throw Self.malformed("pbkdf2-sha256 needs exactly i=<iterations>")
            }
            algorithm = .pbkdf2SHA256(iterations: iterations)
        case "scrypt":
            guard parameters.count == 3, let logN = parameters["ln"], let r = parameters["r"],
                let p = parameters["p"]
            else {
                throw Self.malformed("scrypt needs exactly ln, r and p")
            }
            algorithm = .scrypt(logN: logN, r: r, p: p)
        default:
            throw Self.malformed("unknown scheme")
        }
        guard let salt = Base64Codec.standard.decode(String(fields[3]), allowPadding: false),
            Self.saltLengths.contains(salt.count)
        else {
            throw Self.malformed("bad salt")
        }
        guard let hash = Base64Codec.standard.decode(String(fields[4]), allowPadding: false),
            Self.hashLengths.contains(hash.count)
        else {
            throw Self.malformed("bad hash")
        }
        self.salt = salt
        self.hash = hash
        try algorithm.validate()
    }

    /// Parses `name=value,name=value` with unique names and plain decimal values.
    private static func parameters(_ field: Substring) throws -> [Substring: Int] {
        var result: [Substring: Int] = [:]
        for pair in field.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, result[parts[0]] == nil,
                let value = decimal(parts[1])
            else {
                throw malformed("bad parameter list")
            }
            result[parts[0]] = value
        }
        return result
    }

    /// Reads a canonical decimal: digits only, no sign, no leading zero, at most 9 digits so it
    /// cannot overflow.
    private static func decimal(_ text: Substring) -> Int? {
        let digits = Array(text.utf8)
        guard (1...9).contains(digits.count),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            digits.count == 1 || digits[0] != UInt8(ascii: "0")
        else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func malformed(_ reason: String) -> CryptographyError {
        CryptographyError(.malformedEncodedHash, reason)
    }
}
