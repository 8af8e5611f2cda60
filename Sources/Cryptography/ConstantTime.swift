internal import COpenSSL

/// Comparisons whose running time does not depend on where two secrets differ, so an attacker
/// timing responses cannot recover a MAC or token byte by byte.
public enum ConstantTime {
    /// Tells whether two byte arrays are equal, reading every byte when the lengths match.
    ///
    /// Arrays of different lengths are unequal at once: lengths of MACs and hashes are public.
    /// - Parameters:
    ///   - a: One value, such as the expected MAC.
    ///   - b: The other value, such as the MAC a client sent.
    /// - Returns: Whether the arrays hold the same bytes.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }
}
