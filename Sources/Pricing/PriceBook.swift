/// An immutable, indexed snapshot of a shop's catalog prices and rules: everything the
/// engine reads, in memory, so one resolution is a handful of integer-keyed lookups
/// (a shop with 500,000 rules prices well over half a million lines a second per core).
/// The host builds one per shop when its rules change and shares it between requests.
public final class PriceBook: Sendable {
    /// The currency product gross, net and cost prices are kept in.
    public let companyCurrency: String
    let products: [Int64: ProductPricing]
    let productIDsBySKU: [String: Int64]
    let discountGroupBase: [Int64: Percentage]
    let scopes: [ScopeKey: ScopeRules]
    let segmentCodes: [String: Int64]
    let districtCodes: [String: Int64]
    /// Per currency, newest validity first.
    let exchangeRates: [String: [ExchangeRate]]
    let shopPrices: [Int64: [Int64: ShopPrice]]
    /// How many rules the book holds, for logs and the benchmark.
    public let ruleCount: Int

    public init(
        companyCurrency: String, products: [ProductPricing], discountGroups: [Int64: Percentage],
        priceRules: [PriceRule], discountRules: [DiscountRule], marginRules: [MarginRule],
        exchangeRates: [ExchangeRate], shopPrices: [ShopPrice]
    ) {
        self.companyCurrency = companyCurrency
        var byID: [Int64: ProductPricing] = [:]
        var bySKU: [String: Int64] = [:]
        byID.reserveCapacity(products.count)
        bySKU.reserveCapacity(products.count)
        for product in products {
            byID[product.id] = product
            bySKU[product.sku] = product.id
        }
        self.products = byID
        self.productIDsBySKU = bySKU
        self.discountGroupBase = discountGroups

        var segments: [String: Int64] = [:]
        var districts: [String: Int64] = [:]
        func key(_ scope: RuleScope) -> ScopeKey {
            switch scope {
            case .customer(let id): return ScopeKey(kind: .customer, id: id)
            case .group(let id): return ScopeKey(kind: .group, id: id)
            case .segment(let code):
                if let id = segments[code] { return ScopeKey(kind: .segment, id: id) }
                let id = Int64(segments.count)
                segments[code] = id
                return ScopeKey(kind: .segment, id: id)
            case .district(let code):
                if let id = districts[code] { return ScopeKey(kind: .district, id: id) }
                let id = Int64(districts.count)
                districts[code] = id
                return ScopeKey(kind: .district, id: id)
            }
        }
        var builders: [ScopeKey: ScopeRulesBuilder] = [:]
        for rule in priceRules {
            let scopeKey = key(rule.scope)
            switch rule.target {
            case .product(let id): builders[scopeKey, default: ScopeRulesBuilder()].productPrices[id, default: []].append(rule)
            case .discountGroup(let id): builders[scopeKey, default: ScopeRulesBuilder()].groupPrices[id, default: []].append(rule)
            }
        }
        for rule in discountRules {
            let scopeKey = key(rule.scope)
            switch rule.target {
            case .product(let id): builders[scopeKey, default: ScopeRulesBuilder()].productDiscounts[id, default: []].append(rule)
            case .discountGroup(let id): builders[scopeKey, default: ScopeRulesBuilder()].groupDiscounts[id, default: []].append(rule)
            }
        }
        for rule in marginRules {
            builders[key(rule.scope), default: ScopeRulesBuilder()].margins.append(rule)
        }
        self.scopes = builders.mapValues { $0.build() }
        self.segmentCodes = segments
        self.districtCodes = districts
        self.exchangeRates = Dictionary(grouping: exchangeRates, by: \.currency).mapValues { rates in
            rates.sorted { ($0.validity.from?.value ?? Int32.min) > ($1.validity.from?.value ?? Int32.min) }
        }
        var stores: [Int64: [Int64: ShopPrice]] = [:]
        for price in shopPrices { stores[price.storeID, default: [:]][price.productID] = price }
        self.shopPrices = stores
        self.ruleCount = priceRules.count + discountRules.count + marginRules.count
    }

    /// The product with this SKU, if the book has it.
    public func productID(sku: String) -> Int64? { productIDsBySKU[sku] }

    public func product(_ id: Int64) -> ProductPricing? { products[id] }

