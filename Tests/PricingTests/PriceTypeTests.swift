import Pricing
import Testing

/// Gross prices take discounts, E-net only a typed one, N-net none; a customer price
/// suppresses customer discounts; the default group alone decides.
@Suite struct PriceTypeTests {
    /// Every discount level has something: a typed discount (when asked), a customer discount and a base.
    static func book(customerPrice type: PriceType?) -> PriceBook {
        Fixture.makeBook(
            products: [Fixture.makeProduct(gross: 2000, net: 1500)],
            discountGroups: [Fixture.discountGroupID: Fixture.percent("11")],
            priceRules: type.map {
                [
                    PriceRule(
                        id: 1, scope: .customer(Fixture.customerID), target: .product(Fixture.productID), currency: "EUR", amount: 1000,
                        type: $0)
                ]
            } ?? [],
            discountRules: [
                DiscountRule(
                    id: 2, scope: .customer(Fixture.customerID), target: .product(Fixture.productID), percentage: Fixture.percent("20"))
            ])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var price: PriceType?
        var typed: PricingQuery
        var discount: DiscountLevel?
        var line: Int64
        var testDescription: String { "\(price?.rawValue ?? "no customer price"), typed \(discount?.name ?? "-") → \(line)" }
    }

    static let untyped = Fixture.makeQuery(quantity: 2)
    static let typedPercentage = Fixture.makeQuery(quantity: 2, userDiscountPercentage: Fixture.percent("3"))
    static let typedAmount = Fixture.makeQuery(quantity: 2, userDiscountAmount: 100)

