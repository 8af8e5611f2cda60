extension PricingEngine {
    // MARK: - The discount list

    static func findDiscount(
        _ query: PricingQuery, _ product: ProductPricing, _ price: FoundPrice, _ context: PricingContext, _ book: PriceBook,
        _ steps: inout [ExplanationStep]?
    ) -> FoundDiscount? {
        func note(_ level: DiscountLevel, _ outcome: ExplanationStep.Outcome, _ reason: String, _ rule: Int64? = nil) {
            steps?.append(ExplanationStep(list: .discount, level: level.name, outcome: outcome, reason: reason, ruleID: rule))
        }
        if price.type == .nNet {
            if steps != nil { note(.userAmount, .excluded, "an N-net price takes no discount") }
            return nil
        }
        for level in DiscountLevel.allCases {
            if price.type == .eNet && !level.isSpecial {
                if steps != nil { note(level, .excluded, "an E-net price takes only a special (typed) discount") }
                continue
            }
            if level.isCustomerDiscount && price.level.isCustomerPrice {
                if steps != nil { note(level, .excluded, "customer discounts do not apply where a customer price exists") }
                continue
            }
            switch level {
            case .userAmount:
                if let amount = query.userDiscountAmount {
                    note(level, .won, "\(amount) \(query.currency) off each piece, typed on the line")
                    return FoundDiscount(level: level, value: .amount(amount), ruleID: nil)
                }
                if steps != nil { note(level, .skipped, "no amount typed on the line") }
            case .userPercentage:
                if let percentage = query.userDiscountPercentage {
                    note(level, .won, "\(percentage) %, typed on the line")
                    return FoundDiscount(level: level, value: .percentage(percentage), ruleID: nil)
                }
                if steps != nil { note(level, .skipped, "no percentage typed on the line") }
            case .discountGroupBase:
                guard let group = product.discountGroupID else {
                    if steps != nil { note(level, .skipped, "the product has no discount group") }
                    continue
                }
                if let base = book.discountGroupBase[group], base.millionths != 0 {
                    note(level, .won, "\(base) %, the discount group's base")
                    return FoundDiscount(level: level, value: .percentage(base), ruleID: nil)
                }
                if steps != nil { note(level, .skipped, "the discount group's base discount is 0 %") }
            default:
                let (scope, target) = level.scoped!
                let targetID = target == .product ? product.id : product.discountGroupID
                guard let targetID else {
                    if steps != nil { note(level, .skipped, "the product has no discount group") }
                    continue
                }
                guard let rules = context.rules(scope) else {
                    if steps != nil { note(level, .skipped, noRules(scope, context.customer)) }
                    continue
                }
                guard let list = target == .product ? rules.productDiscounts[targetID] : rules.groupDiscounts[targetID] else {
                    if steps != nil { note(level, .skipped, "no rule for this \(target == .product ? "product" : "discount group")") }
                    continue
                }
                for rule in list where rule.minimumQuantity <= query.quantity && rule.validity.contains(query.day) {
                    note(level, .won, "\(rule.percentage) % from \(rule.minimumQuantity) pcs\(whose(scope, context.customer))", rule.id)
                    return FoundDiscount(level: level, value: .percentage(rule.percentage), ruleID: rule.id)
                }
                if steps != nil { note(level, .skipped, noMatch(list.count, query, currencies: nil)) }
            }
        }
        return nil
    }

    /// Whose rule won, for the explanation: a customer in several groups learns which group
    /// (their default group) decided.
    static func whose(_ scope: ScopeKind, _ customer: PricingCustomer) -> String {
        switch scope {
        case .customer: ""
        case .segment: customer.segment.map { ", for segment \($0)" } ?? ""
        case .group: customer.groupID.map { ", for the customer's default group \($0)" } ?? ""
        case .district: customer.district.map { ", for district \($0)" } ?? ""
        }
    }

    static func noRules(_ scope: ScopeKind, _ customer: PricingCustomer) -> String {
        switch scope {
        case .customer: customer.customerID == nil ? "no customer (a visitor)" : "no rules for this customer"
        case .segment: customer.segment.map { "no rules for segment \($0)" } ?? "the customer has no segment"
        case .group: customer.groupID.map { "no rules for the default group \($0)" } ?? "the customer has no group"
        case .district: customer.district.map { "no rules for district \($0)" } ?? "the customer has no district"
        }
    }

    static func noMatch(_ count: Int, _ query: PricingQuery, currencies: String?) -> String {
        let currency = currencies.map { " in \($0)" } ?? ""
        return "\(count) rule\(count == 1 ? "" : "s") but none\(currency) valid on \(query.day) for \(query.quantity) pcs"
    }
}
