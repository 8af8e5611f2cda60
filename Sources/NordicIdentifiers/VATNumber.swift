/// Validates and normalises VAT numbers: every EU member state's by format, Northern Ireland's
/// `XI` numbers, and Norway's `NO…MVA` numbers, which Nordic invoices carry although Norway is
/// outside the EU.
///
/// The four Nordic numbers embed the national business ID, so their check digits are checked
/// too; other countries' numbers are checked by shape only. Whether a number is registered is
/// for VIES (or Norway's register) to say.
public enum VATNumber {
    /// Validates a VAT number and returns it uppercased without spaces, dots or dashes.
    ///
    /// Accepts `fi 1572 8600`, `SE 556703-7485 01`, `NO 923 609 016 MVA`; `GR` is accepted for
    /// Greece and stored as `EL`, the prefix VIES uses.
    /// - Parameter text: The number as typed, with its country prefix.
    /// - Returns: The normalised number, such as `FI15728600`.
    /// - Throws: ``IdentifierError`` with field `vat_number` saying what is wrong.
    public static func validate(_ text: String) throws(IdentifierError) -> String {
        let noun = "VAT number"
        var bytes = try IdentifierScanner.scan(
            text, noun: noun, field: .vatNumber, allowed: "letters, digits, spaces, dots and dashes",
            isAllowed: { byte in
                IdentifierScanner.isDigit(byte) || IdentifierScanner.isLetter(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".")
            })
        bytes.removeAll { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        guard bytes.count >= 2, IdentifierScanner.isLetter(bytes[0]), IdentifierScanner.isLetter(bytes[1]) else {
            throw IdentifierError(.vatNumber, "The \(noun) should start with a two-letter country code, as in FI15728600.")
        }
        var prefix = String(decoding: bytes[..<2], as: UTF8.self)
        if prefix == "GR" { prefix = "EL" }
        guard let format = VATFormat.named(prefix) else {
            throw IdentifierError(
                .vatNumber,
                "The \(noun) should start with the code of an EU member state, XI for Northern Ireland or NO for Norway; its first two letters are none of these."
            )
        }
        let body = bytes[2...]
        guard format.matches(body) else {
            throw IdentifierError(.vatNumber, "A \(noun) from \(format.country) should be \(format.shape).")
        }
        let digits = IdentifierScanner.digitValues(body.prefix { IdentifierScanner.isDigit($0) })
        switch prefix {
        case "FI":
            try BusinessID.checkFinnish(digits, noun: "Finnish \(noun)", field: .vatNumber)
        case "SE":
            try BusinessID.checkSwedish(Array(digits[..<10]), noun: "Swedish \(noun)", field: .vatNumber)
        case "DK":
            guard digits[0] != 0 else { throw IdentifierError(.vatNumber, "A Danish \(noun) does not start with DK0.") }
            try BusinessID.checkDanish(digits, noun: "Danish \(noun)", field: .vatNumber)
        case "NO":
            guard digits[0] >= 8 else { throw IdentifierError(.vatNumber, "A Norwegian \(noun) starts with NO8 or NO9.") }
            try BusinessID.checkNorwegian(digits, noun: "Norwegian \(noun)", field: .vatNumber)
        default:
            break
        }
        return prefix + String(decoding: body, as: UTF8.self)
    }

    /// The VAT number a company has for its national business ID, once it is VAT-registered:
    /// `1572860-0` in Finland gives `FI15728600`, `556703-7485` in Sweden `SE556703748501`,
    /// `923609016` in Norway `NO923609016MVA`, `25313763` in Denmark `DK25313763`.
    /// - Parameters:
    ///   - id: The business ID as typed; it is validated first.
    ///   - country: The country that issued it.
    /// - Returns: The VAT number, normalised as ``validate(_:)`` returns it.
    /// - Throws: ``IdentifierError`` with field `business_id` when the business ID is invalid.
    public static func derive(fromBusinessID id: String, country: NordicCountry) throws(IdentifierError) -> String {
        // Verohallinto (FI: "FI" + Y-tunnus without the dash), Skatteverket (SE: "SE" + the
        // organisation number + "01"), Skatteetaten (NO: "NO" + number + "MVA"), Skattestyrelsen (DK).
        let digits = try BusinessID.validate(id, country: country).filter { $0 != "-" }
        switch country {
        case .finland: return "FI" + digits
        case .sweden: return "SE" + digits + "01"
        case .norway: return "NO" + digits + "MVA"
        case .denmark: return "DK" + digits
        }
    }
}
