/// One line to price: which product, how many, in which (invoice) currency, on which day,
/// and what the user typed on the line, if anything.
public struct PricingQuery: Sendable, Hashable {
    public var productID: Int64
    public var quantity: Int
    public var currency: String
    public var day: PricingDay
    /// A price typed on the line (minor units per piece, invoice currency); it wins over every rule.
    public var userPrice: Int64?
    /// What discounts a typed price still takes; a typed price is N-net unless said otherwise.
    public var userPriceType: PriceType
    /// A discount typed as an amount off each piece (minor units, invoice currency).
    public var userDiscountAmount: Int64?
    /// A discount typed as a percentage.
    public var userDiscountPercentage: Percentage?

    public init(
        productID: Int64, quantity: Int, currency: String, day: PricingDay, userPrice: Int64? = nil,
        userPriceType: PriceType = .nNet, userDiscountAmount: Int64? = nil, userDiscountPercentage: Percentage? = nil
    ) {
        self.productID = productID
        self.quantity = quantity
        self.currency = currency
        self.day = day
        self.userPrice = userPrice
        self.userPriceType = userPriceType
        self.userDiscountAmount = userDiscountAmount
        self.userDiscountPercentage = userDiscountPercentage
    }
}

/// The engine's answer for one line. Amounts are minor units of `currency`.
public struct PriceResolution: Sendable, Hashable {
    public var productID: Int64
    public var quantity: Int
    public var currency: String
    /// The price per piece before discount, rounded for display (the line total is computed
    /// from the exact value and rounded once).
    public var unitPrice: Int64
    public var priceLevel: PriceLevel
    public var priceType: PriceType
    /// The rule that gave the price, when a rule did.
    public var priceRuleID: Int64?
    /// The currency the winning price was kept in (converted when it is not `currency`).
    public var priceCurrency: String
    public var discountLevel: DiscountLevel?
    public var discountRuleID: Int64?
    public var discountPercentage: Percentage?
    /// An amount off each piece (user-entered).
    public var discountAmount: Int64?
    public var lineTotal: Int64
    /// Every level considered, in order, and what became of it; nil unless asked for.
    public var explanation: [ExplanationStep]?
}

/// One level of the price or discount list as the engine walked it.
public struct ExplanationStep: Sendable, Hashable {
    public enum List: String, Sendable { case price, discount }
    public enum Outcome: String, Sendable {
        /// The level gave the answer.
        case won
        /// The level had nothing that applies (the reason says what was missing).
        case skipped
        /// The level could not apply at all here (N-net price, a customer price exists...).
        case excluded
    }
    public var list: List
    public var level: String
    public var outcome: Outcome
    public var reason: String
    public var ruleID: Int64?

    public init(list: List, level: String, outcome: Outcome, reason: String, ruleID: Int64? = nil) {
        self.list = list
        self.level = level
        self.outcome = outcome
        self.reason = reason
        self.ruleID = ruleID
    }
}

/// Why a line could not be priced.
public enum PricingFailure: Error, Sendable, Hashable {
    case unknownProduct(Int64)
    case invalidQuantity(Int)
    /// No exchange rate from the company currency to `currency` covers the day.
    case noExchangeRate(currency: String, day: PricingDay)
}
