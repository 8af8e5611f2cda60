import Pricing
import Testing

/// A book in which chosen levels of the discount list each have a discount for the fixture
/// product (gross 10.18 EUR, three pieces: 30.54) and customer.
enum DiscountLadder {
    /// docs/PRICING.md "The discount list", in its order.
    static let documentOrder: [DiscountLevel] = [
        .userAmount, .userPercentage, .customerProduct, .customerDiscountGroup, .segmentProduct, .groupProduct, .districtProduct,
        .segmentDiscountGroup, .groupDiscountGroup, .districtDiscountGroup, .discountGroupBase,
    ]

    static let scoped: [DiscountLevel: (ScopeKind, TargetKind)] = [
        .customerProduct: (.customer, .product), .customerDiscountGroup: (.customer, .discountGroup),
        .segmentProduct: (.segment, .product), .groupProduct: (.group, .product), .districtProduct: (.district, .product),
        .segmentDiscountGroup: (.segment, .discountGroup), .groupDiscountGroup: (.group, .discountGroup),
        .districtDiscountGroup: (.district, .discountGroup),
    ]

    static let quantity = 3
    static let amountOff: Int64 = 50

    static func number(_ level: DiscountLevel) -> Int { documentOrder.firstIndex(of: level)! + 1 }
    static func next(_ level: DiscountLevel) -> DiscountLevel { documentOrder[documentOrder.firstIndex(of: level)! + 1] }
    /// Level n's discount is n % (the amount level's is 0.50 off each piece).
    static func percentage(_ level: DiscountLevel) -> Percentage { Percentage(millionths: Int64(number(level)) * 10_000) }
    static func ruleID(_ level: DiscountLevel) -> Int64? { scoped[level] != nil ? 200 + Int64(number(level)) : nil }
    /// 30.54 less n %, or (10.18 − 0.50) × 3; all positive, so half up is half away from zero.
    static func line(_ level: DiscountLevel) -> Int64 {
        if level == .userAmount { return (1018 - amountOff) * 3 }
        return (3054 * Int64(100 - number(level)) + 50) / 100
    }

    static func make(levels: Set<DiscountLevel>, product: ProductPricing = Fixture.makeProduct()) -> (PriceBook, PricingQuery) {
        var rules: [DiscountRule] = []
        var groups: [Int64: Percentage] = [:]
        var query = Fixture.makeQuery(quantity: quantity)
        for level in levels {
            switch level {
            case .userAmount: query.userDiscountAmount = amountOff
            case .userPercentage: query.userDiscountPercentage = percentage(level)
            case .discountGroupBase: groups[Fixture.discountGroupID] = percentage(level)
            default:
                let (scope, target) = scoped[level]!
                rules.append(
                    DiscountRule(
                        id: ruleID(level)!, scope: Fixture.scope(scope), target: Fixture.target(target), percentage: percentage(level)))
            }
        }
        return (Fixture.makeBook(products: [product], discountGroups: groups, discountRules: rules), query)
    }
}

@Suite struct DiscountListOrderTests {
    @Test func theEnumListsTheLevelsInTheDocumentsOrder() {
        #expect(DiscountLevel.allCases == DiscountLadder.documentOrder)
        #expect(DiscountLevel.allCases.filter(\.isCustomerDiscount) == Array(DiscountLadder.documentOrder[2...9]))
        #expect(DiscountLevel.allCases.filter(\.isSpecial) == [.userAmount, .userPercentage])
    }

