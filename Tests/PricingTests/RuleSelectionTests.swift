import Foundation
import Pricing
import Testing

/// Validity periods (inclusive at both ends, read in the shop's time zone) and quantity tiers.
@Suite struct ValidityTests {
    static let march = Validity(from: Fixture.day("2025-03-01"), to: Fixture.day("2025-03-31"))

    static func book(_ validity: Validity) -> PriceBook {
        Fixture.makeBook(discountRules: [
            DiscountRule(
                id: 1, scope: .customer(Fixture.customerID), target: .product(Fixture.productID), percentage: Fixture.percent("10"),
                validity: validity)
        ])
    }

    @Test(arguments: [
        ("2025-02-28", false), ("2025-03-01", true), ("2025-03-15", true), ("2025-03-31", true), ("2025-04-01", false),
    ])
    func discountValidity(day: String, applies: Bool) throws {
        let resolution = try Fixture.resolve(Fixture.makeQuery(day: Fixture.day(day)), in: Self.book(Self.march))
        #expect(resolution.discountRuleID == (applies ? 1 : nil))
    }

    @Test(arguments: [
        ("2025-02-28", false), ("2025-03-01", true), ("2025-03-31", true), ("2025-04-01", false),
    ])
    func priceValidity(day: String, applies: Bool) throws {
        let book = Fixture.makeBook(priceRules: [
            PriceRule(
                id: 2, scope: .group(Fixture.groupID), target: .product(Fixture.productID), currency: "EUR", amount: 900, type: .gross,
                validity: Self.march)
        ])
        let resolution = try Fixture.resolve(Fixture.makeQuery(day: Fixture.day(day)), in: book)
        #expect(resolution.priceRuleID == (applies ? 2 : nil))
        #expect(resolution.unitPrice == (applies ? 900 : 1018))
    }

    @Test(arguments: [
        ("2025-03-14", 0), ("2025-03-15", 1), ("2025-03-16", 2), ("2025-03-17", 0),
    ])
    func listPriceValidityAndTheNewestPeriod(day: String, expected: Int) throws {
        // Two overlapping periods: on the 16th the one that started later wins.
        let prices = [
            ListPrice(
                currency: "EUR", kind: .gross, amount: 111,
                validity: Validity(from: Fixture.day("2025-03-15"), to: Fixture.day("2025-03-16"))),
            ListPrice(
                currency: "EUR", kind: .gross, amount: 222,
                validity: Validity(from: Fixture.day("2025-03-16"), to: Fixture.day("2025-03-16"))),
        ]
        let book = Fixture.makeBook(products: [Fixture.makeProduct(listPrices: prices)])
        let resolution = try Fixture.resolve(Fixture.makeQuery(day: Fixture.day(day)), in: book)
        #expect(resolution.unitPrice == [1018, 111, 222][expected])
    }

    @Test func openEnds() throws {
        let from = Validity(from: Fixture.day("2025-03-01"), to: nil)
        let to = Validity(from: nil, to: Fixture.day("2025-03-31"))
        #expect(try Fixture.resolve(Fixture.makeQuery(day: Fixture.day("2999-12-31")), in: Self.book(from)).discountRuleID == 1)
        #expect(try Fixture.resolve(Fixture.makeQuery(day: Fixture.day("2025-02-28")), in: Self.book(from)).discountRuleID == nil)
        #expect(try Fixture.resolve(Fixture.makeQuery(day: Fixture.day("1900-01-01")), in: Self.book(to)).discountRuleID == 1)
        #expect(try Fixture.resolve(Fixture.makeQuery(day: Fixture.day("2025-04-01")), in: Self.book(to)).discountRuleID == nil)
        // From after to: never.
        let never = Validity(from: Fixture.day("2025-03-16"), to: Fixture.day("2025-03-14"))
        #expect(try Fixture.resolve(Fixture.makeQuery(), in: Self.book(never)).discountRuleID == nil)
    }

