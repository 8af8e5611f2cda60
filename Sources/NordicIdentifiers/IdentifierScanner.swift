/// Reduces typed or pasted input to plain ASCII before a validator looks at its shape, so every
/// validator refuses the same things with the same words: empty input, over-long input, digits
/// from other scripts and characters the identifier never contains.
enum IdentifierScanner {
    /// No identifier here is longer than 20 characters even with spaces; anything past this is
    /// refused before any work is done on it.
    static let maximumInputBytes = 64

    /// The ASCII bytes of `text` with whitespace (including no-break spaces) removed, dash
    /// look-alikes (en dash, minus sign…) turned into `-` and letters uppercased.
    /// - Parameters:
    ///   - text: The raw input.
    ///   - noun: The identifier's name for messages, such as "Finnish business ID".
    ///   - field: The field reported in errors.
    ///   - allowed: What the identifier may contain, completing "may contain only …".
    ///   - isAllowed: Whether an ASCII byte (after uppercasing) is allowed.
    /// - Throws: ``IdentifierError`` when the input is empty, too long or has a character that
    ///   is not allowed.
    static func scan(
        _ text: String, noun: String, field: IdentifierError.Field, allowed: String,
        isAllowed: (UInt8) -> Bool
    ) throws(IdentifierError) -> [UInt8] {
        try checkLength(text, noun: noun, field: field)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace { continue }
            var byte: UInt8
            if isDash(scalar) {
                byte = UInt8(ascii: "-")
            } else if scalar.isASCII {
                byte = UInt8(scalar.value)
                if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 32 }
            } else {
                throw foreignCharacterError(scalar, noun: noun, field: field, allowed: allowed)
            }
            guard isAllowed(byte) else { throw IdentifierError(field, "The \(noun) may contain only \(allowed).") }
            bytes.append(byte)
        }
        if bytes.isEmpty { throw IdentifierError(field, "The \(noun) is empty.") }
        return bytes
    }

    /// Refuses input longer than ``maximumInputBytes`` UTF-8 bytes.
    static func checkLength(_ text: String, noun: String, field: IdentifierError.Field) throws(IdentifierError) {
        if text.utf8.count > maximumInputBytes {
            throw IdentifierError(field, "The \(noun) is too long: at most \(maximumInputBytes) characters are accepted.")
        }
    }

    /// The error for a non-ASCII character: a precise one for digits from other scripts
    /// (Arabic-Indic, full-width…), which look right to the user but are not 0-9.
    static func foreignCharacterError(
        _ scalar: Unicode.Scalar, noun: String, field: IdentifierError.Field, allowed: String
    ) -> IdentifierError {
        if scalar.properties.numericType == .decimal {
            return IdentifierError(field, "The \(noun) should be written with the digits 0-9 only.")
        }
        return IdentifierError(field, "The \(noun) may contain only \(allowed).")
    }

    /// Hyphen, non-breaking hyphen, figure dash, en dash, em dash and minus sign: what word
    /// processors and spreadsheets turn a typed `-` into.
    static func isDash(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2010...0x2014, 0x2212: true
        default: false
        }
    }

    /// Whether a byte is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Whether a byte is an uppercase ASCII letter.
    static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }

    /// The values 0-9 of ASCII digit bytes.
    static func digitValues<C: Collection<UInt8>>(_ bytes: C) -> [Int] { bytes.map { Int($0 - UInt8(ascii: "0")) } }

    /// Removes `prefix` from the start of `bytes` when it is there.
    static func dropPrefix(_ prefix: String, from bytes: inout [UInt8]) {
        if bytes.starts(with: prefix.utf8) { bytes.removeFirst(prefix.utf8.count) }
    }

    /// Removes `suffix` from the end of `bytes` when it is there.
    static func dropSuffix(_ suffix: String, from bytes: inout [UInt8]) {
        let count = suffix.utf8.count
        if bytes.count >= count && bytes.suffix(count).elementsEqual(suffix.utf8) { bytes.removeLast(count) }
    }
}
