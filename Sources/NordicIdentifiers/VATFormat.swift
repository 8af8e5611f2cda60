// European Commission, VIES "VAT number validation" FAQ (formats per member state); XI from
// the Windsor Framework; Norway's "NO…MVA" from Skatteetaten (Norway is not in the EU VAT area).
/// The shape of one country's VAT number after its two-letter prefix, as a few fixed-length
/// patterns: `#` a digit, `@` a letter, `*` a letter or digit, anything else itself.
struct VATFormat: Sendable {
    /// The prefix, such as `DE`; Greece uses `EL`, not its ISO code `GR`.
    let prefix: String
    /// The country's English name, for messages.
    let country: String
    /// Every accepted shape of the part after the prefix.
    let patterns: [String]
    /// The shapes in words, completing "should be …".
    let shape: String

    /// Whether the part after the prefix has one of the accepted shapes.
    func matches(_ body: ArraySlice<UInt8>) -> Bool {
        patterns.contains { pattern in
            pattern.utf8.count == body.count
                && zip(pattern.utf8, body).allSatisfy { symbol, byte in
                    switch symbol {
                    case UInt8(ascii: "#"): IdentifierScanner.isDigit(byte)
                    case UInt8(ascii: "@"): IdentifierScanner.isLetter(byte)
                    case UInt8(ascii: "*"): IdentifierScanner.isDigit(byte) || IdentifierScanner.isLetter(byte)
                    default: symbol == byte
                    }
                }
        }
    }

    /// The format for a prefix, or nil when the prefix is not an EU member state, XI or NO.
    static func named(_ prefix: String) -> VATFormat? { all.first { $0.prefix == prefix } }

    /// `count` digits as a pattern.
    private static func digits(_ count: Int) -> String { String(repeating: "#", count: count) }

    /// The 27 member states, Northern Ireland and Norway.
    static let all: [VATFormat] = [
        VATFormat(prefix: "AT", country: "Austria", patterns: ["U" + digits(8)], shape: "ATU followed by 8 digits"),
        VATFormat(
            prefix: "BE", country: "Belgium", patterns: ["0" + digits(9), "1" + digits(9)],
            shape: "BE followed by 10 digits starting with 0 or 1"),
        VATFormat(prefix: "BG", country: "Bulgaria", patterns: [digits(9), digits(10)], shape: "BG followed by 9 or 10 digits"),
        VATFormat(prefix: "CY", country: "Cyprus", patterns: [digits(8) + "@"], shape: "CY followed by 8 digits and a letter"),
        VATFormat(
            prefix: "CZ", country: "Czechia", patterns: [digits(8), digits(9), digits(10)], shape: "CZ followed by 8, 9 or 10 digits"),
        VATFormat(prefix: "DE", country: "Germany", patterns: [digits(9)], shape: "DE followed by 9 digits"),
        VATFormat(prefix: "DK", country: "Denmark", patterns: [digits(8)], shape: "DK followed by the 8-digit CVR number"),
        VATFormat(prefix: "EE", country: "Estonia", patterns: [digits(9)], shape: "EE followed by 9 digits"),
        VATFormat(prefix: "EL", country: "Greece", patterns: [digits(9)], shape: "EL followed by 9 digits"),
        VATFormat(
            prefix: "ES", country: "Spain", patterns: ["*" + digits(7) + "*"],
            shape: "ES followed by a letter or digit, 7 digits and a letter or digit"),
        VATFormat(
            prefix: "FI", country: "Finland", patterns: [digits(8)],
            shape: "FI followed by the 8 digits of the business ID, without the dash"),
        VATFormat(
            prefix: "FR", country: "France", patterns: ["**" + digits(9)], shape: "FR followed by 2 letters or digits and 9 digits"),
        VATFormat(prefix: "HR", country: "Croatia", patterns: [digits(11)], shape: "HR followed by 11 digits"),
        VATFormat(prefix: "HU", country: "Hungary", patterns: [digits(8)], shape: "HU followed by 8 digits"),
        VATFormat(
            prefix: "IE", country: "Ireland", patterns: [digits(7) + "@", digits(7) + "@@", "#*" + digits(5) + "@"],
            shape: "IE followed by 7 digits and 1 or 2 letters, or the old form 1X23456X"),
        VATFormat(prefix: "IT", country: "Italy", patterns: [digits(11)], shape: "IT followed by 11 digits"),
        VATFormat(prefix: "LT", country: "Lithuania", patterns: [digits(9), digits(12)], shape: "LT followed by 9 or 12 digits"),
        VATFormat(prefix: "LU", country: "Luxembourg", patterns: [digits(8)], shape: "LU followed by 8 digits"),
        VATFormat(prefix: "LV", country: "Latvia", patterns: [digits(11)], shape: "LV followed by 11 digits"),
        VATFormat(prefix: "MT", country: "Malta", patterns: [digits(8)], shape: "MT followed by 8 digits"),
        VATFormat(
            prefix: "NL", country: "the Netherlands", patterns: [digits(9) + "B" + digits(2)],
            shape: "NL followed by 9 digits, B and 2 digits"),
        VATFormat(prefix: "PL", country: "Poland", patterns: [digits(10)], shape: "PL followed by 10 digits"),
        VATFormat(prefix: "PT", country: "Portugal", patterns: [digits(9)], shape: "PT followed by 9 digits"),
        VATFormat(prefix: "RO", country: "Romania", patterns: (2...10).map(digits), shape: "RO followed by 2 to 10 digits"),
        VATFormat(
            prefix: "SE", country: "Sweden", patterns: [digits(10) + "01"], shape: "SE followed by the 10-digit organisation number and 01"),
        VATFormat(prefix: "SI", country: "Slovenia", patterns: [digits(8)], shape: "SI followed by 8 digits"),
        VATFormat(prefix: "SK", country: "Slovakia", patterns: [digits(10)], shape: "SK followed by 10 digits"),
        VATFormat(
            prefix: "XI", country: "Northern Ireland", patterns: [digits(9), digits(12), "GD" + digits(3), "HA" + digits(3)],
            shape: "XI followed by 9 or 12 digits, or GD or HA and 3 digits"),
        VATFormat(
            prefix: "NO", country: "Norway", patterns: [digits(9) + "MVA"], shape: "NO followed by the 9-digit organisation number and MVA"),
    ]
}
