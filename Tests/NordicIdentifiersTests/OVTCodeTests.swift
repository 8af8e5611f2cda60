import Testing

@testable import NordicIdentifiers

@Suite struct OVTCodeTests {
    @Test(arguments: [
        ("003715728600", "003715728600"),
        ("0037 15728600", "003715728600"),
        ("0037-1572860-0", "003715728600"),
        ("003701120389", "003701120389"),
        ("00371572860000100", "00371572860000100"),  // five-character unit suffix
        ("003715728600ab", "003715728600AB"),
        ("0037 2617416 4 001", "003726174164001"),
    ])
    func acceptsAndNormalises(input: String, expected: String) throws {
        #expect(try OVTCode.validate(input) == expected)
    }

    @Test(arguments: [
        ("003715728601", "The check digit of the business ID in the OVT code should be 0, not 1."),
        ("003726174165", "The check digit of the business ID in the OVT code should be 4, not 5."),
        ("003815728600", "A Finnish OVT code starts with 0037, the code for Finnish business IDs."),
        ("15728600", "A Finnish OVT code starts with 0037, the code for Finnish business IDs."),
        ("00371572860", "The OVT code should have 0037 followed by the 8 digits of the business ID."),
        ("00371572860A", "The OVT code should have 0037 followed by the 8 digits of the business ID."),
        ("003715728600123456", "The suffix of the OVT code, after the business ID, may have at most 5 characters."),
        ("003715728600_1", "The OVT code may contain only digits, letters A-Z, spaces and dashes."),
        ("003715728600Ä", "The OVT code may contain only digits, letters A-Z, spaces and dashes."),
        ("٠٠٣٧١٥٧٢٨٦٠٠", "The OVT code should be written with the digits 0-9 only."),
        ("", "The OVT code is empty."),
        (" ", "The OVT code is empty."),
        (BadInput.overLong, "The OVT code is too long: at most 64 characters are accepted."),
    ])
    func refuses(input: String, message: String) {
        #expect(throws: IdentifierError(.ovtCode, message)) { try OVTCode.validate(input) }
    }

    @Test(arguments: [
        ("1572860-0", "", "003715728600"),
        ("15728600", "100", "003715728600100"),
        ("112038-9", "ab12", "003701120389AB12"),
    ])
    func derivesFromTheBusinessIDAndTheResultValidates(id: String, suffix: String, expected: String) throws {
        let derived = try OVTCode.derive(fromBusinessID: id, suffix: suffix)
        #expect(derived == expected)
        #expect(try OVTCode.validate(derived) == derived)
    }

    @Test func refusesToDeriveFromAnInvalidBusinessIDOrSuffix() {
        #expect(throws: IdentifierError(.businessID, "The check digit of the Finnish business ID should be 0, not 1.")) {
            try OVTCode.derive(fromBusinessID: "1572860-1")
        }
        let suffixError = IdentifierError(.ovtCode, "The suffix of the OVT code may have at most 5 digits or letters A-Z.")
        #expect(throws: suffixError) { try OVTCode.derive(fromBusinessID: "1572860-0", suffix: "123456") }
        #expect(throws: suffixError) { try OVTCode.derive(fromBusinessID: "1572860-0", suffix: "1-2") }
        #expect(throws: suffixError) { try OVTCode.derive(fromBusinessID: "1572860-0", suffix: "Ö") }
    }
}
