import Foundation
import Pricing
import Testing

@Suite struct PercentageTests {
    @Test(
        arguments: [
            ("12.5", 125_000, "12.5"), ("33.3333", 333_333, "33.3333"), ("10", 100_000, "10"), ("0", 0, "0"),
            ("-3.25", -32_500, "-3.25"), ("0.0001", 1, "0.0001"), ("100", 1_000_000, "100"), ("12,5", 125_000, "12.5"),
            ("07.50", 75_000, "7.5"), ("0.0100", 100, "0.01"), ("150", 1_500_000, "150"), ("-0.0001", -1, "-0.0001"),
        ] as [(String, Int64, String)])
    func parsesAndFormats(text: String, millionths: Int64, formatted: String) throws {
        let percentage = try #require(Percentage(parsing: text))
        #expect(percentage.millionths == millionths)
        #expect(percentage.description == formatted)
    }

    @Test(arguments: [
        "12.34567", "33.33333", "0.00001", "12.50000", "abc", "", "-", ".", "-.", "1.2.3", "1,2.3", " 12", "12 ", "12%", "+5", "1e2",
        "--1", "12.5a", "١٢", "１２",
    ])
    func refuses(text: String) {
        #expect(Percentage(parsing: text) == nil)
    }

    @Test func formattingRoundTrips() {
        var random = SplitMix64(seed: 0x5045_5243_454E_54)
        for _ in 0..<20_000 {
            let percentage = Percentage(millionths: Int64(random.int(-100_000_000...100_000_000)))
            #expect(Percentage(parsing: percentage.description) == percentage, "\(percentage.millionths)")
        }
        #expect(Percentage(millionths: 50).description == "0.005")
        #expect(Percentage(millionths: -1_234_567).description == "-123.4567")
    }
}

@Suite struct PricingDayTests {
    @Test(
        arguments: [
            ("1970-01-01", 0), ("2000-03-01", 11_017), ("1900-01-01", -25_567), ("2999-12-31", 376_199), ("2024-02-29", 19_782),
            ("2000-02-29", 11_016), ("2025-03-15", 20_162),
        ] as [(String, Int32)])
    func parses(text: String, value: Int32) throws {
        let day = try #require(PricingDay(text))
        #expect(day.value == value)
        #expect(day.description == text)
    }

    @Test(arguments: [
        "2023-02-29", "1900-02-29", "2100-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-04-00", "2025-4-1", "25-03-15",
        "2025/03/15", "", "1899-12-31", "3000-01-01", "2025-03-1x", "2025-03-15 ", " 2025-03-15", "2025-03-150", "+025-03-15",
        "2025-03-15T00:00", "２０２５-03-15",
    ])
    func refuses(text: String) {
        #expect(PricingDay(text) == nil)
    }

    @Test func everyDayFrom1900To2999RoundTrips() {
        let first = PricingDay("1900-01-01")!.value
        let last = PricingDay("2999-12-31")!.value
        var failures = 0
        for value in first...last where PricingDay(PricingDay(value: value).description)?.value != value {
            failures += 1
            if failures < 5 { Issue.record("day \(value) → \(PricingDay(value: value)) does not round-trip") }
        }
        #expect(failures == 0)
    }

    @Test func agreesWithFoundationsCalendar() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone.gmt
        var value = PricingDay("1900-01-01")!.value
        while value <= PricingDay("2999-12-31")!.value {
            let date = Date(timeIntervalSince1970: TimeInterval(value) * 86_400)
            #expect(PricingDay(value: value).description == formatter.string(from: date))
            value += 97
        }
    }
}

@Suite struct PricingFailureTests {
    @Test func unknownProduct() {
        #expect(throws: PricingFailure.unknownProduct(999)) {
            try Fixture.resolve(Fixture.makeQuery(product: 999), in: Fixture.makeBook())
        }
    }

    @Test(arguments: [0, -1, Int.min, PricingEngine.maximumQuantity + 1, Int.max])
    func invalidQuantity(quantity: Int) {
        #expect(throws: PricingFailure.invalidQuantity(quantity)) {
            try Fixture.resolve(Fixture.makeQuery(quantity: quantity), in: Fixture.makeBook())
        }
    }

    @Test func theLargestQuantity() throws {
        #expect(PricingEngine.maximumQuantity == 1_000_000)
        let resolution = try Fixture.resolve(Fixture.makeQuery(quantity: 1_000_000), in: Fixture.makeBook())
        #expect(resolution.lineTotal == 1_018_000_000)
        let one = try Fixture.resolve(Fixture.makeQuery(quantity: 1), in: Fixture.makeBook())
        #expect(one.lineTotal == 1018)
    }

    @Test func noExchangeRateForTheProductsGrossPrice() throws {
        let book = Fixture.makeBook(exchangeRates: [
            ExchangeRate(currency: "SEK", millionths: Fixture.sekRate, validity: Validity(from: Fixture.day("2025-03-16"), to: nil))
        ])
        #expect(throws: PricingFailure.noExchangeRate(currency: "SEK", day: Fixture.today)) {
            try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: book)
        }
        #expect(throws: PricingFailure.noExchangeRate(currency: "NOK", day: Fixture.today)) {
            try Fixture.resolve(Fixture.makeQuery(currency: "NOK"), in: book)
        }
        // The next day the rate covers it; a typed price needs no rate at all.
        #expect(try Fixture.resolve(Fixture.makeQuery(currency: "SEK", day: Fixture.day("2025-03-16")), in: book).unitPrice == 11_663)
        #expect(try Fixture.resolve(Fixture.makeQuery(currency: "SEK", userPrice: 500), in: book).lineTotal == 500)
    }
}
