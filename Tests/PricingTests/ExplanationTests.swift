import Pricing
import Testing

/// The explanation lists every level considered, in order, with why it was skipped or
/// excluded, and names the winner with its rule.
@Suite struct ExplanationTests {
    static let customerPrices = DiscountLadder.documentOrder[2...9]

    @Test func everyLevelUpToTheWinnersInOrder() throws {
        let book = Fixture.makeBook(
            products: [Fixture.makeProduct(gross: 2000)],
            discountGroups: [Fixture.discountGroupID: Fixture.percent("5")],
            priceRules: [
                PriceRule(
                    id: 11, scope: .customer(Fixture.customerID), target: .product(Fixture.productID), currency: "EUR", amount: 1500,
                    type: .gross, validity: Validity(from: Fixture.day("2025-04-01"), to: nil)),
                PriceRule(
                    id: 12, scope: .group(Fixture.groupID), target: .product(Fixture.productID), currency: "EUR", amount: 1200, type: .gross
                ),
            ],
            discountRules: [
                DiscountRule(
                    id: 13, scope: .customer(Fixture.customerID), target: .product(Fixture.productID), percentage: Fixture.percent("10"))
            ])
        let customer = PricingCustomer(customerID: Fixture.customerID, segment: nil, groupID: Fixture.groupID, district: Fixture.district)
        let resolution = try Fixture.resolve(Fixture.makeQuery(), in: book, for: customer, explain: true)
        #expect(resolution.priceRuleID == 12)
        #expect(resolution.lineTotal == 1140)

        var expected: [ExplanationStep] = [
            ExplanationStep(list: .price, level: PriceLevel.userEntered.name, outcome: .skipped, reason: "no price typed on the line"),
            ExplanationStep(
                list: .price, level: PriceLevel.customerProduct.name, outcome: .skipped,
                reason: "1 rule but none in EUR valid on 2025-03-15 for 1 pcs"),
            ExplanationStep(
                list: .price, level: PriceLevel.customerDiscountGroup.name, outcome: .skipped, reason: "no rule for this discount group"),
            ExplanationStep(list: .price, level: PriceLevel.segmentProduct.name, outcome: .skipped, reason: "the customer has no segment"),
            ExplanationStep(
                list: .price, level: PriceLevel.groupProduct.name, outcome: .won,
                reason: "1200 EUR per piece, gross, from 1 pcs, for the customer's default group \(Fixture.groupID)",
                ruleID: 12),
            ExplanationStep(
                list: .discount, level: DiscountLevel.userAmount.name, outcome: .skipped, reason: "no amount typed on the line"),
            ExplanationStep(
                list: .discount, level: DiscountLevel.userPercentage.name, outcome: .skipped, reason: "no percentage typed on the line"),
        ]
        for level in Self.customerPrices {
            expected.append(
                ExplanationStep(
                    list: .discount, level: level.name, outcome: .excluded,
                    reason: "customer discounts do not apply where a customer price exists"))
        }
        expected.append(
            ExplanationStep(
                list: .discount, level: DiscountLevel.discountGroupBase.name, outcome: .won, reason: "5 %, the discount group's base"))
        #expect(resolution.explanation == expected)

        // Not asked for, none is made; the answer is the same.
        var plain = try Fixture.resolve(Fixture.makeQuery(), in: book, for: customer)
        #expect(plain.explanation == nil)
        plain.explanation = resolution.explanation
        #expect(plain == resolution)
    }

