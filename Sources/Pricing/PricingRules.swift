/// A customer price: for whom, for what, in which currency, how much, and of which type.
/// A rule with `minimumQuantity` 6 is the "6 pieces or more" tier; among the rules of one
/// level that apply, the one with the highest tier reached wins, then the newest.
public struct PriceRule: Sendable, Hashable {
    public var id: Int64
    public var scope: RuleScope
    public var target: RuleTarget
    public var currency: String
    /// Minor units per piece.
    public var amount: Int64
    public var type: PriceType
    public var minimumQuantity: Int
    public var validity: Validity

    public init(
        id: Int64, scope: RuleScope, target: RuleTarget, currency: String, amount: Int64, type: PriceType,
        minimumQuantity: Int = 1, validity: Validity = .always
    ) {
        self.id = id
        self.scope = scope
        self.target = target
        self.currency = currency
        self.amount = amount
        self.type = type
        self.minimumQuantity = minimumQuantity
        self.validity = validity
    }
}

/// A customer discount (a percentage) for a product or a discount group.
public struct DiscountRule: Sendable, Hashable {
    public var id: Int64
    public var scope: RuleScope
    public var target: RuleTarget
    public var percentage: Percentage
    public var minimumQuantity: Int
    public var validity: Validity

    public init(
        id: Int64, scope: RuleScope, target: RuleTarget, percentage: Percentage, minimumQuantity: Int = 1,
        validity: Validity = .always
    ) {
        self.id = id
        self.scope = scope
        self.target = target
        self.percentage = percentage
        self.minimumQuantity = minimumQuantity
        self.validity = validity
    }
}

/// A margin price ("katemyyntihinta"): the price that leaves `margin` of it over the
/// product's cost, `cost / (1 - margin)`, a net price that takes no further discount.
public struct MarginRule: Sendable, Hashable {
    public var id: Int64
    public var scope: RuleScope
    public var margin: Percentage
    public var minimumQuantity: Int
    public var validity: Validity

    public init(id: Int64, scope: RuleScope, margin: Percentage, minimumQuantity: Int = 1, validity: Validity = .always) {
        self.id = id
        self.scope = scope
        self.margin = margin
        self.minimumQuantity = minimumQuantity
        self.validity = validity
    }
}

/// A price-list price of a product in one currency, net (E-net) or gross.
public struct ListPrice: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case net, gross }
    public var currency: String
    public var kind: Kind
    public var amount: Int64
    public var validity: Validity

    public init(currency: String, kind: Kind, amount: Int64, validity: Validity = .always) {
        self.currency = currency
        self.kind = kind
        self.amount = amount
        self.validity = validity
    }
}

/// What the engine needs of a product. Gross, net and cost prices are in the company currency.
public struct ProductPricing: Sendable, Hashable {
    public var id: Int64
    public var sku: String
    public var discountGroupID: Int64?
    public var grossPrice: Int64
    public var netPrice: Int64?
    public var costPrice: Int64?
    public var listPrices: [ListPrice]
    /// Not used by the lists; kept so a priced line needs no other lookup.
    public var name: String
    public var category: String?
    public var active: Bool

    public init(
        id: Int64, sku: String, discountGroupID: Int64? = nil, grossPrice: Int64, netPrice: Int64? = nil,
        costPrice: Int64? = nil, listPrices: [ListPrice] = [], name: String = "", category: String? = nil, active: Bool = true
    ) {
        self.name = name
        self.category = category
        self.active = active
        self.id = id
        self.sku = sku
        self.discountGroupID = discountGroupID
        self.grossPrice = grossPrice
        self.netPrice = netPrice
        self.costPrice = costPrice
        self.listPrices = listPrices
    }
}

/// Units of `currency` per one unit of the company currency, from a day on (inclusive).
public struct ExchangeRate: Sendable, Hashable {
    public var currency: String
    /// The rate times 1,000,000 (11.4567 SEK per EUR is 11,456,700).
    public var millionths: Int64
    public var validity: Validity

    public init(currency: String, millionths: Int64, validity: Validity = .always) {
        self.currency = currency
        self.millionths = millionths
        self.validity = validity
    }
}

/// A store's own price for a product ("the customer's shop price"), in the store's currency.
public struct ShopPrice: Sendable, Hashable {
    public var storeID: Int64
    public var productID: Int64
    public var currency: String
    public var amount: Int64

    public init(storeID: Int64, productID: Int64, currency: String, amount: Int64) {
        self.storeID = storeID
        self.productID = productID
        self.currency = currency
        self.amount = amount
    }
}
