/// Base64url (RFC 4648 §5) for bytes that travel in URLs, cookies and headers, such as tokens.
public enum Base64URL {
    /// Encodes bytes with the URL-safe alphabet and no padding.
    /// - Parameter bytes: The bytes.
    /// - Returns: The text, `ceil(count * 4 / 3)` characters long.
    public static func encode(_ bytes: [UInt8]) -> String {
        Base64Codec.url.encode(bytes)
    }

    /// Decodes base64url text, with or without correct `=` padding.
    /// - Parameter s: The text; no whitespace and no characters of the standard alphabet (`+`, `/`).
    /// - Returns: The bytes, or `nil` if the text is not canonical base64url.
    public static func decode(_ s: String) -> [UInt8]? {
        Base64Codec.url.decode(s, allowPadding: true)
    }
}
