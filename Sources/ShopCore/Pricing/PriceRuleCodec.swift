import Pricing
import SQLite

/// How rule scopes and targets are written in `price_rule` and in the API.
enum PriceRuleCodec {
    static func scope(_ name: String, _ value: String) -> RuleScope? {
        switch name {
        case "customer": Int64(value).map(RuleScope.customer)
        case "group": Int64(value).map(RuleScope.group)
        case "segment": .segment(value)
        case "district": .district(value)
        default: nil
        }
    }

    static func target(_ kind: SQLValue, _ id: SQLValue) -> RuleTarget? {
        guard case .text(let name) = kind, case .integer(let value) = id else { return nil }
        switch name {
        case "product": return .product(value)
        case "discount-group": return .discountGroup(value)
        default: return nil
        }
    }
}
