/// How much discount a price still takes (DOMAIN.md "Prices and discounts"):
/// a gross price takes discounts, an E-net price only a special discount (one entered by
/// hand on the line), an N-net price none at all.
public enum PriceType: String, Sendable, Hashable, CaseIterable {
    case gross
    case eNet = "e-net"
    case nNet = "n-net"
}

/// Whom a rule is for. A customer's segment and district are codes the merchant gives
/// (e.g. segment `wholesale-hvac`, district `uusimaa`); the group is the customer's
/// default group, which alone decides group-scoped prices and discounts.
public enum RuleScope: Sendable, Hashable {
    case customer(Int64)
    case segment(String)
    case group(Int64)
    case district(String)

    public var kind: ScopeKind {
        switch self {
        case .customer: .customer
        case .segment: .segment
        case .group: .group
        case .district: .district
        }
    }
}

public enum ScopeKind: String, Sendable, Hashable, CaseIterable {
    case customer, segment, group, district
}

/// What a rule is about: one product, or every product of a discount group.
public enum RuleTarget: Sendable, Hashable {
    case product(Int64)
    case discountGroup(Int64)
}
