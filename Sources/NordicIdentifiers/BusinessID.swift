/// Validates and normalises the national business IDs of the four Nordic countries: the
/// Finnish Y-tunnus, the Swedish organisationsnummer, the Norwegian organisasjonsnummer and the
/// Danish CVR number.
///
/// Each function accepts what people type or paste (spaces, no-break spaces, en dashes, the
/// usual prefixes) and returns the one form the record stores, so equal IDs compare equal.
/// It checks shape and check digit only: whether the company exists is for the national
/// register (YTJ, Bolagsverket, Brønnøysund, CVR) to say.
public enum BusinessID {
    /// Validates a business ID of the given country.
    /// - Parameters:
    ///   - text: The ID as typed.
    ///   - country: The country whose format applies.
    /// - Returns: The normalised ID, in the form the country's function documents.
    /// - Throws: ``IdentifierError`` with field `business_id` saying what is wrong.
    public static func validate(_ text: String, country: NordicCountry) throws(IdentifierError) -> String {
        switch country {
        case .finland: try finnish(text)
        case .sweden: try swedish(text)
        case .norway: try norwegian(text)
        case .denmark: try danish(text)
        }
    }

    /// Validates a Finnish business ID (Y-tunnus) and returns it as `1234567-8`.
    ///
    /// Accepts `1234567-8`, `12345678` and the old six-digit form `123456-7`, which gets the
    /// leading zero the Finnish Tax Administration says to add. The old form needs its dash:
    /// seven bare digits are more likely a mistyped eight.
    /// - Parameter text: The ID as typed.
    /// - Returns: The ID as seven digits, a dash and the check digit.
    /// - Throws: ``IdentifierError`` for a wrong shape or check digit; a wrong check digit
    ///   names the expected one.
    public static func finnish(_ text: String) throws(IdentifierError) -> String {
        let noun = "Finnish business ID"
        let bytes = try IdentifierScanner.scan(
            text, noun: noun, field: .businessID, allowed: "the digits 0-9 and a dash",
            isAllowed: { IdentifierScanner.isDigit($0) || $0 == UInt8(ascii: "-") })
        var digits: [UInt8]
        switch bytes.firstIndex(of: UInt8(ascii: "-")) {
        case nil where bytes.count == 8:
            digits = bytes
        case let dash? where (dash == 7 || dash == 6) && bytes.count == dash + 2:
            digits = Array(bytes[..<dash]) + [bytes[dash + 1]]
            if dash == 6 { digits.insert(UInt8(ascii: "0"), at: 0) }
        default:
            throw IdentifierError(
                .businessID, "The \(noun) should have seven digits, a dash and a check digit, as in 1234567-8.")
        }
        guard digits.allSatisfy(IdentifierScanner.isDigit) else {
            throw IdentifierError(.businessID, "The \(noun) may contain only one dash, before the check digit.")
        }
        try checkFinnish(IdentifierScanner.digitValues(digits), noun: noun, field: .businessID)
        return String(decoding: digits[..<7] + [UInt8(ascii: "-"), digits[7]], as: UTF8.self)
    }

    /// Validates a Norwegian organisation number (organisasjonsnummer) and returns its nine digits.
    ///
    /// Accepts spaces and the VAT-register form `NO 923 609 016 MVA`.
    /// - Parameter text: The number as typed.
    /// - Returns: The nine digits, such as `923609016`.
    /// - Throws: ``IdentifierError`` for a wrong shape or check digit.
    public static func norwegian(_ text: String) throws(IdentifierError) -> String {
        // Brønnøysundregistrene: nine digits, the first 8 or 9, the last a mod 11 check digit.
        let noun = "Norwegian organisation number"
        let digits = try scanDigits(text, noun: noun, prefix: "NO", suffix: "MVA", example: "NO 923 609 016 MVA")
        guard digits.count == 9 else {
            throw IdentifierError(.businessID, "The \(noun) should have 9 digits, not \(digits.count).")
        }
        guard digits[0] == UInt8(ascii: "8") || digits[0] == UInt8(ascii: "9") else {
            throw IdentifierError(.businessID, "A \(noun) starts with 8 or 9.")
        }
        try checkNorwegian(IdentifierScanner.digitValues(digits), noun: noun, field: .businessID)
        return String(decoding: digits, as: UTF8.self)
    }