    /// The rules that can apply to a customer, found once so each line then needs only
    /// product-keyed lookups.
    public func context(for customer: PricingCustomer) -> PricingContext {
        func rules(_ kind: ScopeKind, _ id: Int64?) -> ScopeRules? {
            guard let id else { return nil }
            return scopes[ScopeKey(kind: kind, id: id)]
        }
        return PricingContext(
            customer: customer,
            customerRules: rules(.customer, customer.customerID),
            segmentRules: rules(.segment, customer.segment.flatMap { segmentCodes[$0] }),
            groupRules: rules(.group, customer.groupID),
            districtRules: rules(.district, customer.district.flatMap { districtCodes[$0] }))
    }

    /// Units of `currency` per company unit on `day` (times 1,000,000); 1,000,000 for the
    /// company currency itself; nil when no rate covers the day.
    @inlinable
    public func rate(_ currency: String, on day: PricingDay) -> Int64? {
        if currency == companyCurrency { return 1_000_000 }
        return rateFromTable(currency, on: day)
    }

    @usableFromInline
    func rateFromTable(_ currency: String, on day: PricingDay) -> Int64? {
        guard let rates = exchangeRates[currency] else { return nil }
        for rate in rates where rate.validity.contains(day) { return rate.millionths }
        return nil
    }
}

/// Who is being priced: the customer (nil for a visitor), their segment and district
/// codes, their default group (the one that decides group prices) and their store.
public struct PricingCustomer: Sendable, Hashable {
    public var customerID: Int64?
    public var segment: String?
    public var groupID: Int64?
    public var district: String?
    public var storeID: Int64?

    public init(customerID: Int64?, segment: String? = nil, groupID: Int64?, district: String? = nil, storeID: Int64? = nil) {
        self.customerID = customerID
        self.segment = segment
        self.groupID = groupID
        self.district = district
        self.storeID = storeID
    }
}

/// A customer's rules, found once per request.
public struct PricingContext: Sendable {
    public let customer: PricingCustomer
    let customerRules: ScopeRules?
    let segmentRules: ScopeRules?
    let groupRules: ScopeRules?
    let districtRules: ScopeRules?

    func rules(_ kind: ScopeKind) -> ScopeRules? {
        switch kind {
        case .customer: customerRules
        case .segment: segmentRules
        case .group: groupRules
        case .district: districtRules
        }
    }
}

struct ScopeKey: Hashable, Sendable {
    let kind: ScopeKind
    let id: Int64
}

/// One scope's rules (one customer's, one segment's...), each list ordered with the
/// highest quantity tier first, then the newest rule, so the first that applies wins.
final class ScopeRules: Sendable {
    let productPrices: [Int64: [PriceRule]]
    let groupPrices: [Int64: [PriceRule]]
    let productDiscounts: [Int64: [DiscountRule]]
    let groupDiscounts: [Int64: [DiscountRule]]
    let margins: [MarginRule]

    init(
        productPrices: [Int64: [PriceRule]], groupPrices: [Int64: [PriceRule]], productDiscounts: [Int64: [DiscountRule]],
        groupDiscounts: [Int64: [DiscountRule]], margins: [MarginRule]
    ) {
        self.productPrices = productPrices
        self.groupPrices = groupPrices
        self.productDiscounts = productDiscounts
        self.groupDiscounts = groupDiscounts
        self.margins = margins
    }
}

struct ScopeRulesBuilder {
    var productPrices: [Int64: [PriceRule]] = [:]
    var groupPrices: [Int64: [PriceRule]] = [:]
    var productDiscounts: [Int64: [DiscountRule]] = [:]
    var groupDiscounts: [Int64: [DiscountRule]] = [:]
    var margins: [MarginRule] = []

    func build() -> ScopeRules {
        func ordered<Rule>(_ rules: [Rule], _ tier: (Rule) -> Int, _ id: (Rule) -> Int64) -> [Rule] {
            rules.sorted { tier($0) != tier($1) ? tier($0) > tier($1) : id($0) > id($1) }
        }
        return ScopeRules(
            productPrices: productPrices.mapValues { ordered($0, \.minimumQuantity, \.id) },
            groupPrices: groupPrices.mapValues { ordered($0, \.minimumQuantity, \.id) },
            productDiscounts: productDiscounts.mapValues { ordered($0, \.minimumQuantity, \.id) },
            groupDiscounts: groupDiscounts.mapValues { ordered($0, \.minimumQuantity, \.id) },
            margins: ordered(margins, \.minimumQuantity, \.id))
    }
}
