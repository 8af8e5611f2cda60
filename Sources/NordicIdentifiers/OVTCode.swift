// TIEKE, OVT-tunnus rules: ICD 0037 (the ISO 6523 code for Finnish business IDs)
// + Y-tunnus (8 digits) + an organisation's own suffix of 0-5 characters.
/// Validates and builds Finnish OVT codes, the EDI addresses Finnish e-invoices are sent to.
///
/// An OVT code is `0037`, the eight digits of the company's Y-tunnus without the dash, and an
/// optional suffix of up to five digits or letters that names a unit or department.
public enum OVTCode {
    /// Validates an OVT code, including the check digit of the Y-tunnus inside it.
    /// - Parameter text: The code as typed; spaces and dashes are ignored, letters uppercased.
    /// - Returns: The code without spaces or dashes, such as `003715728600` or `00371572860000100`.
    /// - Throws: ``IdentifierError`` with field `ovt_code` saying what is wrong.
    public static func validate(_ text: String) throws(IdentifierError) -> String {
        let noun = "OVT code"
        var bytes = try IdentifierScanner.scan(
            text, noun: noun, field: .ovtCode, allowed: "digits, letters A-Z, spaces and dashes",
            isAllowed: { IdentifierScanner.isDigit($0) || IdentifierScanner.isLetter($0) || $0 == UInt8(ascii: "-") })
        bytes.removeAll { $0 == UInt8(ascii: "-") }
        guard bytes.starts(with: "0037".utf8) else {
            throw IdentifierError(.ovtCode, "A Finnish \(noun) starts with 0037, the code for Finnish business IDs.")
        }
        guard bytes.count >= 12, bytes[4..<12].allSatisfy(IdentifierScanner.isDigit) else {
            throw IdentifierError(.ovtCode, "The \(noun) should have 0037 followed by the 8 digits of the business ID.")
        }
        guard bytes.count <= 17 else {
            throw IdentifierError(.ovtCode, "The suffix of the \(noun), after the business ID, may have at most 5 characters.")
        }
        try BusinessID.checkFinnish(IdentifierScanner.digitValues(bytes[4..<12]), noun: "business ID in the \(noun)", field: .ovtCode)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Builds the OVT code of a Finnish business ID.
    /// - Parameters:
    ///   - id: The Y-tunnus as typed; it is validated first.
    ///   - suffix: An optional unit suffix of up to 5 digits or letters (uppercased).
    /// - Returns: `0037`, the eight digits and the suffix, such as `003715728600`.
    /// - Throws: ``IdentifierError`` with field `business_id` for an invalid Y-tunnus, or
    ///   `ovt_code` for an invalid suffix.
    public static func derive(fromBusinessID id: String, suffix: String = "") throws(IdentifierError) -> String {
        let digits = try BusinessID.finnish(id).filter { $0 != "-" }
        let suffixBytes = suffix.utf8.map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 - 32 : $0 }
        guard suffixBytes.count <= 5, suffixBytes.allSatisfy({ IdentifierScanner.isDigit($0) || IdentifierScanner.isLetter($0) }) else {
            throw IdentifierError(.ovtCode, "The suffix of the OVT code may have at most 5 digits or letters A-Z.")
        }
        return "0037" + digits + String(decoding: suffixBytes, as: UTF8.self)
    }
}