    /// Validates a Danish CVR number and returns its eight digits.
    ///
    /// Accepts spaces and a `DK` prefix.
    /// - Parameter text: The number as typed.
    /// - Returns: The eight digits, such as `25313763`.
    /// - Throws: ``IdentifierError`` for a wrong shape or a failing check.
    public static func danish(_ text: String) throws(IdentifierError) -> String {
        // Erhvervsstyrelsen: eight digits, not starting with 0, whose weighted sum (2,7,6,5,4,3,2,1)
        // is divisible by 11.
        let noun = "Danish CVR number"
        let digits = try scanDigits(text, noun: noun, prefix: "DK", suffix: nil, example: "DK 25 31 37 63")
        guard digits.count == 8 else {
            throw IdentifierError(.businessID, "The \(noun) should have 8 digits, not \(digits.count).")
        }
        guard digits[0] != UInt8(ascii: "0") else { throw IdentifierError(.businessID, "A \(noun) does not start with 0.") }
        try checkDanish(IdentifierScanner.digitValues(digits), noun: noun, field: .businessID)
        return String(decoding: digits, as: UTF8.self)
    }

    /// Digits with spaces removed and an optional prefix and suffix dropped; any other letter is refused.
    private static func scanDigits(
        _ text: String, noun: String, prefix: String, suffix: String?, example: String
    ) throws(IdentifierError) -> [UInt8] {
        let allowed = "the digits 0-9 and spaces, as in \(example)"
        var bytes = try IdentifierScanner.scan(
            text, noun: noun, field: .businessID, allowed: allowed,
            isAllowed: { IdentifierScanner.isDigit($0) || IdentifierScanner.isLetter($0) })
        IdentifierScanner.dropPrefix(prefix, from: &bytes)
        if let suffix { IdentifierScanner.dropSuffix(suffix, from: &bytes) }
        guard bytes.allSatisfy(IdentifierScanner.isDigit) else {
            throw IdentifierError(.businessID, "The \(noun) may contain only \(allowed).")
        }
        return bytes
    }
}

extension BusinessID {
    /// Throws unless eight Y-tunnus digits carry the right check digit; shared with the VAT
    /// number and the OVT code, which embed a Y-tunnus.
    static func checkFinnish(_ digits: [Int], noun: String, field: IdentifierError.Field) throws(IdentifierError) {
        guard let expected = CheckDigit.finnish(digits[..<7]) else {
            throw IdentifierError(
                field, "No \(noun) starts with these seven digits (their check remainder is 1); look for a mistyped digit.")
        }
        try checkLast(digits, expected: expected, noun: noun, field: field)
    }

    /// Throws unless nine organisasjonsnummer digits carry the right check digit.
    static func checkNorwegian(_ digits: [Int], noun: String, field: IdentifierError.Field) throws(IdentifierError) {
        guard let expected = CheckDigit.norwegian(digits[..<8]) else {
            throw IdentifierError(
                field, "No \(noun) starts with these eight digits (their check digit would be 10); look for a mistyped digit.")
        }
        try checkLast(digits, expected: expected, noun: noun, field: field)
    }

    /// Throws unless eight CVR digits pass the modulus 11 check.
    static func checkDanish(_ digits: [Int], noun: String, field: IdentifierError.Field) throws(IdentifierError) {
        guard let expected = CheckDigit.danish(digits[..<7]) else {
            throw IdentifierError(
                field, "No \(noun) starts with these seven digits (the modulus 11 check cannot be met); look for a mistyped digit.")
        }
        try checkLast(digits, expected: expected, noun: noun, field: field, position: "last digit")
    }

    /// Throws unless ten organisationsnummer digits carry the right Luhn digit.
    static func checkSwedish(_ digits: [Int], noun: String, field: IdentifierError.Field) throws(IdentifierError) {
        try checkLast(digits, expected: CheckDigit.luhn(digits[..<9]), noun: noun, field: field)
    }

    private static func checkLast(
        _ digits: [Int], expected: Int, noun: String, field: IdentifierError.Field, position: String = "check digit"
    ) throws(IdentifierError) {
        let actual = digits[digits.count - 1]
        if actual != expected {
            throw IdentifierError(field, "The \(position) of the \(noun) should be \(expected), not \(actual).")
        }
    }
}