    @Test(arguments: DiscountLadder.documentOrder.dropLast())
    func levelWinsOverTheNextOne(level: DiscountLevel) throws {
        let next = DiscountLadder.next(level)
        let (book, query) = DiscountLadder.make(levels: [level, next])
        let both = try Fixture.resolve(query, in: book)
        #expect(both.priceLevel == .productGross)
        #expect(both.discountLevel == level)
        #expect(both.discountRuleID == DiscountLadder.ruleID(level))
        #expect(both.lineTotal == DiscountLadder.line(level))
        if level == .userAmount {
            #expect(both.discountAmount == DiscountLadder.amountOff)
            #expect(both.discountPercentage == nil)
        } else {
            #expect(both.discountPercentage == DiscountLadder.percentage(level))
            #expect(both.discountAmount == nil)
        }

        let (bookWithout, queryWithout) = DiscountLadder.make(levels: [next])
        let alone = try Fixture.resolve(queryWithout, in: bookWithout)
        #expect(alone.discountLevel == next)
        #expect(alone.discountRuleID == DiscountLadder.ruleID(next))
        #expect(alone.lineTotal == DiscountLadder.line(next))
    }

    @Test(arguments: DiscountLadder.documentOrder)
    func levelWinsOverEveryLevelAfterIt(level: DiscountLevel) throws {
        let (book, query) = DiscountLadder.make(levels: Set(DiscountLadder.documentOrder.drop { $0 != level }))
        let resolution = try Fixture.resolve(query, in: book, explain: true)
        #expect(resolution.discountLevel == level)
        #expect(resolution.lineTotal == DiscountLadder.line(level))
        let steps = resolution.explanation?.filter { $0.list == .discount } ?? []
        #expect(steps.map(\.level) == DiscountLadder.documentOrder.prefix { $0 != level }.map(\.name) + [level.name])
        #expect(steps.dropLast().allSatisfy { $0.outcome == .skipped })
        #expect(steps.last?.outcome == .won)
        #expect(steps.last?.ruleID == DiscountLadder.ruleID(level))
    }

    @Test func noDiscountAnywhere() throws {
        let (book, query) = DiscountLadder.make(levels: [])
        let resolution = try Fixture.resolve(query, in: book, explain: true)
        #expect(resolution.discountLevel == nil)
        #expect(resolution.lineTotal == 3054)
        #expect(resolution.explanation?.filter { $0.list == .discount }.count == 11)
    }

    @Test func aZeroBaseCountsAsNone() throws {
        let book = Fixture.makeBook(discountGroups: [Fixture.discountGroupID: .zero])
        let resolution = try Fixture.resolve(Fixture.makeQuery(), in: book, explain: true)
        #expect(resolution.discountLevel == nil)
        #expect(Fixture.discountStep(resolution, .discountGroupBase)?.outcome == .skipped)
    }

    @Test func discountGroupRulesNeedTheProductToHaveTheGroup() throws {
        let levels: Set<DiscountLevel> = [
            .customerDiscountGroup, .segmentDiscountGroup, .groupDiscountGroup, .districtDiscountGroup, .discountGroupBase,
        ]
        let (book, query) = DiscountLadder.make(levels: levels, product: Fixture.makeProduct(discountGroupID: nil))
        let resolution = try Fixture.resolve(query, in: book, explain: true)
        #expect(resolution.discountLevel == nil)
        for level in levels { #expect(Fixture.discountStep(resolution, level)?.reason == "the product has no discount group") }
        // A product of another group does not take them either.
        let (otherBook, _) = DiscountLadder.make(levels: levels, product: Fixture.makeProduct(discountGroupID: 8))
        #expect(try Fixture.resolve(query, in: otherBook).discountLevel == nil)
    }

    @Test func customersOwnGroupDiscountReplacesTheBase() throws {
        let book = Fixture.makeBook(
            discountGroups: [Fixture.discountGroupID: Fixture.percent("30")],
            discountRules: [
                DiscountRule(
                    id: 1, scope: .customer(Fixture.customerID), target: .discountGroup(Fixture.discountGroupID),
                    percentage: Fixture.percent("5"))
            ])
        #expect(try Fixture.resolve(Fixture.makeQuery(), in: book).discountPercentage == Fixture.percent("5"))
        // Someone else gets the base.
        let someoneElse = PricingCustomer(customerID: Fixture.customerID + 1, groupID: Fixture.groupID)
        #expect(try Fixture.resolve(Fixture.makeQuery(), in: book, for: someoneElse).discountPercentage == Fixture.percent("30"))
    }
}
