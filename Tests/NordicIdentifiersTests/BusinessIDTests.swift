import Testing

@testable import NordicIdentifiers

/// Input no identifier accepts, with the noun each validator uses in its messages.
enum BadInput {
    /// Arabic-Indic digits: they look like digits to the user but are not 0-9.
    static let arabicIndicDigits = "١٥٧٢٨٦٠-٠"
    /// More than the 64 bytes any validator reads.
    static let overLong = String(repeating: "1", count: 65)
}

@Suite struct FinnishBusinessIDTests {
    @Test(arguments: [
        ("0112038-9", "0112038-9"),
        ("1572860-0", "1572860-0"),
        ("2617416-4", "2617416-4"),
        ("15728600", "1572860-0"),
        (" 1572860-0 ", "1572860-0"),
        ("1572860\u{2013}0", "1572860-0"),  // en dash from a word processor
        ("1572860\u{00A0}-0", "1572860-0"),  // no-break space
        ("112038-9", "0112038-9"),  // old six-digit form gets its leading zero
    ])
    func acceptsAndNormalises(input: String, expected: String) throws {
        #expect(try BusinessID.finnish(input) == expected)
    }

    @Test(arguments: [
        ("1572860-1", "The check digit of the Finnish business ID should be 0, not 1."),
        ("2617416-5", "The check digit of the Finnish business ID should be 4, not 5."),
        ("1000008-0", "No Finnish business ID starts with these seven digits (their check remainder is 1); look for a mistyped digit."),
        ("1572860", "The Finnish business ID should have seven digits, a dash and a check digit, as in 1234567-8."),
        ("157286000", "The Finnish business ID should have seven digits, a dash and a check digit, as in 1234567-8."),
        ("1572860-00", "The Finnish business ID should have seven digits, a dash and a check digit, as in 1234567-8."),
        ("1572-860-0", "The Finnish business ID should have seven digits, a dash and a check digit, as in 1234567-8."),
        ("1572860--", "The Finnish business ID may contain only one dash, before the check digit."),
        ("FI15728600", "The Finnish business ID may contain only the digits 0-9 and a dash."),
        ("1572860-O", "The Finnish business ID may contain only the digits 0-9 and a dash."),
        ("", "The Finnish business ID is empty."),
        (" \t\n", "The Finnish business ID is empty."),
        (BadInput.arabicIndicDigits, "The Finnish business ID should be written with the digits 0-9 only."),
        ("１５７２８６０-０", "The Finnish business ID should be written with the digits 0-9 only."),  // full-width
        (BadInput.overLong, "The Finnish business ID is too long: at most 64 characters are accepted."),
    ])
    func refuses(input: String, message: String) {
        #expect(throws: IdentifierError(.businessID, message)) { try BusinessID.finnish(input) }
    }
}

@Suite struct SwedishBusinessIDTests {
    @Test(arguments: [
        ("556703-7485", "556703-7485"),
        ("5567037485", "556703-7485"),
        ("556703 7485", "556703-7485"),
        ("556036-0793", "556036-0793"),
        ("212000-0142", "212000-0142"),  // a state authority
        ("16556703-7485", "556703-7485"),  // 12-digit form with the 16 prefix
        ("165567037485", "556703-7485"),
        ("811218-9876", "811218-9876"),  // sole trader: the owner's personnummer
        ("19811218-9876", "811218-9876"),
        ("198112189876", "811218-9876"),
        ("701063-2391", "701063-2391"),  // samordningsnummer: day + 60
    ])
    func acceptsAndNormalises(input: String, expected: String) throws {
        #expect(try BusinessID.swedish(input) == expected)
    }

    @Test(arguments: [
        ("556703-7484", "The check digit of the Swedish organisation number should be 5, not 4."),
        ("556036-0794", "The check digit of the Swedish organisation number should be 3, not 4."),
        ("556703748", "The Swedish organisation number should have 10 digits, as in 556703-7485."),
        ("55670374851", "The Swedish organisation number should have 10 digits, as in 556703-7485."),
        ("55670-37485", "The Swedish organisation number should have 10 digits, as in 556703-7485."),
        ("556-703-7485", "The Swedish organisation number should have 10 digits, as in 556703-7485."),
        (
            "19556703-7485",
            "A 12-digit Swedish organisation number is 16 followed by a company's number, or 19 or 20 followed by a sole trader's personal identity number."
        ),
        (
            "16811218-9876",
            "A 12-digit Swedish organisation number is 16 followed by a company's number, or 19 or 20 followed by a sole trader's personal identity number."
        ),
        (
            "811318-9875",
            "The Swedish organisation number has a third digit below 2, so it should be a sole trader's personal identity number starting with a date (YYMMDD), but it does not."
        ),
        ("556703-748A", "The Swedish organisation number may contain only the digits 0-9 and a dash."),
        ("", "The Swedish organisation number is empty."),
        ("  ", "The Swedish organisation number is empty."),
        ("٥٥٦٧٠٣-٧٤٨٥", "The Swedish organisation number should be written with the digits 0-9 only."),
        (BadInput.overLong, "The Swedish organisation number is too long: at most 64 characters are accepted."),
    ])
    func refuses(input: String, message: String) {
        #expect(throws: IdentifierError(.businessID, message)) { try BusinessID.swedish(input) }
    }

