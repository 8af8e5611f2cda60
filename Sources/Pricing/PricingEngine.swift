/// Walks DOMAIN.md's price list and then its discount list for one line, first match
/// wins in each, and returns the price, the discount, the rounded line total and, when
/// asked, the explanation of every level considered. Pure: it reads only the `PriceBook`
/// and the query, so the storefront, carts, draft orders and the price endpoints all get
/// the same answer for the same line.
public enum PricingEngine {
    /// The largest quantity one line may have; keeps the exact arithmetic within 128 bits.
    public static let maximumQuantity = 1_000_000

    public static func resolve(
        _ query: PricingQuery, for context: PricingContext, in book: PriceBook, explain: Bool = false
    ) throws(PricingFailure) -> PriceResolution {
        guard query.quantity >= 1, query.quantity <= maximumQuantity else { throw .invalidQuantity(query.quantity) }
        guard let product = book.products[query.productID] else { throw .unknownProduct(query.productID) }
        var steps: [ExplanationStep]? = explain ? [] : nil
        let price = try findPrice(query, product, context, book, &steps)
        let discount = findDiscount(query, product, price, context, book, &steps)
        let quantity = Int128(query.quantity)
        var numerator = price.numerator * quantity
        var denominator = price.denominator
        var percentage: Percentage?
        var amount: Int64?
        switch discount?.value {
        case .percentage(let value)?:
            percentage = value
            numerator *= Int128(1_000_000 - value.millionths)
            denominator *= 1_000_000
        case .amount(let value)?:
            amount = value
            numerator -= Int128(value) * denominator * quantity
        case nil:
            break
        }
        // PRICING.md "The line": a discount never takes the line below 0 (an amount larger
        // than the price, or a percentage over 100 %).
        if discount != nil && numerator < 0 { numerator = 0 }
        return PriceResolution(
            productID: product.id, quantity: query.quantity, currency: query.currency,
            unitPrice: Rounding.halfAwayFromZero(price.numerator, over: price.denominator),
            priceLevel: price.level, priceType: price.type, priceRuleID: price.ruleID, priceCurrency: price.currency,
            discountLevel: discount?.level, discountRuleID: discount?.ruleID, discountPercentage: percentage,
            discountAmount: amount, lineTotal: Rounding.halfAwayFromZero(numerator, over: denominator),
            explanation: steps)
    }

    /// A price as an exact fraction of the invoice currency's minor unit.
    struct FoundPrice {
        var level: PriceLevel
        var type: PriceType
        var numerator: Int128
        var denominator: Int128
        var ruleID: Int64?
        var currency: String
    }

    struct FoundDiscount {
        enum Value { case percentage(Percentage), amount(Int64) }
        var level: DiscountLevel
        var value: Value
        var ruleID: Int64?
    }

    // MARK: - The price list

