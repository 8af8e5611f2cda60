import Pricing
import Testing

/// A book in which chosen levels of the price list each have a price for the fixture
/// product and customer, so a table can ask which one wins.
enum PriceLadder {
    /// docs/PRICING.md "The price list", written out here so the tests do not follow the enum's own order.
    static let documentOrder: [PriceLevel] = [
        .userEntered, .customerProduct, .customerDiscountGroup, .segmentProduct, .groupProduct, .districtProduct,
        .segmentDiscountGroup, .groupDiscountGroup, .districtDiscountGroup, .customerMargin, .segmentMargin, .groupMargin,
        .districtMargin, .customerShopPrice, .priceListNet, .productNet, .priceListGross, .productGross,
    ]

    static let scoped: [PriceLevel: (ScopeKind, TargetKind)] = [
        .customerProduct: (.customer, .product), .customerDiscountGroup: (.customer, .discountGroup),
        .segmentProduct: (.segment, .product), .groupProduct: (.group, .product), .districtProduct: (.district, .product),
        .segmentDiscountGroup: (.segment, .discountGroup), .groupDiscountGroup: (.group, .discountGroup),
        .districtDiscountGroup: (.district, .discountGroup),
    ]
    static let scopedLevels: [PriceLevel] = documentOrder.filter { scoped[$0] != nil }

    /// Margins over the cost price 10.00 EUR: 10 % → 11.11, 20 % → 12.50, 25 % → 13.33, 50 % → 20.00.
    static let margins: [PriceLevel: (ScopeKind, String, Int64)] = [
        .customerMargin: (.customer, "10", 1111), .segmentMargin: (.segment, "20", 1250), .groupMargin: (.group, "25", 1333),
        .districtMargin: (.district, "50", 2000),
    ]
    static let cost: Int64 = 1000

    /// 1-based, as in the document.
    static func number(_ level: PriceLevel) -> Int64 { Int64(documentOrder.firstIndex(of: level)! + 1) }
    static func next(_ level: PriceLevel) -> PriceLevel { documentOrder[documentOrder.firstIndex(of: level)! + 1] }
    /// Level n's price is 1000 + n cents (a margin level's comes from its margin).
    static func unit(_ level: PriceLevel) -> Int64 { margins[level]?.2 ?? 1000 + number(level) }
    static func ruleID(_ level: PriceLevel) -> Int64? { scoped[level] != nil || margins[level] != nil ? 100 + number(level) : nil }
    static func type(_ level: PriceLevel) -> PriceType {
        switch level {
        case .customerMargin, .segmentMargin, .groupMargin, .districtMargin: .nNet
        case .priceListNet, .productNet: .eNet
        default: .gross
        }
    }

    /// Level 18 (the product's gross price) is always there: every product has one.
    static func make(levels: Set<PriceLevel>) -> (PriceBook, PricingQuery) {
        var priceRules: [PriceRule] = []
        var marginRules: [MarginRule] = []
        var shopPrices: [ShopPrice] = []
        var listPrices: [ListPrice] = []
        var net: Int64?
        var query = Fixture.makeQuery()
        for level in levels {
            if let (scope, target) = scoped[level] {
                priceRules.append(
                    PriceRule(
                        id: ruleID(level)!, scope: Fixture.scope(scope), target: Fixture.target(target), currency: "EUR",
                        amount: unit(level), type: .gross))
            } else if let (scope, margin, _) = margins[level] {
                marginRules.append(MarginRule(id: ruleID(level)!, scope: Fixture.scope(scope), margin: Fixture.percent(margin)))
            } else {
                switch level {
                case .userEntered:
                    query.userPrice = unit(level)
                    query.userPriceType = .gross
                case .customerShopPrice:
                    shopPrices.append(
                        ShopPrice(storeID: Fixture.storeID, productID: Fixture.productID, currency: "EUR", amount: unit(level)))
                case .priceListNet: listPrices.append(ListPrice(currency: "EUR", kind: .net, amount: unit(level)))
                case .productNet: net = unit(level)
                case .priceListGross: listPrices.append(ListPrice(currency: "EUR", kind: .gross, amount: unit(level)))
                default: break
                }
            }
        }
        let product = Fixture.makeProduct(gross: unit(.productGross), net: net, cost: cost, listPrices: listPrices)
        let book = Fixture.makeBook(products: [product], priceRules: priceRules, marginRules: marginRules, shopPrices: shopPrices)
        return (book, query)
    }
}