    @Test(arguments: [
        // Gross customer price 10.00: customer discounts suppressed, but the base and typed discounts apply.
        Case(price: .gross, typed: untyped, discount: .discountGroupBase, line: 1780),
        Case(price: .gross, typed: typedPercentage, discount: .userPercentage, line: 1940),
        Case(price: .gross, typed: typedAmount, discount: .userAmount, line: 1800),
        // E-net customer price: only the typed discounts.
        Case(price: .eNet, typed: untyped, discount: nil, line: 2000),
        Case(price: .eNet, typed: typedPercentage, discount: .userPercentage, line: 1940),
        Case(price: .eNet, typed: typedAmount, discount: .userAmount, line: 1800),
        // N-net customer price: nothing.
        Case(price: .nNet, typed: untyped, discount: nil, line: 2000),
        Case(price: .nNet, typed: typedPercentage, discount: nil, line: 2000),
        Case(price: .nNet, typed: typedAmount, discount: nil, line: 2000),
        // No customer price: the product's net price 15.00 is E-net.
        Case(price: nil, typed: untyped, discount: nil, line: 3000),
        Case(price: nil, typed: typedPercentage, discount: .userPercentage, line: 2910),
        Case(price: nil, typed: typedAmount, discount: .userAmount, line: 2800),
    ])
    func discountsByPriceType(testCase: Case) throws {
        let resolution = try Fixture.resolve(testCase.typed, in: Self.book(customerPrice: testCase.price), explain: true)
        #expect(resolution.priceType == (testCase.price ?? .eNet))
        #expect(resolution.discountLevel == testCase.discount)
        #expect(resolution.lineTotal == testCase.line)
        if testCase.price == .nNet {
            #expect(
                resolution.explanation?.last
                    == ExplanationStep(
                        list: .discount, level: DiscountLevel.userAmount.name, outcome: .excluded,
                        reason: "an N-net price takes no discount"))
        }
        if resolution.priceType == .eNet && resolution.discountLevel == nil {
            for level in DiscountLevel.allCases where !level.isSpecial {
                #expect(Fixture.discountStep(resolution, level)?.outcome == .excluded)
            }
        }
    }

    @Test func withoutCustomerPriceTheCustomerDiscountApplies() throws {
        let book = Fixture.makeBook(
            products: [Fixture.makeProduct(gross: 2000)], discountGroups: [Fixture.discountGroupID: Fixture.percent("11")],
            discountRules: [
                DiscountRule(
                    id: 2, scope: .customer(Fixture.customerID), target: .product(Fixture.productID), percentage: Fixture.percent("20"))
            ])
        let resolution = try Fixture.resolve(Self.untyped, in: book)
        #expect(resolution.discountRuleID == 2)
        #expect(resolution.lineTotal == 3200)
    }

    @Test(arguments: [PriceLevel.customerShopPrice, .priceListGross, .productGross])
    func nonCustomerGrossPricesTakeCustomerDiscounts(level: PriceLevel) throws {
        let levels = Set(PriceLadder.documentOrder.drop { $0 != level })
        let listPrices =
            levels.contains(.priceListGross) ? [ListPrice(currency: "EUR", kind: .gross, amount: PriceLadder.unit(.priceListGross))] : []
        let shopPrices =
            levels.contains(.customerShopPrice)
            ? [
                ShopPrice(
                    storeID: Fixture.storeID, productID: Fixture.productID, currency: "EUR", amount: PriceLadder.unit(.customerShopPrice))
            ] : []
        let book = Fixture.makeBook(
            products: [Fixture.makeProduct(gross: PriceLadder.unit(.productGross), listPrices: listPrices)],
            discountRules: [
                DiscountRule(
                    id: 9, scope: .district(Fixture.district), target: .discountGroup(Fixture.discountGroupID),
                    percentage: Fixture.percent("50"))
            ],
            shopPrices: shopPrices)
        let query = Fixture.makeQuery()
        let resolution = try Fixture.resolve(query, in: book)
        #expect(resolution.priceLevel == level)
        #expect(resolution.discountRuleID == 9)
        #expect(resolution.lineTotal == (PriceLadder.unit(level) + 1) / 2)
    }

    @Test(arguments: [PriceType.gross, .eNet, .nNet])
    func aTypedPriceIsNNetUnlessSaidOtherwise(type: PriceType) throws {
        let book = Fixture.makeBook(discountGroups: [Fixture.discountGroupID: Fixture.percent("10")])
        let untypedType = try Fixture.resolve(
            Fixture.makeQuery(userPrice: 500, userDiscountPercentage: Fixture.percent("20")), in: book)
        #expect(untypedType.priceType == .nNet)
        #expect(untypedType.lineTotal == 500)
        let resolution = try Fixture.resolve(
            Fixture.makeQuery(userPrice: 500, userPriceType: type, userDiscountPercentage: Fixture.percent("20")), in: book)
        #expect(resolution.priceLevel == .userEntered)
        #expect(resolution.priceType == type)
        #expect(resolution.lineTotal == (type == .nNet ? 500 : 400))
        // Without a typed discount, a typed gross price takes the base (a customer price: no customer discounts).
        let base = try Fixture.resolve(Fixture.makeQuery(userPrice: 500, userPriceType: type), in: book)
        #expect(base.discountLevel == (type == .gross ? .discountGroupBase : nil))
    }

    @Test func theDefaultGroupDecides() throws {
        func rule(_ id: Int64, _ group: Int64, _ amount: Int64) -> PriceRule {
            PriceRule(id: id, scope: .group(group), target: .product(Fixture.productID), currency: "EUR", amount: amount, type: .gross)
        }
        func discount(_ id: Int64, _ group: Int64, _ percentage: String) -> DiscountRule {
            DiscountRule(id: id, scope: .group(group), target: .product(Fixture.productID), percentage: Fixture.percent(percentage))
        }
        // The customer is in groups 20 (default) and 21; only 21 has a price, only 20 a discount.
        let book = Fixture.makeBook(
            priceRules: [rule(1, Fixture.otherGroupID, 500)],
            discountRules: [discount(2, Fixture.groupID, "10"), discount(3, Fixture.otherGroupID, "40")])
        let byDefault = try Fixture.resolve(Fixture.makeQuery(), in: book, explain: true)
        #expect(byDefault.priceLevel == .productGross)
        #expect(byDefault.discountRuleID == 2)
        #expect(Fixture.step(byDefault, PriceLevel.groupProduct)?.reason == "no rule for this product")
        // The same customer with 21 as the default group gets 21's price and no customer discount.
        var other = Fixture.customer
        other.groupID = Fixture.otherGroupID
        let byOther = try Fixture.resolve(Fixture.makeQuery(), in: book, for: other)
        #expect(byOther.priceRuleID == 1)
        #expect(byOther.discountLevel == nil)
        // A group with no rules at all says which group was looked at.
        var third = Fixture.customer
        third.groupID = 22
        let byThird = try Fixture.resolve(Fixture.makeQuery(), in: book, for: third, explain: true)
        #expect(Fixture.step(byThird, PriceLevel.groupProduct)?.reason == "no rules for the default group 22")
    }
}
