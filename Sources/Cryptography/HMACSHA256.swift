internal import COpenSSL

/// HMAC-SHA256 (RFC 2104), for signing values the server hands out and later gets back, such as
/// CSRF tokens and signed links.
public enum HMACSHA256 {
    /// The authentication code length in bytes.
    public static let byteCount = 32

    /// Computes the authentication code of a message.
    ///
    /// Compare codes with ``ConstantTime/equals(_:_:)``, never with `==`.
    /// - Parameters:
    ///   - key: The secret key; 32 random bytes is the usual choice.
    ///   - message: The message to authenticate.
    /// - Returns: The 32-byte code.
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        precondition(key.count <= Int(Int32.max), "HMACSHA256: key too long")
        var code = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        // Non-nil pointers even for empty inputs, so OpenSSL never sees NULL.
        var placeholder: UInt8 = 0
        let result = withUnsafeMutablePointer(to: &placeholder) { empty in
            key.withUnsafeBytes { keyBytes in
                message.withUnsafeBufferPointer { messageBytes in
                    code.withUnsafeMutableBufferPointer { output in
                        HMAC(
                            EVP_sha256(),
                            keyBytes.baseAddress ?? UnsafeRawPointer(empty), Int32(keyBytes.count),
                            messageBytes.baseAddress ?? UnsafePointer(empty), messageBytes.count,
                            output.baseAddress, &length)
                    }
                }
            }
        }
        // Only an allocation failure inside OpenSSL can make a one-shot HMAC fail.
        guard result != nil, length == UInt32(byteCount) else {
            fatalError("\(CryptographyError.openSSL("HMAC"))")
        }
        return code
    }
}
