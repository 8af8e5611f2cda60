import Testing

@testable import NordicIdentifiers

@Suite struct PostalCodeTests {
    @Test(arguments: [
        ("00100", "FI", "00100"),
        (" 00 100 ", "FI", "00100"),
        ("FI-00100", "FI", "00100"),
        ("fi-22100", "fi", "22100"),  // Åland
        ("11455", "SE", "114 55"),
        ("114 55", "SE", "114 55"),
        ("SE-114 55", "SE", "114 55"),
        ("98499", "SE", "984 99"),
        ("0150", "NO", "0150"),
        ("NO-9170", "NO", "9170"),
        ("1050", "DK", "1050"),
        ("DK-8000", "DK", "8000"),
        ("0999", "DK", "0999"),  // a large receiver's code below 1000
        ("sw1a 1aa", "GB", "SW1A 1AA"),
        ("1012  ab", "NL", "1012 AB"),
        ("10115", "DE", "10115"),
        ("94105-1234", "US", "94105-1234"),
        (" D02 X285 ", "IE", "D02 X285"),
        ("1", "IS", "1"),
    ])
    func acceptsAndNormalises(input: String, country: String, expected: String) throws {
        #expect(try PostalCode.validate(input, country: country) == expected)
    }

    @Test(arguments: [
        ("0010", "FI", "A Finnish postal code should have 5 digits, as in 00100."),
        ("001000", "FI", "A Finnish postal code should have 5 digits, as in 00100."),
        ("ABCDE", "FI", "A Finnish postal code should have 5 digits, as in 00100."),
        ("SE-00100", "FI", "A Finnish postal code should have 5 digits, as in 00100."),
        ("1145", "SE", "A Swedish postal code should have 5 digits, as in 114 55."),
        ("01455", "SE", "A Swedish postal code does not start with 0."),
        ("150", "NO", "A Norwegian postal code should have 4 digits, as in 0150."),
        ("01500", "NO", "A Norwegian postal code should have 4 digits, as in 0150."),
        ("105", "DK", "A Danish postal code should have 4 digits, as in 1050."),
        ("0100", "DK", "A Danish postal code is at least 0555; most are 1000 to 9999."),
        ("00100!", "FI", "The postal code may contain only digits and spaces."),
        ("", "FI", "The postal code is empty."),
        ("  ", "NO", "The postal code is empty."),
        ("٠٠١٠٠", "FI", "The postal code should be written with the digits 0-9 only."),
        (BadInput.overLong, "SE", "The postal code is too long: at most 64 characters are accepted."),
        ("12345678901", "DE", "The postal code may have at most 10 characters."),
        ("1011ä", "DE", "The postal code may contain only letters A-Z, digits, spaces and dashes."),
        ("10115/", "DE", "The postal code may contain only letters A-Z, digits, spaces and dashes."),
        ("١٠١١٥", "DE", "The postal code should be written with the digits 0-9 only."),
        ("", "DE", "The postal code is empty."),
        (" ", "DE", "The postal code is empty."),
        ("- -", "DE", "The postal code has no letters or digits."),
        (BadInput.overLong, "DE", "The postal code is too long: at most 64 characters are accepted."),
    ])
    func refuses(input: String, country: String, message: String) {
        #expect(throws: IdentifierError(.postalCode, message)) { try PostalCode.validate(input, country: country) }
    }

    @Test(arguments: ["", "F", "FIN", "F1", "Ö1", " FI"])
    func refusesACountryCodeThatIsNotTwoLetters(country: String) {
        let error = IdentifierError(.countryCode, "The country code should be two letters A-Z (ISO 3166-1), such as FI.")
        #expect(throws: error) { try PostalCode.validate("00100", country: country) }
    }
}