@Suite struct PriceListOrderTests {
    @Test func theEnumListsTheLevelsInTheDocumentsOrder() {
        #expect(PriceLevel.allCases == PriceLadder.documentOrder)
        #expect(PriceLevel.allCases.filter(\.isCustomerPrice) == Array(PriceLadder.documentOrder.prefix(13)))
    }

    @Test(arguments: PriceLadder.documentOrder.dropLast())
    func levelWinsOverTheNextOne(level: PriceLevel) throws {
        let next = PriceLadder.next(level)
        let (book, query) = PriceLadder.make(levels: [level, next])
        let both = try Fixture.resolve(query, in: book)
        #expect(both.priceLevel == level)
        #expect(both.unitPrice == PriceLadder.unit(level))
        #expect(both.lineTotal == PriceLadder.unit(level))
        #expect(both.priceRuleID == PriceLadder.ruleID(level))
        #expect(both.priceType == PriceLadder.type(level))
        #expect(both.priceCurrency == "EUR")

        // Without it, the next one is what is left.
        let (bookWithout, queryWithout) = PriceLadder.make(levels: [next])
        let alone = try Fixture.resolve(queryWithout, in: bookWithout)
        #expect(alone.priceLevel == next)
        #expect(alone.unitPrice == PriceLadder.unit(next))
        #expect(alone.priceRuleID == PriceLadder.ruleID(next))
    }

    @Test(arguments: PriceLadder.documentOrder)
    func levelWinsOverEveryLevelAfterIt(level: PriceLevel) throws {
        let (book, query) = PriceLadder.make(levels: Set(PriceLadder.documentOrder.drop { $0 != level }))
        let resolution = try Fixture.resolve(query, in: book, explain: true)
        #expect(resolution.priceLevel == level)
        #expect(resolution.unitPrice == PriceLadder.unit(level))
        #expect(resolution.priceRuleID == PriceLadder.ruleID(level))
        // The explanation walks the list in order up to the winner, and names it.
        let priceSteps = resolution.explanation?.filter { $0.list == .price } ?? []
        #expect(priceSteps.map(\.level) == PriceLadder.documentOrder.prefix { $0 != level }.map(\.name) + [level.name])
        #expect(priceSteps.dropLast().allSatisfy { $0.outcome == .skipped })
        #expect(priceSteps.last?.outcome == .won)
        #expect(priceSteps.last?.ruleID == PriceLadder.ruleID(level))
    }

    @Test func aVisitorGetsOnlyTheProductsOwnPrices() throws {
        let (book, query) = PriceLadder.make(levels: Set(PriceLadder.documentOrder.dropFirst()))
        let resolution = try Fixture.resolve(query, in: book, for: Fixture.visitor)
        // No customer, segment, group, district or store: the price list's net price wins.
        #expect(resolution.priceLevel == .priceListNet)
        #expect(resolution.unitPrice == PriceLadder.unit(.priceListNet))
    }
}

/// "Invoice, then company": a scoped rule in the invoice currency first, then one in the
/// company currency converted at the day's rate; no rate skips the level.
@Suite struct PriceCurrencyTests {
    static let sek = ExchangeRate(currency: "SEK", millionths: Fixture.sekRate)

    static func rule(_ level: PriceLevel, id: Int64, currency: String, amount: Int64, minimumQuantity: Int = 1) -> PriceRule {
        let (scope, target) = PriceLadder.scoped[level]!
        return PriceRule(
            id: id, scope: Fixture.scope(scope), target: Fixture.target(target), currency: currency, amount: amount, type: .gross,
            minimumQuantity: minimumQuantity)
    }

    @Test(arguments: PriceLadder.scopedLevels)
    func invoiceCurrencyRuleComesBeforeTheCompanyCurrencyRule(level: PriceLevel) throws {
        // The EUR rule is newer and has the higher tier: the SEK rule still wins, being in the invoice currency.
        let book = Fixture.makeBook(
            priceRules: [
                Self.rule(level, id: 1, currency: "SEK", amount: 12_000),
                Self.rule(level, id: 2, currency: "EUR", amount: 1000, minimumQuantity: 6),
            ],
            exchangeRates: [Self.sek])
        let resolution = try Fixture.resolve(Fixture.makeQuery(quantity: 6, currency: "SEK"), in: book)
        #expect(resolution.priceLevel == level)
        #expect(resolution.priceRuleID == 1)
        #expect(resolution.priceCurrency == "SEK")
        #expect(resolution.unitPrice == 12_000)
        #expect(resolution.lineTotal == 72_000)

        // Invoiced in EUR, the EUR rule is the invoice currency's.
        let inEUR = try Fixture.resolve(Fixture.makeQuery(quantity: 6), in: book)
        #expect(inEUR.priceRuleID == 2)
        #expect(inEUR.unitPrice == 1000)
    }

