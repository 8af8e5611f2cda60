import Pricing
import Testing

/// A line is an exact fraction rounded once, half away from zero, to the minor unit.
@Suite struct RoundingTests {
    @Test(
        arguments: [
            (5, 10, 1), (-5, 10, -1), (15, 10, 2), (-15, 10, -2), (25, 10, 3), (-25, 10, -3),
            (14, 10, 1), (-14, 10, -1), (16, 10, 2), (-16, 10, -2), (4, 10, 0), (-4, 10, 0),
            (1, 2, 1), (-1, 2, -1), (3, 2, 2), (-3, 2, -2), (1, 3, 0), (2, 3, 1), (-2, 3, -1), (0, 7, 0),
            (999_999, 2_000_000, 0), (1_000_000, 2_000_000, 1), (-1_000_000, 2_000_000, -1), (42, 1, 42), (-42, 1, -42),
        ] as [(Int128, Int128, Int64)])
    func halfAwayFromZero(numerator: Int128, denominator: Int128, expected: Int64) {
        #expect(Rounding.halfAwayFromZero(numerator, over: denominator) == expected)
    }

    @Test func largeFractions() {
        // Fractions far beyond 64 bits whose quotient still fits.
        let big = Int128(1_000_000_000_000_000) * 1_000_000_000_000_000
        #expect(Rounding.halfAwayFromZero(big * 7 + big / 2, over: big) == 8)
        #expect(Rounding.halfAwayFromZero(-(big * 7 + big / 2), over: big) == -8)
        #expect(Rounding.halfAwayFromZero(big * 7 + big / 2 - 1, over: big) == 7)
        #expect(Rounding.halfAwayFromZero(Int128(Int64.max) * 3, over: 3) == Int64.max)
        #expect(Rounding.halfAwayFromZero(Int128(Int64.min) * 3 - 1, over: 3) == Int64.min)
    }

    @Test func aThirdOffSevenPiecesIsRoundedOncePerLine() throws {
        // 7 × 1.99 = 13.93, less 33.3333 %: 9.28667131, not 7 × round(1.99 × 0.666667) = 9.31.
        let book = Fixture.makeBook(products: [Fixture.makeProduct(gross: 199)])
        let resolution = try Fixture.resolve(Fixture.makeQuery(quantity: 7, userDiscountPercentage: Fixture.percent("33.3333")), in: book)
        #expect(resolution.unitPrice == 199)
        #expect(resolution.lineTotal == 929)
    }

    @Test(
        arguments: [
            // cost, margin, quantity, unit, line
            (999, "33.3333", 1, 1498, 1498),  // 9.99 / 0.666667 = 14.98499...
            (999, "33.3333", 3, 1498, 4495),  // 44.9549775..., not 3 × 14.98
            (1234, "37.5", 1, 1974, 1974),  // 12.34 / 0.625 = 19.744
            (1, "50", 1, 2, 2),
            (1, "60", 1, 3, 3),  // 0.025 → 0.03 (2.5 cents)
            (3, "40", 1, 5, 5),  // 5 cents exactly
            (7, "30", 1, 10, 10),  // 10.0000 cents
            (1, "33.3333", 1, 1, 1),  // 1.4999992...
            (1, "33.3334", 1, 2, 2),  // 1.5000015: half away from zero
            (500, "0", 1, 500, 500),
            (500, "-10", 1, 455, 455),  // a negative margin sells under the cost: 4.5454...
        ] as [(Int64, String, Int, Int64, Int64)])
    func marginPrice(cost: Int64, margin: String, quantity: Int, unit: Int64, line: Int64) throws {
        let book = Fixture.makeBook(
            products: [Fixture.makeProduct(cost: cost)],
            marginRules: [MarginRule(id: 1, scope: .group(Fixture.groupID), margin: Fixture.percent(margin))])
        let resolution = try Fixture.resolve(Fixture.makeQuery(quantity: quantity), in: book)
        #expect(resolution.priceLevel == .groupMargin)
        #expect(resolution.priceType == .nNet)
        #expect(resolution.unitPrice == unit)
        #expect(resolution.lineTotal == line)
    }

