internal import COpenSSL

/// Raw password-based key derivation through OpenSSL, with no encoding and no limits beyond
/// OpenSSL's own; ``PasswordAlgorithm`` validates costs before it calls here.
///
/// Internal so tests can check it against published vectors (RFC 7914, RFC 6070 style).
enum KeyDerivation {
    /// The memory cap handed to `EVP_PBE_scrypt`: its default of 32 MiB refuses N = 2^17, r = 8,
    /// which needs 128 MiB (MEASURED.md).
    static let scryptMaxMemory: UInt64 = 256 * 1024 * 1024

    /// PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) via `PKCS5_PBKDF2_HMAC`.
    static func pbkdf2SHA256(
        password: [UInt8], salt: [UInt8], iterations: Int, keyLength: Int
    ) throws -> [UInt8] {
        guard iterations >= 1, iterations <= Int(Int32.max), keyLength >= 1,
            keyLength <= Int(Int32.max), password.count <= Int(Int32.max),
            salt.count <= Int(Int32.max)
        else {
            throw CryptographyError(.unsupportedParameters, "PBKDF2 input out of range")
        }
        var key = [UInt8](repeating: 0, count: keyLength)
        let status = withNonNilBytes(password) { passwordBytes in
            withNonNilBytes(salt) { saltBytes in
                key.withUnsafeMutableBufferPointer { output in
                    PKCS5_PBKDF2_HMAC(
                        passwordBytes.assumingMemoryBound(to: CChar.self), Int32(password.count),
                        saltBytes.assumingMemoryBound(to: UInt8.self), Int32(salt.count),
                        Int32(iterations), EVP_sha256(), Int32(keyLength), output.baseAddress)
                }
            }
        }
        guard status == 1 else { throw CryptographyError.openSSL("PKCS5_PBKDF2_HMAC") }
        return key
    }

    /// scrypt (RFC 7914) via `EVP_PBE_scrypt`, with N = 2^`logN`.
    static func scrypt(
        password: [UInt8], salt: [UInt8], logN: Int, r: Int, p: Int, keyLength: Int
    ) throws -> [UInt8] {
        guard (1...62).contains(logN), r >= 1, p >= 1, keyLength >= 1 else {
            throw CryptographyError(.unsupportedParameters, "scrypt input out of range")
        }
        var key = [UInt8](repeating: 0, count: keyLength)
        let status = withNonNilBytes(password) { passwordBytes in
            withNonNilBytes(salt) { saltBytes in
                key.withUnsafeMutableBufferPointer { output in
                    EVP_PBE_scrypt(
                        passwordBytes.assumingMemoryBound(to: CChar.self), password.count,
                        saltBytes.assumingMemoryBound(to: UInt8.self), salt.count,
                        UInt64(1) << UInt64(logN), UInt64(r), UInt64(p), scryptMaxMemory,
                        output.baseAddress, keyLength)
                }
            }
        }
        guard status == 1 else { throw CryptographyError.openSSL("EVP_PBE_scrypt") }
        return key
    }

    /// Runs `body` with a pointer to the bytes that is never nil, even for an empty array:
    /// OpenSSL treats NULL inputs differently across functions and versions.
    private static func withNonNilBytes<Result>(
        _ bytes: [UInt8], _ body: (UnsafeRawPointer) -> Result
    ) -> Result {
        if bytes.isEmpty {
            var placeholder: UInt8 = 0
            return withUnsafePointer(to: &placeholder) { body(UnsafeRawPointer($0)) }
        }
        return bytes.withUnsafeBytes { body($0.baseAddress!) }
    }

    /// Overwrites secret bytes in a way the optimizer cannot remove, so derived keys and password
    /// copies do not linger in freed memory.
    static func cleanse(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { OPENSSL_cleanse(base, buffer.count) }
        }
    }
}
