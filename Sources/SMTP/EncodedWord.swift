/// Header text beyond ASCII as RFC 2047 encoded words (`=?UTF-8?Q?V=C3=A4lkommen?=`), and the
/// folding of header fields into lines of at most 76 characters (RFC 5322 §2.1.1, §2.2.3).
public enum EncodedWord {
    /// RFC 2047 §2: an encoded word is at most 75 characters.
    public static let maxWordLength = 75
    static let prefix = "=?UTF-8?Q?"
    static let suffix = "?="
    private static let literal = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/".utf8)

    /// Whether text must be encoded to go into a header: anything beyond printable ASCII and
    /// single spaces, a `=?` a reader could take for an encoded word, or a word too long to fold.
    static func needsEncoding(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if bytes.contains(where: { $0 < 0x20 || $0 >= 0x7F }) { return true }
        if text.contains("=?") || text.contains("  ") || text.hasPrefix(" ") || text.hasSuffix(" ") { return true }
        return text.split(separator: " ").contains { $0.utf8.count > 60 }
    }

    /// The text as Q-encoded words of at most `maxLength` characters (75, §2), split between
    /// characters (never inside one, §5). Spaces become `_`, so the words may be folded
    /// anywhere between them. Only letters, digits and `! * + - /` stay as they are: the set
    /// §5 (3) allows even in a display name.
    public static func encode(_ text: String, maxLength: Int = maxWordLength) -> [String] {
        let hex = "0123456789ABCDEF".map(String.init)
        // The longest piece is one four-byte character: 12 characters.
        let room = max(12, min(maxLength, maxWordLength) - prefix.utf8.count - suffix.utf8.count)
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            let piece: String
            if scalar == " " {
                piece = "_"
            } else if scalar.value < 0x80, literal.contains(UInt8(scalar.value)) {
                piece = String(scalar)
            } else {
                piece = String(scalar).utf8.map { byte in "=" + hex[Int(byte >> 4)] + hex[Int(byte & 0x0F)] }.joined()
            }
            if current.utf8.count + piece.utf8.count > room {
                words.append(prefix + current + suffix)
                current = ""
            }
            current += piece
        }
        if !current.isEmpty || words.isEmpty { words.append(prefix + current + suffix) }
        return words
    }

    /// A header field folded into lines of at most 76 characters where its tokens allow:
    /// tokens are separated by single spaces and a line break goes only between them.
    /// - Returns: the field with CRLF after each line.
    static func fold(name: String, tokens: [String]) -> [UInt8] {
        var lines: [String] = []
        var current = "\(name):"
        for token in tokens {
            if current.utf8.count + 1 + token.utf8.count > QuotedPrintable.maxLineLength && current.utf8.count > name.utf8.count + 1 {
                lines.append(current)
                current = ""
            }
            current += " " + token
        }
        lines.append(current)
        return Array(lines.joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
    }

    /// Header text as tokens: its words when it can go as it is, else encoded words short
    /// enough that even the first, after `Field: `, keeps its line within 76 characters.
    static func tokens(_ text: String, field: String) -> [String] {
        guard needsEncoding(text) else { return text.split(separator: " ").map(String.init) }
        return encode(text, maxLength: QuotedPrintable.maxLineLength - field.utf8.count - 2)
    }
}