    @Test func refusesSoleTradersWhenALegalPersonIsNeeded() throws {
        #expect(try BusinessID.swedish("556703-7485", allowsSoleTraders: false) == "556703-7485")
        let message =
            "The Swedish organisation number should belong to a legal person, whose third digit is 2 or more; this one is a personal identity number."
        #expect(throws: IdentifierError(.businessID, message)) { try BusinessID.swedish("811218-9876", allowsSoleTraders: false) }
    }
}

@Suite struct NorwegianBusinessIDTests {
    @Test(arguments: [
        ("923609016", "923609016"),
        ("974760673", "974760673"),
        ("923 609 016", "923609016"),
        ("NO 923 609 016 MVA", "923609016"),
        ("no923609016mva", "923609016"),
        ("923609016 MVA", "923609016"),
    ])
    func acceptsAndNormalises(input: String, expected: String) throws {
        #expect(try BusinessID.norwegian(input) == expected)
    }

    @Test(arguments: [
        ("923609017", "The check digit of the Norwegian organisation number should be 6, not 7."),
        ("974760670", "The check digit of the Norwegian organisation number should be 3, not 0."),
        (
            "900000090",
            "No Norwegian organisation number starts with these eight digits (their check digit would be 10); look for a mistyped digit."
        ),
        ("100000008", "A Norwegian organisation number starts with 8 or 9."),
        ("92360901", "The Norwegian organisation number should have 9 digits, not 8."),
        ("9236090166", "The Norwegian organisation number should have 9 digits, not 10."),
        (
            "SE923609016",
            "The Norwegian organisation number may contain only the digits 0-9 and spaces, as in NO 923 609 016 MVA."
        ),
        ("923-609-016", "The Norwegian organisation number may contain only the digits 0-9 and spaces, as in NO 923 609 016 MVA."),
        ("", "The Norwegian organisation number is empty."),
        ("\u{00A0}", "The Norwegian organisation number is empty."),
        ("٩٢٣٦٠٩٠١٦", "The Norwegian organisation number should be written with the digits 0-9 only."),
        (BadInput.overLong, "The Norwegian organisation number is too long: at most 64 characters are accepted."),
    ])
    func refuses(input: String, message: String) {
        #expect(throws: IdentifierError(.businessID, message)) { try BusinessID.norwegian(input) }
    }
}

@Suite struct DanishBusinessIDTests {
    @Test(arguments: [
        ("10150817", "10150817"),
        ("25313763", "25313763"),
        ("DK25313763", "25313763"),
        ("dk 25 31 37 63", "25313763"),
    ])
    func acceptsAndNormalises(input: String, expected: String) throws {
        #expect(try BusinessID.danish(input) == expected)
    }

    @Test(arguments: [
        ("25313764", "The last digit of the Danish CVR number should be 3, not 4."),
        ("10150818", "The last digit of the Danish CVR number should be 7, not 8."),
        (
            "10000050",
            "No Danish CVR number starts with these seven digits (the modulus 11 check cannot be met); look for a mistyped digit."
        ),
        ("00000019", "A Danish CVR number does not start with 0."),
        ("2531376", "The Danish CVR number should have 8 digits, not 7."),
        ("253137630", "The Danish CVR number should have 8 digits, not 9."),
        ("SE25313763", "The Danish CVR number may contain only the digits 0-9 and spaces, as in DK 25 31 37 63."),
        ("", "The Danish CVR number is empty."),
        ("٢٥٣١٣٧٦٣", "The Danish CVR number should be written with the digits 0-9 only."),
        (BadInput.overLong, "The Danish CVR number is too long: at most 64 characters are accepted."),
    ])
    func refuses(input: String, message: String) {
        #expect(throws: IdentifierError(.businessID, message)) { try BusinessID.danish(input) }
    }
}

@Suite struct BusinessIDDispatchTests {
    @Test(arguments: [
        (NordicCountry.finland, "15728600", "1572860-0"),
        (.sweden, "5567037485", "556703-7485"),
        (.norway, "NO 923 609 016 MVA", "923609016"),
        (.denmark, "DK 25313763", "25313763"),
    ])
    func validatesByCountry(country: NordicCountry, input: String, expected: String) throws {
        #expect(try BusinessID.validate(input, country: country) == expected)
    }

    @Test func anIDValidForOneCountryIsCheckedByTheRulesOfTheOther() {
        #expect(throws: IdentifierError.self) { try BusinessID.validate("25313763", country: .finland) }
        #expect(throws: IdentifierError.self) { try BusinessID.validate("1572860-0", country: .denmark) }
    }

    @Test func errorsDescribeThemselvesWithTheirField() {
        let error = IdentifierError(.businessID, "The Finnish business ID is empty.")
        #expect(error.description == "business_id: The Finnish business ID is empty.")
        #expect(IdentifierError.Field.phoneNumber.rawValue == "phone_number")
    }

    @Test func countriesKnowTheirCodes() {
        #expect(NordicCountry(isoCode: "se") == .sweden)
        #expect(NordicCountry(isoCode: "DE") == nil)
        #expect(NordicCountry.allCases.map(\.callingCode) == ["358", "46", "47", "45"])
    }
}

@Suite struct CheckDigitTests {
    @Test func luhnMatchesKnownNumbers() {
        for number in ["5567037485", "5560360793", "2120000142", "8112189876"] {
            let digits = number.utf8.map { Int($0 - 48) }
            #expect(CheckDigit.luhn(digits[..<9]) == digits[9], "\(number)")
        }
    }
}
