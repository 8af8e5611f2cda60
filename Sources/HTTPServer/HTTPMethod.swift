/// An HTTP request method. A struct rather than an enum so that extension methods
/// (PROPFIND, …) parse without a special case; the common ones are constants.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method token as sent, case-sensitive (RFC 9110 §9.1).
    public let rawValue: String
    /// Wraps any method token; the parser has already checked it is a token.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The method token, for logs.
    public var description: String { rawValue }

    /// Common methods, shared so the parser allocates nothing for them.
    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
}
