import Testing

@testable import NordicIdentifiers

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        // Finland: international, 00 prefix, national with trunk 0, landline with area code.
        ("+358 40 123 4567", NordicCountry.finland, "+358401234567"),
        ("+358401234567", .finland, "+358401234567"),
        ("00358 40 123 4567", .finland, "+358401234567"),
        ("040 123 4567", .finland, "+358401234567"),
        ("0401234567", .finland, "+358401234567"),
        ("040-123 4567", .finland, "+358401234567"),
        ("040.123.4567", .finland, "+358401234567"),
        ("040/1234567", .finland, "+358401234567"),
        ("+358 (0)40 123 4567", .finland, "+358401234567"),
        ("+358 040 123 4567", .finland, "+358401234567"),
        ("(09) 123 4567", .finland, "+35891234567"),
        ("+358 9 123 4567", .sweden, "+35891234567"),
        ("\u{2212}040\u{00A0}123\u{00A0}4567", .finland, "+358401234567"),
        // Sweden.
        ("070-123 45 67", .sweden, "+46701234567"),
        ("0701234567", .sweden, "+46701234567"),
        ("+46 70 123 45 67", .sweden, "+46701234567"),
        ("0046 70 123 45 67", .sweden, "+46701234567"),
        ("+46 (0)70-123 45 67", .sweden, "+46701234567"),
        ("08-123 456 78", .sweden, "+46812345678"),
        ("+46 8 123 456 78", .finland, "+46812345678"),
        // Norway: eight digits, no trunk prefix.
        ("412 34 567", .norway, "+4741234567"),
        ("41234567", .norway, "+4741234567"),
        ("22 12 34 56", .norway, "+4722123456"),
        ("+47 412 34 567", .norway, "+4741234567"),
        ("0047 412 34 567", .finland, "+4741234567"),
        // Denmark: eight digits, no trunk prefix.
        ("20 12 34 56", .denmark, "+4520123456"),
        ("20123456", .denmark, "+4520123456"),
        ("2012-3456", .denmark, "+4520123456"),
        ("+45 20 12 34 56", .denmark, "+4520123456"),
        ("0045 20 12 34 56", .sweden, "+4520123456"),
        // Other countries: country code of 1, 2 or 3 digits, kept as written.
        ("+44 20 7946 0958", .finland, "+442079460958"),
        ("+44 (0)20 7946 0958", .finland, "+442079460958"),
        ("+1 (415) 555-2671", .finland, "+14155552671"),
        ("0049 30 123456", .finland, "+4930123456"),
        ("+372 5123 4567", .finland, "+37251234567"),
        ("+39 06 1234 5678", .finland, "+390612345678"),  // Italy keeps its leading 0
    ])
    func normalisesToE164(input: String, country: NordicCountry, expected: String) throws {
        #expect(try PhoneNumber.e164(input, defaultCountry: country) == expected)
    }

    @Test(arguments: [
        ("", NordicCountry.finland, "The phone number is empty."),
        ("   ", .finland, "The phone number is empty."),
        ("+", .finland, "The phone number has no digits after the +."),
        ("+ ( )", .finland, "The phone number has no digits after the +."),
        ("-", .finland, "The phone number has no digits."),
        ("+358 40", .finland, "A Finnish phone number should have 5 to 12 digits after +358 or the leading 0, not 2."),
        ("040 12", .finland, "A Finnish phone number should have 5 to 12 digits after +358 or the leading 0, not 4."),
        ("+358 40 123 4567 8901", .finland, "A Finnish phone number should have 5 to 12 digits after +358 or the leading 0, not 13."),
        ("401234567", .finland, "A Finnish phone number without a country code starts with 0; otherwise add +358."),
        ("46701234567", .sweden, "A Swedish phone number without a country code starts with 0; otherwise add +46."),
        ("070 12 34", .sweden, "A Swedish phone number should have 7 to 10 digits after +46 or the leading 0, not 6."),
        ("+46 70 123 45 67 89", .sweden, "A Swedish phone number should have 7 to 10 digits after +46 or the leading 0, not 11."),
        ("412 34 56", .norway, "A Norwegian phone number should have 8 digits after +47, not 7."),
        ("+47 412 34 5678", .norway, "A Norwegian phone number should have 8 digits after +47, not 9."),
        ("47 41234567", .norway, "A Norwegian phone number should have 8 digits after +47, not 10."),
        ("+47 0123 4567", .norway, "A Norwegian phone number cannot start with 0 after +47."),
        ("2012345", .denmark, "A Danish phone number should have 8 digits after +45, not 7."),
        ("+45 20 12 34 56 7", .denmark, "A Danish phone number should have 8 digits after +45, not 9."),
        ("+358 00 123 4567", .finland, "A Finnish phone number cannot start with 0 after +358 or the leading 0."),
        ("+44 123", .finland, "A phone number with the country code +44 should have at least 4 digits after it."),
        ("+1 234 567 890 123 456", .finland, "A phone number may have at most 15 digits, the country code included (E.164)."),
        ("+0 123 456", .finland, "The country code of a phone number cannot start with 0."),
        ("+00358 40 123 4567", .finland, "The country code of a phone number cannot start with 0."),
        ("040 + 123 4567", .finland, "A + may appear only at the start of the phone number."),
        ("++358 40 123 4567", .finland, "A + may appear only at the start of the phone number."),
        (
            "040 123 4567x", .finland,
            "The phone number may contain only digits, spaces, dashes, dots, slashes, parentheses and a leading +."
        ),
        (
            "040 123 4567 ext 5", .finland,
            "The phone number may contain only digits, spaces, dashes, dots, slashes, parentheses and a leading +."
        ),
        ("O40 123 4567", .finland, "The phone number may contain only digits, spaces, dashes, dots, slashes, parentheses and a leading +."),
        ("(040 123 4567", .finland, "The parentheses in the phone number do not match."),
        ("040) 123 4567", .finland, "The parentheses in the phone number do not match."),
        ("((040)) 123", .finland, "The parentheses in the phone number do not match."),
        ("٠٤٠١٢٣٤٥٦٧", .finland, "The phone number should be written with the digits 0-9 only."),
        (BadInput.overLong, .finland, "The phone number is too long: at most 64 characters are accepted."),
    ])
    func refuses(input: String, country: NordicCountry, message: String) {
        #expect(throws: IdentifierError(.phoneNumber, message)) { try PhoneNumber.e164(input, defaultCountry: country) }
    }
}
