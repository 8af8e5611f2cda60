import Pricing

/// One shop, one customer and one product, with names for the values every table reuses:
/// the company currency is EUR, the invoice currency of the scoped tests SEK at 11.4567.
enum Fixture {
    static let company = "EUR"
    static let productID: Int64 = 10
    static let discountGroupID: Int64 = 7
    static let customerID: Int64 = 100
    /// The customer's default group.
    static let groupID: Int64 = 20
    /// Another group the customer belongs to; it decides nothing.
    static let otherGroupID: Int64 = 21
    static let segment = "hvac"
    static let district = "uusimaa"
    static let storeID: Int64 = 5
    static let today = day("2025-03-15")
    /// 11.4567 SEK per EUR.
    static let sekRate: Int64 = 11_456_700

    static let customer = PricingCustomer(
        customerID: customerID, segment: segment, groupID: groupID, district: district, storeID: storeID)
    static let visitor = PricingCustomer(customerID: nil, groupID: nil)

    static func day(_ text: String) -> PricingDay {
        guard let day = PricingDay(text) else { fatalError("not a day in the test itself: \(text)") }
        return day
    }

    static func percent(_ text: String) -> Percentage {
        guard let percentage = Percentage(parsing: text) else { fatalError("not a percentage in the test itself: \(text)") }
        return percentage
    }

    /// The scope a test rule of `kind` has: always the fixture customer's own.
    static func scope(_ kind: ScopeKind) -> RuleScope {
        switch kind {
        case .customer: .customer(customerID)
        case .segment: .segment(segment)
        case .group: .group(groupID)
        case .district: .district(district)
        }
    }

    static func target(_ kind: TargetKind) -> RuleTarget {
        switch kind {
        case .product: .product(productID)
        case .discountGroup: .discountGroup(discountGroupID)
        }
    }

    static func makeProduct(
        id: Int64 = productID, discountGroupID: Int64? = Fixture.discountGroupID, gross: Int64 = 1018, net: Int64? = nil,
        cost: Int64? = nil, listPrices: [ListPrice] = []
    ) -> ProductPricing {
        ProductPricing(
            id: id, sku: "SKU-\(id)", discountGroupID: discountGroupID, grossPrice: gross, netPrice: net, costPrice: cost,
            listPrices: listPrices)
    }

    static func makeBook(
        products: [ProductPricing] = [makeProduct()], discountGroups: [Int64: Percentage] = [:], priceRules: [PriceRule] = [],
        discountRules: [DiscountRule] = [], marginRules: [MarginRule] = [], exchangeRates: [ExchangeRate] = [],
        shopPrices: [ShopPrice] = []
    ) -> PriceBook {
        PriceBook(
            companyCurrency: company, products: products, discountGroups: discountGroups, priceRules: priceRules,
            discountRules: discountRules, marginRules: marginRules, exchangeRates: exchangeRates, shopPrices: shopPrices)
    }

    static func makeQuery(
        product: Int64 = productID, quantity: Int = 1, currency: String = company, day: PricingDay = today,
        userPrice: Int64? = nil, userPriceType: PriceType = .nNet, userDiscountAmount: Int64? = nil,
        userDiscountPercentage: Percentage? = nil
    ) -> PricingQuery {
        PricingQuery(
            productID: product, quantity: quantity, currency: currency, day: day, userPrice: userPrice, userPriceType: userPriceType,
            userDiscountAmount: userDiscountAmount, userDiscountPercentage: userDiscountPercentage)
    }

    static func resolve(
        _ query: PricingQuery, in book: PriceBook, for customer: PricingCustomer = customer, explain: Bool = false
    ) throws(PricingFailure) -> PriceResolution {
        try PricingEngine.resolve(query, for: book.context(for: customer), in: book, explain: explain)
    }

    /// The explanation step for `level` of the price list, if the engine listed one.
    static func step(_ resolution: PriceResolution, _ level: PriceLevel) -> ExplanationStep? {
        resolution.explanation?.first { $0.list == .price && $0.level == level.name }
    }

    static func discountStep(_ resolution: PriceResolution, _ level: DiscountLevel) -> ExplanationStep? {
        resolution.explanation?.first { $0.list == .discount && $0.level == level.name }
    }
}
