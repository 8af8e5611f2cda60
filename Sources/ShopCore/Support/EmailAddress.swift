/// A practical email check: one `@`, a non-empty local part, a dotted domain, no spaces or
/// control characters. Deliverability is proven by the email itself, not by a pattern.
/// Works on UTF-8 bytes, since it runs for every imported row.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= 254 else { return false }
        var at: Int?
        var index = 0
        for byte in bytes {
            if byte <= 0x20 || byte == 0x7F { return false }
            if byte == UInt8(ascii: "@") {
                guard at == nil else { return false }
                at = index
            }
            index += 1
        }
        guard let at, at > 0, at <= 64 else { return false }
        if text.unicodeScalars.contains(where: { $0.value >= 0x80 && $0.properties.isWhitespace }) { return false }
        let domain = Array(bytes)[(at + 1)...]
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard let first = label.first, let last = label.last, first != UInt8(ascii: "-"), last != UInt8(ascii: "-") else {
                return false
            }
        }
        return labels.last!.count >= 2
    }

    /// The form stored and compared: trimmed and lower-cased.
    public static func normalized(_ text: String) -> String {
        text.trimmedWhitespace().lowercased()
    }
}
