import Testing

@testable import NordicIdentifiers

@Suite struct VATNumberTests {
    @Test(arguments: [
        ("FI15728600", "FI15728600"),
        ("fi 1572 8600", "FI15728600"),
        ("FI-01120389", "FI01120389"),
        ("SE556703748501", "SE556703748501"),
        ("SE 556703-7485 01", "SE556703748501"),
        ("SE556036079301", "SE556036079301"),
        ("SE811218987601", "SE811218987601"),  // sole trader
        ("DK25313763", "DK25313763"),
        ("DK 25 31 37 63", "DK25313763"),
        ("NO923609016MVA", "NO923609016MVA"),
        ("NO 923 609 016 MVA", "NO923609016MVA"),
        ("no974760673mva", "NO974760673MVA"),
        ("ATU12345678", "ATU12345678"),
        ("BE0123456789", "BE0123456789"),
        ("BE 0123.456.789", "BE0123456789"),
        ("BG123456789", "BG123456789"),
        ("CY12345678L", "CY12345678L"),
        ("CZ12345678", "CZ12345678"),
        ("DE123456789", "DE123456789"),
        ("DE 123 456 789", "DE123456789"),
        ("EE123456789", "EE123456789"),
        ("EL123456789", "EL123456789"),
        ("GR123456789", "EL123456789"),  // Greece's ISO code, stored as VIES's EL
        ("ESX1234567L", "ESX1234567L"),
        ("ESA12345674", "ESA12345674"),
        ("FR40303265045", "FR40303265045"),
        ("FRK7399859412", "FRK7399859412"),
        ("HR12345678901", "HR12345678901"),
        ("HU12345678", "HU12345678"),
        ("IE1234567T", "IE1234567T"),
        ("IE1234567WA", "IE1234567WA"),
        ("IE1A23456T", "IE1A23456T"),
        ("IT12345678901", "IT12345678901"),
        ("LT123456789012", "LT123456789012"),
        ("LU12345678", "LU12345678"),
        ("LV12345678901", "LV12345678901"),
        ("MT12345678", "MT12345678"),
        ("NL123456789B01", "NL123456789B01"),
        ("nl 1234.56.789.b.01", "NL123456789B01"),
        ("PL1234567890", "PL1234567890"),
        ("PT123456789", "PT123456789"),
        ("RO12", "RO12"),
        ("RO1234567890", "RO1234567890"),
        ("SI12345678", "SI12345678"),
        ("SK1234567890", "SK1234567890"),
        ("XI123456789", "XI123456789"),
        ("XIGD123", "XIGD123"),
    ])
    func acceptsAndNormalises(input: String, expected: String) throws {
        #expect(try VATNumber.validate(input) == expected)
    }

    @Test(arguments: [
        ("FI15728601", "The check digit of the Finnish VAT number should be 0, not 1."),
        ("FI10000080", "No Finnish VAT number starts with these seven digits (their check remainder is 1); look for a mistyped digit."),
        ("SE556703748401", "The check digit of the Swedish VAT number should be 5, not 4."),
        ("DK25313764", "The last digit of the Danish VAT number should be 3, not 4."),
        ("DK00000019", "A Danish VAT number does not start with DK0."),
        ("NO923609017MVA", "The check digit of the Norwegian VAT number should be 6, not 7."),
        ("NO123609016MVA", "A Norwegian VAT number starts with NO8 or NO9."),
        ("FI1572860", "A VAT number from Finland should be FI followed by the 8 digits of the business ID, without the dash."),
        ("SE5567037485", "A VAT number from Sweden should be SE followed by the 10-digit organisation number and 01."),
        ("SE556703748502", "A VAT number from Sweden should be SE followed by the 10-digit organisation number and 01."),
        ("NO923609016", "A VAT number from Norway should be NO followed by the 9-digit organisation number and MVA."),
        ("DE12345678", "A VAT number from Germany should be DE followed by 9 digits."),
        ("NL123456789A01", "A VAT number from the Netherlands should be NL followed by 9 digits, B and 2 digits."),
        ("AT12345678", "A VAT number from Austria should be ATU followed by 8 digits."),
        ("BE2123456789", "A VAT number from Belgium should be BE followed by 10 digits starting with 0 or 1."),
        ("ES12345678", "A VAT number from Spain should be ES followed by a letter or digit, 7 digits and a letter or digit."),
        ("RO1", "A VAT number from Romania should be RO followed by 2 to 10 digits."),
        ("15728600", "The VAT number should start with a two-letter country code, as in FI15728600."),
        ("F", "The VAT number should start with a two-letter country code, as in FI15728600."),
        (
            "US123456789",
            "The VAT number should start with the code of an EU member state, XI for Northern Ireland or NO for Norway; its first two letters are none of these."
        ),
        (
            "GB123456789",
            "The VAT number should start with the code of an EU member state, XI for Northern Ireland or NO for Norway; its first two letters are none of these."
        ),
        ("FI 1572 8600 ü", "The VAT number may contain only letters, digits, spaces, dots and dashes."),
        ("FI15728600/", "The VAT number may contain only letters, digits, spaces, dots and dashes."),
        ("FI١٥٧٢٨٦٠٠", "The VAT number should be written with the digits 0-9 only."),
        ("", "The VAT number is empty."),
        ("   ", "The VAT number is empty."),
        ("FI" + BadInput.overLong, "The VAT number is too long: at most 64 characters are accepted."),
    ])
    func refuses(input: String, message: String) {
        #expect(throws: IdentifierError(.vatNumber, message)) { try VATNumber.validate(input) }
    }

    @Test(arguments: [
        (NordicCountry.finland, "1572860-0", "FI15728600"),
        (.finland, "112038-9", "FI01120389"),
        (.sweden, "556703-7485", "SE556703748501"),
        (.sweden, "16556036-0793", "SE556036079301"),
        (.norway, "923 609 016", "NO923609016MVA"),
        (.denmark, "25313763", "DK25313763"),
    ])
    func derivesFromTheBusinessIDAndTheResultValidates(country: NordicCountry, id: String, expected: String) throws {
        let derived = try VATNumber.derive(fromBusinessID: id, country: country)
        #expect(derived == expected)
        #expect(try VATNumber.validate(derived) == derived)
    }

    @Test func refusesToDeriveFromAnInvalidBusinessID() {
        #expect(throws: IdentifierError(.businessID, "The check digit of the Finnish business ID should be 0, not 1.")) {
            try VATNumber.derive(fromBusinessID: "1572860-1", country: .finland)
        }
    }

    @Test func everyMemberStateHasAFormat() {
        let members = [
            "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT",
            "NL", "PL", "PT", "RO", "SE", "SI", "SK",
        ]
        #expect(members.count == 27)
        for member in members { #expect(VATFormat.named(member) != nil, "\(member)") }
    }
}
