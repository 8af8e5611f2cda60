/// A strict base64 codec (RFC 4648) for one alphabet, shared by ``Base64URL`` and the PHC
/// password-hash format (standard alphabet, no padding).
///
/// Strict means one text per byte string: no whitespace, no stray characters and no non-zero
/// leftover bits, so two different strings never decode to the same bytes.
struct Base64Codec: Sendable {
    /// The standard alphabet (`+` and `/`), as the PHC string format uses it.
    static let standard = Base64Codec(
        alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    /// The URL- and filename-safe alphabet (`-` and `_`), RFC 4648 §5.
    static let url = Base64Codec(
        alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    private let symbols: [UInt8]
    private let values: [UInt8]  // 256 entries, 0xFF for characters outside the alphabet

    private init(alphabet: String) {
        symbols = Array(alphabet.utf8)
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, symbol) in symbols.enumerated() { table[Int(symbol)] = UInt8(index) }
        values = table
    }

    /// Encodes bytes without padding.
    func encode(_ bytes: [UInt8]) -> String {
        var text = [UInt8]()
        text.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= bytes.count {
            let group =
                UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
                | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { text.append(symbols[Int(group >> UInt32(shift) & 0x3F)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            var group = UInt32(bytes[index]) << 16
            if rest == 2 { group |= UInt32(bytes[index + 1]) << 8 }
            let shifts = rest == 1 ? [18, 12] : [18, 12, 6]
            for shift in shifts { text.append(symbols[Int(group >> UInt32(shift) & 0x3F)]) }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes text in this alphabet.
    /// - Parameters:
    ///   - s: The text.
    ///   - allowPadding: Whether correct `=` padding may end the text; it is never required.
    /// - Returns: The bytes, or `nil` for any character outside the alphabet, a length no
    ///   encoding produces, wrong padding, or non-zero leftover bits.
    func decode(_ s: String, allowPadding: Bool) -> [UInt8]? {
        var text = Array(s.utf8)
        if allowPadding, text.last == UInt8(ascii: "=") {
            guard text.count % 4 == 0 else { return nil }
            text.removeLast()
            if text.last == UInt8(ascii: "=") { text.removeLast() }
            // Padding only stands in for a 2- or 3-character final group.
            guard text.count % 4 != 0 else { return nil }
        }
        guard text.count % 4 != 1 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.count * 3 / 4)
        var group: UInt32 = 0
        var bits = 0
        for symbol in text {
            let value = values[Int(symbol)]
            guard value != 0xFF else { return nil }
            group = group << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: group >> UInt32(bits)))
                group &= (1 << UInt32(bits)) - 1
            }
        }
        // RFC 4648 §3.5: leftover bits must be zero, or the text is not canonical.
        guard group == 0 else { return nil }
        return bytes
    }
}
