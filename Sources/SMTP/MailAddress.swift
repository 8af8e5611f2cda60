/// A mailbox for a header: an address and an optional display name
/// (`"Kauppa Åkerö" <shop@example.fi>`, RFC 5322 §3.4).
public struct MailAddress: Sendable, Equatable {
    public var address: String
    public var displayName: String?

    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// The mailbox as header tokens: the name as atoms when it is plain, as a quoted string
    /// when it has specials, as encoded words beyond ASCII (RFC 2047 §5 (3)); then `<address>`.
    /// An address beyond ASCII stays as it is (RFC 6532, sent only with SMTPUTF8).
    func tokens(field: String) -> [String] {
        let name = (displayName ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingSpaces()
        guard !name.isEmpty else { return ["<\(address)>"] }
        if EncodedWord.needsEncoding(name) {
            return EncodedWord.tokens(name, field: field) + ["<\(address)>"]
        }
        if name.utf8.allSatisfy({ Self.atext.contains($0) || $0 == 0x20 }) {
            return name.split(separator: " ").map(String.init) + ["<\(address)>"]
        }
        let quoted = name.replacingBackslashesAndQuotes()
        return ["\"\(quoted)\"", "<\(address)>"]
    }

    /// RFC 5322 §3.2.3 atext: what a display name may hold without quotes.
    private static let atext = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~".utf8)

    /// Whether the address can go into a header and an SMTP command: an `@` with text on both
    /// sides, no spaces, controls or angle brackets (a CR or LF would start a new command).
    public var isUsable: Bool { Self.isUsable(address) }

    static func isUsable(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1, bytes.count <= 254 else { return false }
        return !bytes.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }

    /// RFC 5322 §3.2.4: inside a quoted string, `\` and `"` are escaped with `\`.
    fileprivate func replacingBackslashesAndQuotes() -> String {
        var out = ""
        for character in self {
            if character == "\\" || character == "\"" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
