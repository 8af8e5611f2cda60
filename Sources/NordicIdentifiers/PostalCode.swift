/// Validates and normalises postal codes for addresses in any country, strictly for the four
/// Nordic countries and by a loose shape elsewhere.
public enum PostalCode {
    /// Validates a postal code for a country and returns its stored form.
    ///
    /// - Finland: 5 digits (`00100`). Posti.
    /// - Sweden: 5 digits not starting with 0, stored as `114 55`. PostNord Sverige.
    /// - Norway: 4 digits (`0150`). Posten Norge.
    /// - Denmark: 4 digits from 0555 to 9999: 1000-9999 are the geographic codes, and PostNord
    ///   also gives large receivers codes below 1000 (`0999 København C`).
    /// - Elsewhere: 1 to 10 letters, digits, spaces or dashes, uppercased with runs of spaces
    ///   made one (`SW1A 1AA`, `1012 AB`, `75008`).
    ///
    /// For the Nordic countries spaces are ignored and the old prefix with the country code
    /// (`FI-00100`, `DK-1050`) is dropped.
    /// - Parameters:
    ///   - text: The postal code as typed.
    ///   - country: The ISO 3166-1 alpha-2 code of the address's country, in any letter case.
    /// - Returns: The normalised postal code.
    /// - Throws: ``IdentifierError`` with field `postal_code`, or `country_code` when `country`
    ///   is not two letters A-Z.
    public static func validate(_ text: String, country: String) throws(IdentifierError) -> String {
        let countryCode = country.uppercased()
        guard countryCode.utf8.count == 2, countryCode.utf8.allSatisfy(IdentifierScanner.isLetter) else {
            throw IdentifierError(.countryCode, "The country code should be two letters A-Z (ISO 3166-1), such as FI.")
        }
        guard let nordic = NordicCountry(rawValue: countryCode) else { return try foreign(text) }
        var bytes = try IdentifierScanner.scan(
            text, noun: "postal code", field: .postalCode, allowed: "digits and spaces",
            isAllowed: { IdentifierScanner.isDigit($0) || IdentifierScanner.isLetter($0) || $0 == UInt8(ascii: "-") })
        IdentifierScanner.dropPrefix(countryCode + "-", from: &bytes)
        IdentifierScanner.dropPrefix(countryCode, from: &bytes)
        let name = "A \(nordic.adjective) postal code"
        switch nordic {
        case .finland, .sweden:
            let example = nordic == .finland ? "00100" : "114 55"
            guard bytes.count == 5, bytes.allSatisfy(IdentifierScanner.isDigit) else {
                throw IdentifierError(.postalCode, "\(name) should have 5 digits, as in \(example).")
            }
            guard nordic == .finland else {
                guard bytes[0] != UInt8(ascii: "0") else { throw IdentifierError(.postalCode, "\(name) does not start with 0.") }
                return String(decoding: bytes[..<3] + [UInt8(ascii: " ")] + bytes[3...], as: UTF8.self)
            }
        case .norway, .denmark:
            let example = nordic == .norway ? "0150" : "1050"
            guard bytes.count == 4, bytes.allSatisfy(IdentifierScanner.isDigit) else {
                throw IdentifierError(.postalCode, "\(name) should have 4 digits, as in \(example).")
            }
            if nordic == .denmark, let value = Int(String(decoding: bytes, as: UTF8.self)), value < 555 {
                throw IdentifierError(.postalCode, "\(name) is at least 0555; most are 1000 to 9999.")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Any other country: 1-10 of A-Z, 0-9, space and dash, at least one letter or digit.
    private static func foreign(_ text: String) throws(IdentifierError) -> String {
        let allowed = "letters A-Z, digits, spaces and dashes"
        try IdentifierScanner.checkLength(text, noun: "postal code", field: .postalCode)
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if let last = bytes.last, last != UInt8(ascii: " ") { bytes.append(UInt8(ascii: " ")) }
                continue
            }
            guard scalar.isASCII else {
                throw IdentifierScanner.foreignCharacterError(scalar, noun: "postal code", field: .postalCode, allowed: allowed)
            }
            var byte = UInt8(scalar.value)
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 32 }
            guard IdentifierScanner.isDigit(byte) || IdentifierScanner.isLetter(byte) || byte == UInt8(ascii: "-") else {
                throw IdentifierError(.postalCode, "The postal code may contain only \(allowed).")
            }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
        guard bytes.contains(where: { IdentifierScanner.isDigit($0) || IdentifierScanner.isLetter($0) }) else {
            throw IdentifierError(.postalCode, bytes.isEmpty ? "The postal code is empty." : "The postal code has no letters or digits.")
        }
        guard bytes.count <= 10 else { throw IdentifierError(.postalCode, "The postal code may have at most 10 characters.") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