    @Test(arguments: PriceLadder.scopedLevels)
    func companyCurrencyRuleIsConvertedAtTheDaysRate(level: PriceLevel) throws {
        let book = Fixture.makeBook(
            priceRules: [Self.rule(level, id: 3, currency: "EUR", amount: 1999), Self.rule(level, id: 4, currency: "NOK", amount: 1)],
            exchangeRates: [
                ExchangeRate(currency: "SEK", millionths: 11_000_000, validity: Validity(from: nil, to: Fixture.day("2025-03-14"))),
                ExchangeRate(currency: "SEK", millionths: Fixture.sekRate, validity: Validity(from: Fixture.day("2025-03-15"), to: nil)),
            ])
        let resolution = try Fixture.resolve(Fixture.makeQuery(quantity: 3, currency: "SEK"), in: book)
        #expect(resolution.priceLevel == level)
        #expect(resolution.priceRuleID == 3)
        #expect(resolution.priceCurrency == "EUR")
        #expect(resolution.currency == "SEK")
        // 19.99 EUR × 11.4567 = 229.019433 SEK; three of them 687.058299.
        #expect(resolution.unitPrice == 22_902)
        #expect(resolution.lineTotal == 68_706)

        // The day before, the older rate: 19.99 × 11 = 219.89.
        let before = try Fixture.resolve(Fixture.makeQuery(currency: "SEK", day: Fixture.day("2025-03-14")), in: book)
        #expect(before.unitPrice == 21_989)
    }

