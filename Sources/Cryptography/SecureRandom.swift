internal import COpenSSL

/// Random bytes from OpenSSL's CSPRNG, for salts, session ids and tokens that must be
/// unguessable.
public enum SecureRandom {
    /// Returns `count` bytes from `RAND_bytes`.
    ///
    /// Traps if the CSPRNG fails: that means the system cannot produce secure randomness, and
    /// carrying on with predictable salts or tokens would be worse than stopping.
    /// - Parameter count: How many bytes to return; must not be negative.
    /// - Returns: `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes: negative count")
        var result = [UInt8](repeating: 0, count: count)
        var offset = 0
        // RAND_bytes takes an Int32 length; fill in chunks so any Int count works.
        while offset < count {
            let chunk = min(count - offset, Int(Int32.max))
            let status = result.withUnsafeMutableBufferPointer { buffer in
                RAND_bytes(buffer.baseAddress! + offset, Int32(chunk))
            }
            guard status == 1 else {
                fatalError("\(CryptographyError.openSSL("RAND_bytes"))")
            }
            offset += chunk
        }
        return result
    }

    /// Returns a random token for URLs, cookies and headers: base64url without padding.
    ///
    /// - Parameter byteCount: How many random bytes the token carries; 32 bytes (256 bits, 43
    ///   characters) by default, far beyond guessing.
    /// - Returns: The encoded token, `ceil(byteCount * 4 / 3)` characters long.
    public static func token(byteCount: Int = 32) -> String {
        Base64URL.encode(bytes(byteCount))
    }
}