    static func findPrice(
        _ query: PricingQuery, _ product: ProductPricing, _ context: PricingContext, _ book: PriceBook,
        _ steps: inout [ExplanationStep]?
    ) throws(PricingFailure) -> FoundPrice {
        let invoice = query.currency
        let company = book.companyCurrency
        let day = query.day
        let companyRate = book.rate(invoice, on: day)

        func note(_ level: PriceLevel, _ outcome: ExplanationStep.Outcome, _ reason: String, _ rule: Int64? = nil) {
            steps?.append(ExplanationStep(list: .price, level: level.name, outcome: outcome, reason: reason, ruleID: rule))
        }
        /// A company-currency amount in the invoice currency, exactly.
        func converted(_ level: PriceLevel, _ type: PriceType, _ amount: Int128, _ denominator: Int128, _ rule: Int64?)
            -> FoundPrice?
        {
            guard let rate = companyRate else { return nil }
            if rate == 1_000_000 {
                return FoundPrice(level: level, type: type, numerator: amount, denominator: denominator, ruleID: rule, currency: company)
            }
            return FoundPrice(
                level: level, type: type, numerator: amount * Int128(rate), denominator: denominator * 1_000_000, ruleID: rule,
                currency: company)
        }

        if let typed = query.userPrice {
            note(.userEntered, .won, "typed on the line: \(typed) \(invoice), \(query.userPriceType.rawValue)")
            return FoundPrice(
                level: .userEntered, type: query.userPriceType, numerator: Int128(typed), denominator: 1, ruleID: nil, currency: invoice)
        }
        if steps != nil { note(.userEntered, .skipped, "no price typed on the line") }

        for level in PriceLevel.scopedLevels {
            let (scope, target) = level.scoped!
            let targetID: Int64?
            switch target {
            case .product: targetID = product.id
            case .discountGroup: targetID = product.discountGroupID
            }
            guard let targetID else {
                if steps != nil { note(level, .skipped, "the product has no discount group") }
                continue
            }
            guard let rules = context.rules(scope) else {
                if steps != nil { note(level, .skipped, PricingEngine.noRules(scope, context.customer)) }
                continue
            }
            let list = target == .product ? rules.productPrices[targetID] : rules.groupPrices[targetID]
            guard let list else {
                if steps != nil { note(level, .skipped, "no rule for this \(target == .product ? "product" : "discount group")") }
                continue
            }
            if let rule = firstPrice(list, currency: invoice, query) {
                note(
                    level, .won,
                    "\(rule.amount) \(invoice) per piece, \(rule.type.rawValue), from \(rule.minimumQuantity) pcs\(whose(scope, context.customer))",
                    rule.id)
                return FoundPrice(
                    level: level, type: rule.type, numerator: Int128(rule.amount), denominator: 1, ruleID: rule.id, currency: invoice)
            }
            if invoice != company, let rule = firstPrice(list, currency: company, query) {
                if let found = converted(level, rule.type, Int128(rule.amount), 1, rule.id) {
                    note(
                        level, .won,
                        "\(rule.amount) \(company) per piece converted to \(invoice), \(rule.type.rawValue)\(whose(scope, context.customer))",
                        rule.id)
                    return found
                }
                if steps != nil {
                    note(level, .skipped, "a \(company) price exists but no \(invoice) exchange rate covers \(day)", rule.id)
                }
                continue
            }
            if steps != nil {
                note(
                    level, .skipped,
                    PricingEngine.noMatch(list.count, query, currencies: invoice == company ? invoice : "\(invoice) or \(company)"))
            }
        }

        for level in PriceLevel.marginLevels {
            let scope = level.marginScope!
            guard let rules = context.rules(scope), !rules.margins.isEmpty else {
                if steps != nil { note(level, .skipped, "no margin rule") }
                continue
            }
            guard let rule = rules.margins.first(where: { $0.minimumQuantity <= query.quantity && $0.validity.contains(day) }) else {
                if steps != nil { note(level, .skipped, PricingEngine.noMatch(rules.margins.count, query, currencies: nil)) }
                continue
            }
            guard let cost = product.costPrice else {
                if steps != nil { note(level, .skipped, "the product has no cost price to add a margin to", rule.id) }
                continue
            }
            // cost / (1 - margin) has no value at 100 % and is negative beyond it.
            guard rule.margin.millionths < 1_000_000 else {
                if steps != nil { note(level, .skipped, "a margin of \(rule.margin) % leaves no price (it must be below 100 %)", rule.id) }
                continue
            }
            // price = cost / (1 - margin)
            guard let found = converted(level, .nNet, Int128(cost) * 1_000_000, Int128(1_000_000 - rule.margin.millionths), rule.id)
            else {
                if steps != nil { note(level, .skipped, "no \(invoice) exchange rate covers \(day)", rule.id) }
                continue
            }
            note(
                level, .won, "margin \(rule.margin) % over the cost price \(cost) \(company), N-net\(whose(scope, context.customer))",
                rule.id)
            return found
        }

        if let storeID = context.customer.storeID, let shopPrice = book.shopPrices[storeID]?[product.id] {
            if shopPrice.currency == invoice {
                note(.customerShopPrice, .won, "\(shopPrice.amount) \(invoice) in the customer's store, gross")
                return FoundPrice(
                    level: .customerShopPrice, type: .gross, numerator: Int128(shopPrice.amount), denominator: 1, ruleID: nil,
                    currency: invoice)
            }
            if shopPrice.currency == company, let found = converted(.customerShopPrice, .gross, Int128(shopPrice.amount), 1, nil) {
                note(.customerShopPrice, .won, "\(shopPrice.amount) \(company) in the customer's store, converted, gross")
                return found
            }
            if steps != nil {
                note(
                    .customerShopPrice, .skipped,
                    shopPrice.currency == company
                        ? "the store price is in \(company) and no \(invoice) exchange rate covers \(day)"
                        : "the store price is in \(shopPrice.currency), not \(invoice) or \(company)")
            }
        } else if steps != nil {
            note(.customerShopPrice, .skipped, "the customer's store has no price of its own for the product")
        }

        if let list = firstListPrice(product, .net, currency: invoice, day) {
            note(.priceListNet, .won, "\(list.amount) \(invoice), E-net")
            return FoundPrice(
                level: .priceListNet, type: .eNet, numerator: Int128(list.amount), denominator: 1, ruleID: nil, currency: invoice)
        }
        if steps != nil { note(.priceListNet, .skipped, "no net price-list price in \(invoice) valid on \(day)") }

        if let net = product.netPrice {
            if let found = converted(.productNet, .eNet, Int128(net), 1, nil) {
                note(.productNet, .won, "\(net) \(company), E-net")
                return found
            }
            if steps != nil { note(.productNet, .skipped, "no \(invoice) exchange rate covers \(day)") }
        } else if steps != nil {
            note(.productNet, .skipped, "the product has no net price")
        }

        if let list = firstListPrice(product, .gross, currency: invoice, day) {
            note(.priceListGross, .won, "\(list.amount) \(invoice), gross")
            return FoundPrice(
                level: .priceListGross, type: .gross, numerator: Int128(list.amount), denominator: 1, ruleID: nil, currency: invoice)
        }
        if invoice != company, let list = firstListPrice(product, .gross, currency: company, day),
            let found = converted(.priceListGross, .gross, Int128(list.amount), 1, nil)
        {
            note(.priceListGross, .won, "\(list.amount) \(company) converted to \(invoice), gross")
            return found
        }
        if steps != nil { note(.priceListGross, .skipped, "no gross price-list price valid on \(day)") }

        guard let found = converted(.productGross, .gross, Int128(product.grossPrice), 1, nil) else {
            throw .noExchangeRate(currency: invoice, day: day)
        }
        note(.productGross, .won, "\(product.grossPrice) \(company), gross")
        return found
    }

    @inline(__always)
    static func firstPrice(_ rules: [PriceRule], currency: String, _ query: PricingQuery) -> PriceRule? {
        for rule in rules where rule.minimumQuantity <= query.quantity && rule.currency == currency && rule.validity.contains(query.day) {
            return rule
        }
        return nil
    }

    static func firstListPrice(_ product: ProductPricing, _ kind: ListPrice.Kind, currency: String, _ day: PricingDay) -> ListPrice? {
        var best: ListPrice?
        for price in product.listPrices where price.kind == kind && price.currency == currency && price.validity.contains(day) {
            // The newest period wins when periods overlap.
            if best == nil || (price.validity.from?.value ?? Int32.min) > (best!.validity.from?.value ?? Int32.min) { best = price }
        }
        return best
    }
}

extension PriceLevel {
    static let scopedLevels: [PriceLevel] = [
        .customerProduct, .customerDiscountGroup, .segmentProduct, .groupProduct, .districtProduct,
        .segmentDiscountGroup, .groupDiscountGroup, .districtDiscountGroup,
    ]
    static let marginLevels: [PriceLevel] = [.customerMargin, .segmentMargin, .groupMargin, .districtMargin]
}
