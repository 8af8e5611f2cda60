/// Normalises telephone numbers to E.164 (`+358401234567`), the one form that is stored,
/// searched, exported for marketing and handed to SMS gateways.
public enum PhoneNumber {
    /// Normalises a phone number to E.164.
    ///
    /// Accepts international forms (`+358 40 123 4567`, `00358 40 123 4567`, `+46 (0)70-123 45 67`)
    /// and national forms of `defaultCountry`: with the trunk 0 in Finland and Sweden
    /// (`040 123 4567`, `(09) 123 4567`, `070-123 45 67`), eight digits in Norway (`412 34 567`)
    /// and Denmark (`20 12 34 56`). Spaces, dashes, dots, slashes and parentheses are ignored;
    /// a `(0)` after the country code and a Finnish or Swedish trunk 0 written after it
    /// (`+358 040…`) are dropped, as they are never dialled from abroad.
    ///
    /// Lengths of the national significant number, from the national numbering plans: Finland
    /// 5-12 digits, Sweden 7-10, Norway 8, Denmark 8; other countries at least 4 digits after
    /// the country code and at most 15 in all (ITU-T E.164). Whether a number is in service is
    /// not checked.
    /// - Parameters:
    ///   - text: The number as typed.
    ///   - defaultCountry: The country of a number written without a country code.
    /// - Returns: `+`, the country code and the national significant number.
    /// - Throws: ``IdentifierError`` with field `phone_number` saying what is wrong.
    public static func e164(_ text: String, defaultCountry: NordicCountry) throws(IdentifierError) -> String {
        var (digits, isInternational) = try scan(text)
        if !isInternational && digits.starts(with: "00".utf8) {
            digits.removeFirst(2)  // 00 is the international prefix in all four countries
            isInternational = true
        }
        let callingCode: ArraySlice<UInt8>
        var national: ArraySlice<UInt8>
        let country: NordicCountry?
        if isInternational {
            guard digits[0] != UInt8(ascii: "0") else { throw error("The country code of a phone number cannot start with 0.") }
            let split = callingCodeLength(digits)
            callingCode = digits[..<split]
            national = digits[split...]
            country = NordicCountry.allCases.first { $0.callingCode.utf8.elementsEqual(callingCode) }
            if let country, hasTrunkPrefix(country), national.first == UInt8(ascii: "0") { national.removeFirst() }
        } else {
            country = defaultCountry
            callingCode = ArraySlice(defaultCountry.callingCode.utf8)
            national = digits[...]
            if hasTrunkPrefix(defaultCountry) {
                guard national.first == UInt8(ascii: "0") else {
                    throw error(
                        "A \(defaultCountry.adjective) phone number without a country code starts with 0; otherwise add +\(defaultCountry.callingCode)."
                    )
                }
                national.removeFirst()
            }
        }
        if let country {
            let lengths = nationalLengths(country)
            let expected = lengths.count == 1 ? "\(lengths.lowerBound)" : "\(lengths.lowerBound) to \(lengths.upperBound)"
            let after = hasTrunkPrefix(country) ? "+\(country.callingCode) or the leading 0" : "+\(country.callingCode)"
            guard lengths.contains(national.count) else {
                throw error("A \(country.adjective) phone number should have \(expected) digits after \(after), not \(national.count).")
            }
            guard national.first != UInt8(ascii: "0") else {
                throw error("A \(country.adjective) phone number cannot start with 0 after \(after).")
            }
        } else {
            let code = String(decoding: callingCode, as: UTF8.self)
            guard national.count >= 4 else {
                throw error("A phone number with the country code +\(code) should have at least 4 digits after it.")
            }
            guard callingCode.count + national.count <= 15 else {
                throw error("A phone number may have at most 15 digits, the country code included (E.164).")
            }
        }
        return "+" + String(decoding: callingCode + national, as: UTF8.self)
    }

    /// The digits of `text` and whether it started with `+`; drops separators and a `(0)`
    /// after an international prefix.
    private static func scan(_ text: String) throws(IdentifierError) -> (digits: [UInt8], isInternational: Bool) {
        let noun = "phone number"
        let allowed = "digits, spaces, dashes, dots, slashes, parentheses and a leading +"
        try IdentifierScanner.checkLength(text, noun: noun, field: .phoneNumber)
        var digits: [UInt8] = []
        var hasPlus = false
        var group: [UInt8]?  // digits inside an open parenthesis
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || IdentifierScanner.isDash(scalar) { continue }
            guard scalar.isASCII else {
                throw IdentifierScanner.foreignCharacterError(scalar, noun: noun, field: .phoneNumber, allowed: allowed)
            }
            let byte = UInt8(scalar.value)
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if group == nil { digits.append(byte) } else { group?.append(byte) }
            case UInt8(ascii: "+"):
                guard !hasPlus, digits.isEmpty, group == nil else { throw error("A + may appear only at the start of the phone number.") }
                hasPlus = true
            case UInt8(ascii: "."), UInt8(ascii: "/"):
                continue
            case UInt8(ascii: "("):
                guard group == nil else { throw error("The parentheses in the phone number do not match.") }
                group = []
            case UInt8(ascii: ")"):
                guard let inner = group else { throw error("The parentheses in the phone number do not match.") }
                // "+358 (0)40 …": the bracketed trunk 0 is dialled only inside the country.
                let isBracketedTrunk = inner == [UInt8(ascii: "0")] && (hasPlus || digits.starts(with: "00".utf8))
                if !isBracketedTrunk { digits += inner }
                group = nil
            default:
                throw error("The \(noun) may contain only \(allowed).")
            }
        }
        guard group == nil else { throw error("The parentheses in the phone number do not match.") }
        if digits.isEmpty {
            if hasPlus { throw error("The phone number has no digits after the +.") }
            throw error(
                text.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? "The phone number is empty." : "The phone number has no digits."
            )
        }
        return (digits, hasPlus)
    }

    /// Finland and Sweden dial a trunk 0 before national numbers; Norway and Denmark do not.
    private static func hasTrunkPrefix(_ country: NordicCountry) -> Bool { country == .finland || country == .sweden }

    /// How many digits may follow the country code.
    private static func nationalLengths(_ country: NordicCountry) -> ClosedRange<Int> {
        switch country {
        case .finland: 5...12
        case .sweden: 7...10
        case .norway, .denmark: 8...8
        }
    }

    /// The length of the country calling code at the start of `digits`. Country codes are
    /// prefix-free: 1 and 7 are the one-digit codes, the list below the two-digit ones, and
    /// every other code has three digits.
    private static func callingCodeLength(_ digits: [UInt8]) -> Int {
        // ITU-T, list of E.164 assigned country codes (annex to the ITU Operational Bulletin).
        let first = Int(digits[0] - UInt8(ascii: "0"))
        if first == 1 || first == 7 { return 1 }
        guard digits.count >= 2 else { return 1 }
        let two = first * 10 + Int(digits[1] - UInt8(ascii: "0"))
        return twoDigitCodes.contains(two) ? 2 : min(3, digits.count)
    }

    private static let twoDigitCodes: Set<Int> = [
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58,
        60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
    ]

    private static func error(_ message: String) -> IdentifierError { IdentifierError(.phoneNumber, message) }
}
