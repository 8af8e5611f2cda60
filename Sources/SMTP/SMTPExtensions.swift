/// What a server offers in its EHLO reply (RFC 5321 §4.1.1.1): one keyword per line after
/// the greeting, with parameters (`SIZE 10240000`, `AUTH PLAIN LOGIN`).
public struct SMTPExtensions: Sendable, Equatable {
    /// Keywords upper-cased, each with its parameters.
    public let keywords: [String: [String]]

    /// No extensions: the server answered HELO, or EHLO has not been sent.
    public static let none = SMTPExtensions(keywords: [:])

    init(keywords: [String: [String]]) {
        self.keywords = keywords
    }

    /// Reads the EHLO reply; its first line is the server's greeting, not an extension.
    init(ehlo reply: SMTPReply) {
        var keywords: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            keywords[keyword] = Array(words.dropFirst())
        }
        self.keywords = keywords
    }

    public func supports(_ keyword: String) -> Bool { keywords[keyword.uppercased()] != nil }

    /// The SASL mechanisms after AUTH, upper-cased.
    public var authMechanisms: Set<String> { Set((keywords["AUTH"] ?? []).map { $0.uppercased() }) }

    /// The largest message the server takes (SIZE, RFC 1870), nil when it names no limit.
    public var maximumSize: Int? {
        guard let text = keywords["SIZE"]?.first, let size = Int(text), size > 0 else { return nil }
        return size
    }
}
