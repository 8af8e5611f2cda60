/// The price list of DOMAIN.md, in priority order: the first level that finds a price wins.
/// The eight scoped levels are each looked up in the invoice currency, then the company
/// currency (converted at the day's exchange rate).
public enum PriceLevel: Int, Sendable, CaseIterable, Comparable {
    case userEntered
    case customerProduct
    case customerDiscountGroup
    case segmentProduct
    case groupProduct
    case districtProduct
    case segmentDiscountGroup
    case groupDiscountGroup
    case districtDiscountGroup
    case customerMargin
    case segmentMargin
    case groupMargin
    case districtMargin
    case customerShopPrice
    case priceListNet
    case productNet
    case priceListGross
    case productGross

    public static func < (a: PriceLevel, b: PriceLevel) -> Bool { a.rawValue < b.rawValue }

    /// Stable name for the API and the explanation.
    public var name: String {
        switch self {
        case .userEntered: "user-entered price"
        case .customerProduct: "customer's price for the product"
        case .customerDiscountGroup: "customer's price for the discount group"
        case .segmentProduct: "customer segment's price for the product"
        case .groupProduct: "customer group's price for the product"
        case .districtProduct: "customer district's price for the product"
        case .segmentDiscountGroup: "customer segment's price for the discount group"
        case .groupDiscountGroup: "customer group's price for the discount group"
        case .districtDiscountGroup: "customer district's price for the discount group"
        case .customerMargin: "customer's margin price"
        case .segmentMargin: "customer segment's margin price"
        case .groupMargin: "customer group's margin price"
        case .districtMargin: "customer district's margin price"
        case .customerShopPrice: "customer's shop price"
        case .priceListNet: "product net price from the price list"
        case .productNet: "product net price"
        case .priceListGross: "product gross price from the price list"
        case .productGross: "product gross price"
        }
    }

    /// The levels that are "customer prices": where one wins, customer discounts do not apply.
    public var isCustomerPrice: Bool { self >= .userEntered && self <= .districtMargin }

    /// The scope and target of a scoped price level.
    var scoped: (ScopeKind, TargetKind)? {
        (1...8).contains(rawValue) ? scopedOrder[rawValue - 1] : nil
    }

    var marginScope: ScopeKind? {
        switch self {
        case .customerMargin: .customer
        case .segmentMargin: .segment
        case .groupMargin: .group
        case .districtMargin: .district
        default: nil
        }
    }
}

/// The discount list of DOMAIN.md, in priority order: the first level that finds a discount wins.
public enum DiscountLevel: Int, Sendable, CaseIterable, Comparable {
    case userAmount
    case userPercentage
    case customerProduct
    case customerDiscountGroup
    case segmentProduct
    case groupProduct
    case districtProduct
    case segmentDiscountGroup
    case groupDiscountGroup
    case districtDiscountGroup
    case discountGroupBase

    public static func < (a: DiscountLevel, b: DiscountLevel) -> Bool { a.rawValue < b.rawValue }

    public var name: String {
        switch self {
        case .userAmount: "user-entered amount"
        case .userPercentage: "user-entered percentage"
        case .customerProduct: "customer's discount for the product"
        case .customerDiscountGroup: "customer's discount for the discount group"
        case .segmentProduct: "customer segment's discount for the product"
        case .groupProduct: "customer group's discount for the product"
        case .districtProduct: "customer district's discount for the product"
        case .segmentDiscountGroup: "customer segment's discount for the discount group"
        case .groupDiscountGroup: "customer group's discount for the discount group"
        case .districtDiscountGroup: "customer district's discount for the discount group"
        case .discountGroupBase: "discount group's base discount"
        }
    }

    /// Customer discounts: suppressed where a customer price exists.
    public var isCustomerDiscount: Bool { self >= .customerProduct && self <= .districtDiscountGroup }

    /// Special discounts: the only ones an E-net price takes (entered by hand on the line).
    public var isSpecial: Bool { self == .userAmount || self == .userPercentage }

    var scoped: (ScopeKind, TargetKind)? {
        (2...9).contains(rawValue) ? scopedOrder[rawValue - 2] : nil
    }
}

/// The eight scoped levels, in the order both lists walk them: customer, then segment, group
/// and district for the product, then segment, group and district for the discount group.
let scopedOrder: [(ScopeKind, TargetKind)] = [
    (.customer, .product), (.customer, .discountGroup), (.segment, .product), (.group, .product), (.district, .product),
    (.segment, .discountGroup), (.group, .discountGroup), (.district, .discountGroup),
]

public enum TargetKind: String, Sendable, Hashable {
    case product
    case discountGroup = "discount-group"
}
