import Pricing

/// A shop's prices as flat arrays: what the property test generates, hands to `PriceBook`,
/// and reads again, slowly and plainly, in `ReferencePricing`.
struct FlatBook: CustomStringConvertible {
    var companyCurrency: String
    var products: [ProductPricing]
    var discountGroups: [Int64: Percentage]
    var priceRules: [PriceRule]
    var discountRules: [DiscountRule]
    var marginRules: [MarginRule]
    var exchangeRates: [ExchangeRate]
    var shopPrices: [ShopPrice]

    func priceBook() -> PriceBook {
        PriceBook(
            companyCurrency: companyCurrency, products: products, discountGroups: discountGroups, priceRules: priceRules,
            discountRules: discountRules, marginRules: marginRules, exchangeRates: exchangeRates, shopPrices: shopPrices)
    }

    var description: String {
        var lines = ["company currency \(companyCurrency)"]
        lines += products.map { "product \($0)" }
        lines += discountGroups.sorted { $0.key < $1.key }.map { "discount group \($0.key): base \($0.value) %" }
        lines += priceRules.map { "price \($0)" }
        lines += discountRules.map { "discount \($0)" }
        lines += marginRules.map { "margin \($0)" }
        lines += exchangeRates.map { "rate \($0)" }
        lines += shopPrices.map { "shop price \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// What the property test compares: everything the engine decides about a line.
struct LineAnswer: Equatable, CustomStringConvertible {
    var priceLevel: PriceLevel
    var priceRuleID: Int64?
    var priceType: PriceType
    var priceCurrency: String
    var discountLevel: DiscountLevel?
    var discountRuleID: Int64?
    var discountPercentage: Percentage?
    var discountAmount: Int64?
    var unitPrice: Int64
    var lineTotal: Int64

    var description: String {
        "price \(priceLevel.name) rule \(priceRuleID.map(String.init) ?? "-") \(priceType.rawValue) in \(priceCurrency); "
            + "discount \(discountLevel?.name ?? "none") rule \(discountRuleID.map(String.init) ?? "-") "
            + "\(discountPercentage.map { "\($0) %" } ?? "") \(discountAmount.map { "\($0) off" } ?? ""); "
            + "unit \(unitPrice), line \(lineTotal)"
    }
}

extension LineAnswer {
    init(_ resolution: PriceResolution) {
        self.init(
            priceLevel: resolution.priceLevel, priceRuleID: resolution.priceRuleID, priceType: resolution.priceType,
            priceCurrency: resolution.priceCurrency, discountLevel: resolution.discountLevel, discountRuleID: resolution.discountRuleID,
            discountPercentage: resolution.discountPercentage, discountAmount: resolution.discountAmount, unitPrice: resolution.unitPrice,
            lineTotal: resolution.lineTotal)
    }
}

/// docs/PRICING.md read as plainly as possible: every level filters the flat arrays of
/// rules again, nothing is indexed, sorted or cached, and no code of the engine is used
/// beyond its public value types. Slow on purpose; it is the yardstick.
enum ReferencePricing {
    /// An exact amount of the invoice currency's minor unit: numerator / denominator.
    struct Exact {
        var numerator: Int128
        var denominator: Int128
    }

    static func resolve(_ query: PricingQuery, _ customer: PricingCustomer, _ book: FlatBook) -> Result<LineAnswer, PricingFailure> {
        // "Quantity is 1 to 1,000,000."
        guard query.quantity >= 1 && query.quantity <= 1_000_000 else { return .failure(.invalidQuantity(query.quantity)) }
        guard let product = book.products.first(where: { $0.id == query.productID }) else {
            return .failure(.unknownProduct(query.productID))
        }
        guard let price = findPrice(query, customer, product, book) else {
            return .failure(.noExchangeRate(currency: query.currency, day: query.day))
        }
        let discount = findDiscount(query, customer, product, price, book)

        let quantity = Int128(query.quantity)
        var line = Exact(numerator: price.value.numerator * quantity, denominator: price.value.denominator)
        switch discount?.off {
        case .percentage(let percentage)?:
            // unit × quantity × (1 − percentage)
            line = Exact(
                numerator: line.numerator * (1_000_000 - Int128(percentage.millionths)), denominator: line.denominator * 1_000_000)
        case .amount(let amount)?:
            // (unit − amount) × quantity
            line = Exact(
                numerator: (price.value.numerator - Int128(amount) * price.value.denominator) * quantity,
                denominator: price.value.denominator)
        case nil:
            break
        }
        // A discount never takes the line below 0.
        if discount != nil && line.numerator < 0 { line.numerator = 0 }

        var percentage: Percentage?
        var amount: Int64?
        switch discount?.off {
        case .percentage(let value)?: percentage = value
        case .amount(let value)?: amount = value
        case nil: break
        }
        return .success(
            LineAnswer(
                priceLevel: price.level, priceRuleID: price.ruleID, priceType: price.type, priceCurrency: price.currency,
                discountLevel: discount?.level, discountRuleID: discount?.ruleID, discountPercentage: percentage, discountAmount: amount,
                unitPrice: rounded(price.value), lineTotal: rounded(line)))
    }

    /// Half away from zero, written differently from the engine's: ⌊(2|n| + d) / 2d⌋ with the sign put back.
    static func rounded(_ value: Exact) -> Int64 {
        precondition(value.denominator > 0)
        let magnitude = (2 * value.numerator.magnitude + value.denominator.magnitude) / (2 * value.denominator.magnitude)
        return value.numerator < 0 ? -Int64(magnitude) : Int64(magnitude)
    }

    // MARK: - Rules

    static func isValid(_ validity: Validity, on day: PricingDay) -> Bool {
        (validity.from == nil || validity.from!.value <= day.value) && (validity.to == nil || day.value <= validity.to!.value)
    }

    static func isFor(_ scope: RuleScope, _ kind: ScopeKind, _ customer: PricingCustomer) -> Bool {
        switch (scope, kind) {
        case (.customer(let id), .customer): return customer.customerID == id
        case (.segment(let code), .segment): return customer.segment == code
        case (.group(let id), .group): return customer.groupID == id
        case (.district(let code), .district): return customer.district == code
        default: return false
        }
    }

    static func isAbout(_ target: RuleTarget, _ kind: TargetKind, _ product: ProductPricing) -> Bool {
        switch (target, kind) {
        case (.product(let id), .product): return id == product.id
        case (.discountGroup(let id), .discountGroup): return product.discountGroupID == id
        default: return false
        }
    }

    /// "The one with the highest tier wins, then the newest (highest id)."
    static func best<Rule>(_ rules: [Rule], tier: (Rule) -> Int, id: (Rule) -> Int64) -> Rule? {
        var best: Rule?
        for rule in rules {
            if let current = best, (tier(current), id(current)) >= (tier(rule), id(rule)) { continue }
            best = rule
        }
        return best
    }

    /// Units of `currency` per company unit (× 1,000,000): of the rates covering the day,
    /// the one that started last; of those, the first given.
    static func rate(_ currency: String, _ day: PricingDay, _ book: FlatBook) -> Int64? {
        if currency == book.companyCurrency { return 1_000_000 }
        var found: ExchangeRate?
        for rate in book.exchangeRates where rate.currency == currency && isValid(rate.validity, on: day) {
            if let current = found, start(current.validity) >= start(rate.validity) { continue }
            found = rate
        }
        return found?.millionths
    }

    static func start(_ validity: Validity) -> Int64 { validity.from.map { Int64($0.value) } ?? Int64.min }

    /// A price-list price: of those valid on the day, the period that started last; of those, the first given.
    static func listPrice(_ product: ProductPricing, _ kind: ListPrice.Kind, _ currency: String, _ day: PricingDay) -> ListPrice? {
        var found: ListPrice?
        for price in product.listPrices where price.kind == kind && price.currency == currency && isValid(price.validity, on: day) {
            if let current = found, start(current.validity) >= start(price.validity) { continue }
            found = price
        }
        return found
    }

    // MARK: - The price list

    struct Price {
        var level: PriceLevel
        var type: PriceType
        var value: Exact
        var ruleID: Int64?
        var currency: String
    }

    static let scopedPriceLevels: [(PriceLevel, ScopeKind, TargetKind)] = [
        (.customerProduct, .customer, .product), (.customerDiscountGroup, .customer, .discountGroup),
        (.segmentProduct, .segment, .product), (.groupProduct, .group, .product), (.districtProduct, .district, .product),
        (.segmentDiscountGroup, .segment, .discountGroup), (.groupDiscountGroup, .group, .discountGroup),
        (.districtDiscountGroup, .district, .discountGroup),
    ]
    static let marginLevels: [(PriceLevel, ScopeKind)] = [
        (.customerMargin, .customer), (.segmentMargin, .segment), (.groupMargin, .group), (.districtMargin, .district),
    ]

    /// nil: not even the product's gross price could be given (no exchange rate).
    static func findPrice(_ query: PricingQuery, _ customer: PricingCustomer, _ product: ProductPricing, _ book: FlatBook) -> Price? {
        let invoice = query.currency
        let company = book.companyCurrency
        let day = query.day
        let rate = Self.rate(invoice, day, book)
        func inInvoice(_ amount: Int64) -> Exact { Exact(numerator: Int128(amount), denominator: 1) }
        /// A company-currency amount in the invoice currency; nil without a rate.
        func converted(_ value: Exact) -> Exact? {
            guard let rate else { return nil }
            return Exact(numerator: value.numerator * Int128(rate), denominator: value.denominator * 1_000_000)
        }

        // 1. user-entered price
        if let typed = query.userPrice {
            return Price(level: .userEntered, type: query.userPriceType, value: inInvoice(typed), ruleID: nil, currency: invoice)
        }
        // 2–9. scoped prices, the invoice currency then the company currency
        for (level, scope, target) in scopedPriceLevels {
            let applying = book.priceRules.filter {
                isFor($0.scope, scope, customer) && isAbout($0.target, target, product) && $0.minimumQuantity <= query.quantity
                    && isValid($0.validity, on: day)
            }
            if let rule = best(applying.filter { $0.currency == invoice }, tier: \.minimumQuantity, id: \.id) {
                return Price(level: level, type: rule.type, value: inInvoice(rule.amount), ruleID: rule.id, currency: invoice)
            }
            if let rule = best(applying.filter { $0.currency == company }, tier: \.minimumQuantity, id: \.id),
                let value = converted(inInvoice(rule.amount))
            {
                return Price(level: level, type: rule.type, value: value, ruleID: rule.id, currency: company)
            }
        }
        // 10–13. margin prices: cost / (1 − margin), N-net, converted
        for (level, scope) in marginLevels {
            let applying = book.marginRules.filter {
                isFor($0.scope, scope, customer) && $0.minimumQuantity <= query.quantity && isValid($0.validity, on: day)
            }
            guard let rule = best(applying, tier: \.minimumQuantity, id: \.id), let cost = product.costPrice else { continue }
            // A margin of 100 % or more leaves no price.
            guard rule.margin.millionths < 1_000_000 else { continue }
            let inCompany = Exact(numerator: Int128(cost) * 1_000_000, denominator: Int128(1_000_000 - rule.margin.millionths))
            if let value = converted(inCompany) {
                return Price(level: level, type: .nNet, value: value, ruleID: rule.id, currency: company)
            }
        }
        // 14. the customer's store's own price, gross, in the store's currency
        if let store = customer.storeID,
            let shopPrice = book.shopPrices.last(where: { $0.storeID == store && $0.productID == product.id })
        {
            if shopPrice.currency == invoice {
                return Price(level: .customerShopPrice, type: .gross, value: inInvoice(shopPrice.amount), ruleID: nil, currency: invoice)
            }
            if shopPrice.currency == company, let value = converted(inInvoice(shopPrice.amount)) {
                return Price(level: .customerShopPrice, type: .gross, value: value, ruleID: nil, currency: company)
            }
        }
        // 15. net price from the price list, invoice currency, E-net
        if let list = listPrice(product, .net, invoice, day) {
            return Price(level: .priceListNet, type: .eNet, value: inInvoice(list.amount), ruleID: nil, currency: invoice)
        }
        // 16. the product's net price, converted, E-net
        if let net = product.netPrice, let value = converted(inInvoice(net)) {
            return Price(level: .productNet, type: .eNet, value: value, ruleID: nil, currency: company)
        }
        // 17. gross price from the price list, the invoice currency then the company currency
        if let list = listPrice(product, .gross, invoice, day) {
            return Price(level: .priceListGross, type: .gross, value: inInvoice(list.amount), ruleID: nil, currency: invoice)
        }
        if let list = listPrice(product, .gross, company, day), let value = converted(inInvoice(list.amount)) {
            return Price(level: .priceListGross, type: .gross, value: value, ruleID: nil, currency: company)
        }
        // 18. the product's gross price, converted
        guard let value = converted(inInvoice(product.grossPrice)) else { return nil }
        return Price(level: .productGross, type: .gross, value: value, ruleID: nil, currency: company)
    }

    // MARK: - The discount list

    enum Off {
        case percentage(Percentage)
        case amount(Int64)
    }

    struct Discount {
        var level: DiscountLevel
        var off: Off
        var ruleID: Int64?
    }

    static let scopedDiscountLevels: [(DiscountLevel, ScopeKind, TargetKind)] = [
        (.customerProduct, .customer, .product), (.customerDiscountGroup, .customer, .discountGroup),
        (.segmentProduct, .segment, .product), (.groupProduct, .group, .product), (.districtProduct, .district, .product),
        (.segmentDiscountGroup, .segment, .discountGroup), (.groupDiscountGroup, .group, .discountGroup),
        (.districtDiscountGroup, .district, .discountGroup),
    ]

    static func findDiscount(
        _ query: PricingQuery, _ customer: PricingCustomer, _ product: ProductPricing, _ price: Price, _ book: FlatBook
    ) -> Discount? {
        // N-net: no discount at all.
        if price.type == .nNet { return nil }
        // 1–2. typed on the line: the special discounts, which E-net prices still take.
        if let amount = query.userDiscountAmount { return Discount(level: .userAmount, off: .amount(amount), ruleID: nil) }
        if let percentage = query.userDiscountPercentage {
            return Discount(level: .userPercentage, off: .percentage(percentage), ruleID: nil)
        }
        if price.type == .eNet { return nil }
        // 3–10. customer discounts, unless a customer price (levels 1–13) won.
        let customerPriceLevels: [PriceLevel] = [
            .userEntered, .customerProduct, .customerDiscountGroup, .segmentProduct, .groupProduct, .districtProduct,
            .segmentDiscountGroup, .groupDiscountGroup, .districtDiscountGroup, .customerMargin, .segmentMargin, .groupMargin,
            .districtMargin,
        ]
        if !customerPriceLevels.contains(price.level) {
            for (level, scope, target) in scopedDiscountLevels {
                let applying = book.discountRules.filter {
                    isFor($0.scope, scope, customer) && isAbout($0.target, target, product) && $0.minimumQuantity <= query.quantity
                        && isValid($0.validity, on: query.day)
                }
                if let rule = best(applying, tier: \.minimumQuantity, id: \.id) {
                    return Discount(level: level, off: .percentage(rule.percentage), ruleID: rule.id)
                }
            }
        }
        // 11. the discount group's base percentage; 0 % counts as none.
        if let group = product.discountGroupID, let base = book.discountGroups[group], base.millionths != 0 {
            return Discount(level: .discountGroupBase, off: .percentage(base), ruleID: nil)
        }
        return nil
    }
}
