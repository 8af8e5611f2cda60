internal import COpenSSL

/// SHA-256 digests, for storing lookup keys such as hashed session tokens and API keys
/// (never for passwords: use ``PasswordHasher``).
public enum SHA256 {
    /// The digest length in bytes.
    public static let byteCount = 32

    /// Hashes bytes.
    /// - Parameter bytes: The message.
    /// - Returns: The 32-byte digest.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        let status = bytes.withUnsafeBytes { message in
            digest.withUnsafeMutableBufferPointer { output in
                // A non-nil pointer even for an empty message.
                EVP_Digest(
                    message.baseAddress ?? UnsafeRawPointer(output.baseAddress!), message.count,
                    output.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        // Only an allocation failure inside OpenSSL can make a one-shot digest fail.
        guard status == 1, length == UInt32(byteCount) else {
            fatalError("\(CryptographyError.openSSL("EVP_Digest"))")
        }
        return digest
    }

    /// Hashes the UTF-8 bytes of a string.
    /// - Parameter string: The message.
    /// - Returns: The 32-byte digest.
    public static func hash(_ string: String) -> [UInt8] {
        hash(Array(string.utf8))
    }

    /// Hashes the UTF-8 bytes of a string and returns the digest as lowercase hex, the form to
    /// store in a text column.
    /// - Parameter string: The message.
    /// - Returns: 64 lowercase hex digits.
    public static func hexHash(_ string: String) -> String {
        Hex.encode(hash(string))
    }
}