    /// An instant written in UTC.
    static func instant(_ iso: String) -> Date {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: iso) else { fatalError("not an instant in the test itself: \(iso)") }
        return date
    }

    @Test(arguments: [
        // 23:30 in Helsinki (EEST, UTC+3) on the 31st: the last day, in both readings.
        ("2025-03-31T20:30:00Z", "Europe/Helsinki", "2025-03-31", "2025-03-31"),
        // 00:30 on 1 April in Helsinki: over, though UTC still says the 31st.
        ("2025-03-31T21:30:00Z", "Europe/Helsinki", "2025-04-01", "2025-03-31"),
        // 00:30 on 1 March in Helsinki (EET, UTC+2): begun, though UTC still says 28 February.
        ("2025-02-28T22:30:00Z", "Europe/Helsinki", "2025-03-01", "2025-02-28"),
        // 23:59:59 in Helsinki on the 28th: not yet.
        ("2025-02-28T21:59:59Z", "Europe/Helsinki", "2025-02-28", "2025-02-28"),
        // 23:30 in New York (EDT, UTC−4) on the 31st: still inside, while UTC is already on 1 April.
        ("2025-04-01T03:30:00Z", "America/New_York", "2025-03-31", "2025-04-01"),
        // The night Helsinki moves to summer time (03:00 → 04:00 on 30 March).
        ("2025-03-30T00:59:59Z", "Europe/Helsinki", "2025-03-30", "2025-03-30"),
        ("2025-03-29T21:59:59Z", "Europe/Helsinki", "2025-03-29", "2025-03-29"),
        ("2025-03-29T22:00:00Z", "Europe/Helsinki", "2025-03-30", "2025-03-29"),
    ])
    func theShopsTimeZoneDecidesTheDay(instant: String, zone: String, shopDay: String, utcDay: String) throws {
        let date = Self.instant(instant)
        let timeZone = try #require(TimeZone(identifier: zone))
        let day = PricingDay(date: date, timeZone: timeZone)
        #expect(day.description == shopDay)
        #expect(PricingDay(date: date, timeZone: TimeZone.gmt).description == utcDay)
        // And the March discount follows the shop's day, not UTC's.
        let resolution = try Fixture.resolve(Fixture.makeQuery(day: day), in: Self.book(Self.march))
        #expect((resolution.discountRuleID == 1) == Self.march.contains(Fixture.day(shopDay)))
    }

    @Test func beforeTheEpoch() throws {
        let utc = TimeZone.gmt
        #expect(PricingDay(date: Date(timeIntervalSince1970: -0.5), timeZone: utc).description == "1969-12-31")
        #expect(PricingDay(date: Date(timeIntervalSince1970: -86_400), timeZone: utc).description == "1969-12-31")
        #expect(PricingDay(date: Date(timeIntervalSince1970: -86_401), timeZone: utc).description == "1969-12-30")
        #expect(PricingDay(date: Date(timeIntervalSince1970: 0), timeZone: utc).description == "1970-01-01")
        #expect(PricingDay(date: Date(timeIntervalSince1970: 86_399.9), timeZone: utc).description == "1970-01-01")
    }
}

@Suite struct QuantityTierTests {
    /// "1–5 pcs 10 %, 6+ 15 %": two rules with tiers 1 and 6.
    static let tiers = [
        DiscountRule(
            id: 2, scope: .customer(Fixture.customerID), target: .product(Fixture.productID), percentage: Fixture.percent("15"),
            minimumQuantity: 6),
        DiscountRule(id: 1, scope: .customer(Fixture.customerID), target: .product(Fixture.productID), percentage: Fixture.percent("10")),
    ]

    @Test(arguments: [(1, "10", 1), (5, "10", 1), (6, "15", 2), (7, "15", 2), (1_000_000, "15", 2)])
    func discountTiers(quantity: Int, percentage: String, rule: Int64) throws {
        for rules in [Self.tiers, Self.tiers.reversed()] {
            let book = Fixture.makeBook(products: [Fixture.makeProduct(gross: 1000)], discountRules: rules)
            let resolution = try Fixture.resolve(Fixture.makeQuery(quantity: quantity), in: book)
            #expect(resolution.discountPercentage == Fixture.percent(percentage))
            #expect(resolution.discountRuleID == rule)
            let keep = Int64(100 - Int(percentage)!)
            #expect(resolution.lineTotal == 1000 * Int64(quantity) * keep / 100)
        }
    }

    @Test(arguments: [(1, 1018, nil), (9, 1018, nil), (10, 900, 4), (11, 900, 4), (25, 800, 5)] as [(Int, Int64, Int64?)])
    func priceTiers(quantity: Int, unit: Int64, rule: Int64?) throws {
        func makeRule(_ id: Int64, _ tier: Int, _ amount: Int64) -> PriceRule {
            PriceRule(
                id: id, scope: .segment(Fixture.segment), target: .discountGroup(Fixture.discountGroupID), currency: "EUR",
                amount: amount, type: .gross, minimumQuantity: tier)
        }
        let book = Fixture.makeBook(priceRules: [makeRule(5, 25, 800), makeRule(4, 10, 900)])
        let resolution = try Fixture.resolve(Fixture.makeQuery(quantity: quantity), in: book)
        #expect(resolution.unitPrice == unit)
        #expect(resolution.priceRuleID == rule)
    }

    @Test func theHighestTierReachedWinsThenTheNewest() throws {
        func rule(_ id: Int64, _ tier: Int, _ percentage: String) -> DiscountRule {
            DiscountRule(
                id: id, scope: .group(Fixture.groupID), target: .product(Fixture.productID), percentage: Fixture.percent(percentage),
                minimumQuantity: tier)
        }
        // Rule 9 is newest but has the lowest tier; rules 3 and 7 share tier 5, 7 is newer.
        let rules = [rule(3, 5, "20"), rule(9, 1, "5"), rule(7, 5, "25"), rule(1, 1, "1")]
        for order in [rules, rules.reversed(), [rules[2], rules[0], rules[3], rules[1]]] {
            let book = Fixture.makeBook(discountRules: order)
            #expect(try Fixture.resolve(Fixture.makeQuery(quantity: 4), in: book).discountRuleID == 9)
            #expect(try Fixture.resolve(Fixture.makeQuery(quantity: 5), in: book).discountRuleID == 7)
        }
        // A rule not valid on the day does not count, even with the higher tier.
        let expired = DiscountRule(
            id: 10, scope: .group(Fixture.groupID), target: .product(Fixture.productID), percentage: Fixture.percent("50"),
            minimumQuantity: 5, validity: Validity(from: nil, to: Fixture.day("2025-03-14")))
        let book = Fixture.makeBook(discountRules: rules + [expired])
        #expect(try Fixture.resolve(Fixture.makeQuery(quantity: 5), in: book).discountRuleID == 7)
    }
}