    @Test(arguments: PriceLadder.scopedLevels)
    func noRateOnTheDaySkipsTheLevel(level: PriceLevel) throws {
        let product = Fixture.makeProduct(listPrices: [ListPrice(currency: "SEK", kind: .gross, amount: 9_999)])
        let book = Fixture.makeBook(
            products: [product], priceRules: [Self.rule(level, id: 5, currency: "EUR", amount: 1000)],
            exchangeRates: [
                ExchangeRate(currency: "SEK", millionths: Fixture.sekRate, validity: Validity(from: nil, to: Fixture.day("2025-03-14")))
            ])
        let resolution = try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: book, explain: true)
        #expect(resolution.priceLevel == .priceListGross)
        #expect(resolution.unitPrice == 9_999)
        let step = Fixture.step(resolution, level)
        #expect(step?.outcome == .skipped)
        #expect(step?.ruleID == 5)
        #expect(step?.reason.contains("exchange rate") == true)
    }

    @Test func marginPriceIsConvertedToTheInvoiceCurrency() throws {
        let book = Fixture.makeBook(
            products: [Fixture.makeProduct(cost: 1000)],
            marginRules: [MarginRule(id: 8, scope: .customer(Fixture.customerID), margin: Fixture.percent("20"))],
            exchangeRates: [Self.sek])
        let resolution = try Fixture.resolve(Fixture.makeQuery(quantity: 3, currency: "SEK"), in: book)
        #expect(resolution.priceLevel == .customerMargin)
        // 10.00 / 0.8 = 12.50 EUR = 143.20875 SEK; three 429.62625.
        #expect(resolution.unitPrice == 14_321)
        #expect(resolution.lineTotal == 42_963)

        let noRate = Fixture.makeBook(
            products: [Fixture.makeProduct(cost: 1000, listPrices: [ListPrice(currency: "SEK", kind: .gross, amount: 500)])],
            marginRules: [MarginRule(id: 8, scope: .customer(Fixture.customerID), margin: Fixture.percent("20"))])
        #expect(try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: noRate).priceLevel == .priceListGross)
    }

    @Test func shopPriceInTheStoresCurrency() throws {
        func book(_ currency: String, rates: [ExchangeRate]) -> PriceBook {
            Fixture.makeBook(
                products: [Fixture.makeProduct(listPrices: [ListPrice(currency: "SEK", kind: .gross, amount: 500)])],
                exchangeRates: rates,
                shopPrices: [ShopPrice(storeID: Fixture.storeID, productID: Fixture.productID, currency: currency, amount: 2000)])
        }
        let own = try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: book("SEK", rates: []))
        #expect(own.priceLevel == .customerShopPrice)
        #expect(own.unitPrice == 2000)
        #expect(own.priceType == .gross)
        let converted = try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: book("EUR", rates: [Self.sek]))
        #expect(converted.priceLevel == .customerShopPrice)
        #expect(converted.unitPrice == 22_913)  // 20.00 × 11.4567
        // A EUR store price with no SEK rate skips the level, and says why.
        let noRate = try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: book("EUR", rates: []), explain: true)
        #expect(noRate.priceLevel == .priceListGross)
        #expect(Fixture.step(noRate, PriceLevel.customerShopPrice)?.reason.contains("exchange rate") == true)
        // Another store's price is not this customer's.
        let otherStore = PricingCustomer(customerID: Fixture.customerID, groupID: Fixture.groupID, storeID: Fixture.storeID + 1)
        #expect(
            try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: book("SEK", rates: []), for: otherStore).priceLevel
                == .priceListGross)
    }

    @Test func productPricesInTheInvoiceCurrencyThenConverted() throws {
        let product = Fixture.makeProduct(
            gross: 1000, net: 800,
            listPrices: [
                ListPrice(currency: "EUR", kind: .net, amount: 700), ListPrice(currency: "EUR", kind: .gross, amount: 950),
                ListPrice(currency: "NOK", kind: .gross, amount: 12_000),
            ])
        let book = Fixture.makeBook(
            products: [product], exchangeRates: [Self.sek, ExchangeRate(currency: "NOK", millionths: 11_800_000)])
        // EUR: the price list's net price.
        #expect(try Fixture.resolve(Fixture.makeQuery(), in: book).priceLevel == .priceListNet)
        // SEK: the EUR net list price is no SEK price; the product's net price converted (8.00 × 11.4567).
        let sek = try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: book)
        #expect(sek.priceLevel == .productNet)
        #expect(sek.unitPrice == 9_165)
        #expect(sek.priceType == .eNet)

        let grossOnly = Fixture.makeProduct(
            gross: 1000,
            listPrices: [ListPrice(currency: "EUR", kind: .gross, amount: 950), ListPrice(currency: "NOK", kind: .gross, amount: 12_000)])
        let grossBook = Fixture.makeBook(
            products: [grossOnly], exchangeRates: [Self.sek, ExchangeRate(currency: "NOK", millionths: 11_800_000)])
        // NOK: the NOK list price as it is.
        let nok = try Fixture.resolve(Fixture.makeQuery(currency: "NOK"), in: grossBook)
        #expect(nok.priceLevel == .priceListGross)
        #expect(nok.unitPrice == 12_000)
        #expect(nok.priceCurrency == "NOK")
        // SEK: no SEK list price, so the EUR one converted (9.50 × 11.4567 = 108.83865).
        let sekGross = try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: grossBook)
        #expect(sekGross.priceLevel == .priceListGross)
        #expect(sekGross.unitPrice == 10_884)
        #expect(sekGross.priceCurrency == "EUR")
    }

    @Test func theNewestRateCoveringTheDayIsUsed() throws {
        let book = Fixture.makeBook(
            products: [Fixture.makeProduct(gross: 100)],
            exchangeRates: [
                ExchangeRate(currency: "SEK", millionths: 10_000_000, validity: Validity(from: Fixture.day("2025-01-01"), to: nil)),
                ExchangeRate(currency: "SEK", millionths: 12_000_000, validity: Validity(from: Fixture.day("2025-03-01"), to: nil)),
                ExchangeRate(currency: "SEK", millionths: 13_000_000, validity: Validity(from: Fixture.day("2025-03-16"), to: nil)),
            ])
        #expect(try Fixture.resolve(Fixture.makeQuery(currency: "SEK", day: Fixture.day("2025-02-28")), in: book).unitPrice == 1000)
        #expect(try Fixture.resolve(Fixture.makeQuery(currency: "SEK"), in: book).unitPrice == 1200)
        #expect(try Fixture.resolve(Fixture.makeQuery(currency: "SEK", day: Fixture.day("2025-03-16")), in: book).unitPrice == 1300)
        #expect(throws: PricingFailure.noExchangeRate(currency: "SEK", day: Fixture.day("2024-12-31"))) {
            try Fixture.resolve(Fixture.makeQuery(currency: "SEK", day: Fixture.day("2024-12-31")), in: book)
        }
    }
}
