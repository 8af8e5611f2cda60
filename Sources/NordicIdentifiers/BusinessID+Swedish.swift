extension BusinessID {
    /// Validates a Swedish organisation number (organisationsnummer) and returns it as `556703-7485`.
    ///
    /// Accepts ten digits with or without the dash, and the twelve-digit forms some systems
    /// use: `16` before a company's number, `19` or `20` before a sole trader's personal
    /// identity number. A sole trader (enskild firma) has no number of its own and uses the
    /// owner's personnummer; it is accepted unless `allowsSoleTraders` is false, and must then
    /// start with a date (YYMMDD, or day + 60 for a samordningsnummer). The century is dropped:
    /// the organisation number is the ten digits.
    /// - Parameters:
    ///   - text: The number as typed.
    ///   - allowsSoleTraders: Whether a personal identity number is accepted; false for fields
    ///     that need a legal person.
    /// - Returns: Six digits, a dash and four digits.
    /// - Throws: ``IdentifierError`` for a wrong shape, date or check digit.
    public static func swedish(_ text: String, allowsSoleTraders: Bool = true) throws(IdentifierError) -> String {
        // Skatteverket, SKV 709 Organisationsnummer: the third digit of a legal person's number
        // is 2 or more (a personnummer has a month there); the tenth digit is a Luhn digit.
        let noun = "Swedish organisation number"
        let bytes = try IdentifierScanner.scan(
            text, noun: noun, field: .businessID, allowed: "the digits 0-9 and a dash",
            isAllowed: { IdentifierScanner.isDigit($0) || $0 == UInt8(ascii: "-") })
        var digits = bytes.filter(IdentifierScanner.isDigit)
        // One optional dash, before the last four digits.
        let dashes = bytes.count - digits.count
        guard digits.count == 10 || digits.count == 12, dashes == 0 || (dashes == 1 && bytes[bytes.count - 5] == UInt8(ascii: "-")) else {
            throw IdentifierError(.businessID, "The \(noun) should have 10 digits, as in 556703-7485.")
        }
        var century: Int?
        if digits.count == 12 {
            century = Int(digits[0] - UInt8(ascii: "0")) * 10 + Int(digits[1] - UInt8(ascii: "0"))
            digits.removeFirst(2)
        }
        let values = IdentifierScanner.digitValues(digits)
        let isLegalPerson = values[2] >= 2
        if let century, !(isLegalPerson ? [16] : [19, 20]).contains(century) {
            throw IdentifierError(
                .businessID,
                "A 12-digit \(noun) is 16 followed by a company's number, or 19 or 20 followed by a sole trader's personal identity number."
            )
        }
        if !isLegalPerson {
            guard allowsSoleTraders else {
                throw IdentifierError(
                    .businessID,
                    "The \(noun) should belong to a legal person, whose third digit is 2 or more; this one is a personal identity number.")
            }
            let month = values[2] * 10 + values[3]
            let day = values[4] * 10 + values[5]
            guard (1...12).contains(month), (1...31).contains(day) || (61...91).contains(day) else {
                throw IdentifierError(
                    .businessID,
                    "The \(noun) has a third digit below 2, so it should be a sole trader's personal identity number starting with a date (YYMMDD), but it does not."
                )
            }
        }
        try checkSwedish(values, noun: noun, field: .businessID)
        return String(decoding: digits[..<6] + [UInt8(ascii: "-")] + digits[6...], as: UTF8.self)
    }
}