    @Test(
        arguments: [
            // gross, quantity, typed percentage, line
            (1, 1, "50", 1),  // 0.5 → 1
            (3, 1, "50", 2),  // 1.5 → 2
            (5, 1, "10", 5),  // 4.5 → 5
            (5, 1, "-10", 6),  // a surcharge: 5.5 → 6
            (1, 3, "50", 2),  // 1.5 → 2
            (1, 1, "49.9999", 1),  // 0.500001
            (1, 1, "50.0001", 0),  // 0.499999
            (199, 7, "100", 0),
            (1999, 1_000_000, "12.3457", 1_752_209_457),  // 19,990,000.00 × 0.876543
        ] as [(Int64, Int, String, Int64)])
    func halfCentsOnALine(gross: Int64, quantity: Int, percentage: String, line: Int64) throws {
        let book = Fixture.makeBook(products: [Fixture.makeProduct(gross: gross)])
        let resolution = try Fixture.resolve(
            Fixture.makeQuery(quantity: quantity, userDiscountPercentage: Fixture.percent(percentage)), in: book)
        #expect(resolution.lineTotal == line)
    }

    @Test func convertedPricesAreRoundedOnceToo() throws {
        // 1 cent at 11.4567 SEK per EUR is 11.4567 öre a piece: 11 shown, but 7 pieces are 80.1969 öre.
        let book = Fixture.makeBook(
            products: [Fixture.makeProduct(gross: 1)], exchangeRates: [ExchangeRate(currency: "SEK", millionths: Fixture.sekRate)])
        let one = try Fixture.resolve(Fixture.makeQuery(quantity: 1, currency: "SEK"), in: book)
        #expect(one.unitPrice == 11)
        #expect(one.lineTotal == 11)
        let seven = try Fixture.resolve(Fixture.makeQuery(quantity: 7, currency: "SEK"), in: book)
        #expect(seven.unitPrice == 11)
        #expect(seven.lineTotal == 80)  // 80.1969, not 7 × 11 = 77
        let discounted = try Fixture.resolve(
            Fixture.makeQuery(quantity: 7, currency: "SEK", userDiscountPercentage: Fixture.percent("33.3333")), in: book)
        #expect(discounted.lineTotal == 53)  // 80.1969 × 0.666667 = 53.4646...
    }

    @Test func anAmountOffIsTakenFromTheExactUnitPrice() throws {
        let book = Fixture.makeBook(
            products: [Fixture.makeProduct(gross: 1999)], exchangeRates: [ExchangeRate(currency: "SEK", millionths: Fixture.sekRate)])
        // (229.019433 − 10.00) × 3 = 657.058299 SEK.
        let resolution = try Fixture.resolve(Fixture.makeQuery(quantity: 3, currency: "SEK", userDiscountAmount: 1000), in: book)
        #expect(resolution.unitPrice == 22_902)
        #expect(resolution.discountAmount == 1000)
        #expect(resolution.lineTotal == 65_706)
        // More off than the price: the line is 0, never below.
        let tooMuch = try Fixture.resolve(Fixture.makeQuery(quantity: 3, currency: "SEK", userDiscountAmount: 23_000), in: book)
        #expect(tooMuch.lineTotal == 0)
    }

    @Test(arguments: ["100", "100.0001", "150"])
    func aMarginOfAHundredPercentOrMoreLeavesNoPrice(margin: String) throws {
        let book = Fixture.makeBook(
            products: [Fixture.makeProduct(gross: 1018, cost: 500)],
            marginRules: [
                MarginRule(id: 1, scope: .customer(Fixture.customerID), margin: Fixture.percent(margin)),
                MarginRule(id: 2, scope: .group(Fixture.groupID), margin: Fixture.percent("50")),
            ])
        let resolution = try Fixture.resolve(Fixture.makeQuery(), in: book, explain: true)
        #expect(resolution.priceLevel == .groupMargin)
        #expect(resolution.unitPrice == 1000)
        let step = Fixture.step(resolution, PriceLevel.customerMargin)
        #expect(step?.outcome == .skipped)
        #expect(step?.ruleID == 1)
        #expect(step?.reason == "a margin of \(margin) % leaves no price (it must be below 100 %)")
    }

    @Test(arguments: ["100", "100.0001", "150", "1000000"])
    func aDiscountOverAHundredPercentLeavesTheLineAtZero(percentage: String) throws {
        let book = Fixture.makeBook(discountGroups: [Fixture.discountGroupID: Fixture.percent(percentage)])
        #expect(try Fixture.resolve(Fixture.makeQuery(quantity: 3), in: book).lineTotal == 0)
        #expect(
            try Fixture.resolve(Fixture.makeQuery(quantity: 3, userDiscountPercentage: Fixture.percent(percentage)), in: book).lineTotal
                == 0)
    }
}