    @Test func reasonsForAVisitorAndForCurrencies() throws {
        let book = Fixture.makeBook(
            products: [Fixture.makeProduct(discountGroupID: nil, gross: 1000, net: 900, cost: 500)],
            priceRules: [
                PriceRule(id: 21, scope: .segment("retail"), target: .product(Fixture.productID), currency: "NOK", amount: 1, type: .gross)
            ],
            exchangeRates: [ExchangeRate(currency: "SEK", millionths: Fixture.sekRate)])
        let resolution = try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: book, for: Fixture.visitor, explain: true)
        #expect(resolution.priceLevel == .productNet)
        let reasons = (resolution.explanation ?? []).filter { $0.list == .price }.map { "\($0.outcome): \($0.reason)" }
        #expect(
            reasons == [
                "skipped: no price typed on the line",
                "skipped: no customer (a visitor)",
                "skipped: the product has no discount group",
                "skipped: the customer has no segment",
                "skipped: the customer has no group",
                "skipped: the customer has no district",
                "skipped: the product has no discount group",
                "skipped: the product has no discount group",
                "skipped: the product has no discount group",
                "skipped: no margin rule",
                "skipped: no margin rule",
                "skipped: no margin rule",
                "skipped: no margin rule",
                "skipped: the customer's store has no price of its own for the product",
                "skipped: no net price-list price in SEK valid on 2025-03-15",
                "won: 900 EUR, E-net",
            ])
        // An E-net price: every discount level but the typed ones is excluded.
        let discounts = (resolution.explanation ?? []).filter { $0.list == .discount }
        #expect(discounts.map(\.outcome) == [.skipped, .skipped] + Array(repeating: .excluded, count: 9))
    }

    @Test func aTierOrDayMissIsSaidSo() throws {
        let book = Fixture.makeBook(
            priceRules: [
                PriceRule(
                    id: 31, scope: .district(Fixture.district), target: .product(Fixture.productID), currency: "SEK", amount: 1,
                    type: .gross,
                    minimumQuantity: 10),
                PriceRule(
                    id: 32, scope: .district(Fixture.district), target: .product(Fixture.productID), currency: "EUR", amount: 1,
                    type: .gross,
                    validity: Validity(from: nil, to: Fixture.day("2025-03-14"))),
            ],
            exchangeRates: [ExchangeRate(currency: "SEK", millionths: Fixture.sekRate)])
        let resolution = try Fixture.resolve(Fixture.makeQuery(quantity: 9, currency: "SEK"), in: book, explain: true)
        #expect(resolution.priceLevel == .productGross)
        #expect(
            Fixture.step(resolution, PriceLevel.districtProduct)?.reason == "2 rules but none in SEK or EUR valid on 2025-03-15 for 9 pcs")
        #expect(Fixture.step(resolution, PriceLevel.segmentProduct)?.reason == "no rules for segment hvac")
        let won = try Fixture.resolve(Fixture.makeQuery(quantity: 10, currency: "SEK"), in: book, explain: true)
        #expect(
            Fixture.step(won, PriceLevel.districtProduct)
                == ExplanationStep(
                    list: .price, level: PriceLevel.districtProduct.name, outcome: .won,
                    reason: "1 SEK per piece, gross, from 10 pcs, for district \(Fixture.district)",
                    ruleID: 31))
        #expect(won.explanation?.last(where: { $0.list == .price })?.level == PriceLevel.districtProduct.name)
    }

    @Test func aCompanyCurrencyListPriceNeedsARate() throws {
        let book = Fixture.makeBook(
            products: [Fixture.makeProduct(listPrices: [ListPrice(currency: "EUR", kind: .gross, amount: 900)])],
            exchangeRates: [
                ExchangeRate(currency: "SEK", millionths: Fixture.sekRate, validity: Validity(from: nil, to: Fixture.day("2025-03-14")))
            ])
        let yesterday = try Fixture.resolve(Fixture.makeQuery(currency: "SEK", day: Fixture.day("2025-03-14")), in: book)
        #expect(yesterday.priceLevel == .priceListGross)
        #expect(yesterday.unitPrice == 10_311)  // 9.00 × 11.4567
        // Without a rate neither it nor the product's gross price can be given.
        #expect(throws: PricingFailure.noExchangeRate(currency: "SEK", day: Fixture.today)) {
            try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: book, explain: true)
        }
    }
}
