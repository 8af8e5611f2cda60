import Pricing
import SQLite

/// A customer price, discount or margin rule as staff send it. The scope is whichever of
/// `customerId`, `groupId`, `segment`, `district` is given (exactly one); the target is
/// `sku` or `discountGroupId` (exactly one; margin rules have none).
struct PriceRuleInput {
    static let fields: Set<String> = [
        "kind", "customerId", "groupId", "segment", "district", "sku", "discountGroupId", "currency", "amount", "priceType",
        "percentage", "margin", "minimumQuantity", "validFrom", "validTo", "note",
    ]

    var kind: String
    var scope: String
    var scopeValue: String
    var target: String?
    var targetID: Int64?
    var currency: String?
    var amount: Int64?
    var priceType: String?
    var percentage: Percentage?
    var minimumQuantity: Int64
    var validFrom: PricingDay?
    var validTo: PricingDay?
    var note: String?

    /// Reads and checks the rule; ids are checked against the shop's database.
    init(_ body: JSONBody, _ db: Database) throws {
        kind = try body.choice("kind", ["price", "discount", "margin"], required: true)!
        let scopes = ["customerId", "groupId", "segment", "district"].filter { body.members[$0] != nil && body.members[$0] != .null }
        guard scopes.count == 1 else {
            throw HTTPError.invalid(
                body.name(scopes.first ?? "customerId"),
                "Give exactly one of customerId, groupId, segment, district: whom the rule is for.", code: "invalid_scope")
        }
        switch scopes[0] {
        case "customerId":
            let id = try body.int("customerId", in: 1...Int64.max, required: true)!
            guard try db.scalar("SELECT 1 FROM customer WHERE id = ? AND erased_at IS NULL", [id], as: Int64.self) != nil else {
                throw HTTPError.invalid("customerId", "No customer \(id) in this shop.")
            }
            (scope, scopeValue) = ("customer", String(id))
        case "groupId":
            let id = try body.int("groupId", in: 1...Int64.max, required: true)!
            guard try db.scalar("SELECT 1 FROM customer_group WHERE id = ?", [id], as: Int64.self) != nil else {
                throw HTTPError.invalid("groupId", "No customer group \(id) in this shop.")
            }
            (scope, scopeValue) = ("group", String(id))
        case let key:
            scope = key
            scopeValue = try body.string(key, max: 32, required: true)!
        }
        let targets = ["sku", "discountGroupId"].filter { body.members[$0] != nil && body.members[$0] != .null }
        if kind == "margin" {
            guard targets.isEmpty else {
                throw HTTPError.invalid(body.name(targets[0]), "A margin rule applies to every product; it takes no \(targets[0]).")
            }
        } else {
            guard targets.count == 1 else {
                throw HTTPError.invalid("sku", "Give exactly one of sku, discountGroupId: what the rule is about.", code: "invalid_target")
            }
            if targets[0] == "sku" {
                let sku = try body.string("sku", max: 64, required: true)!
                target = "product"
                targetID = try ProductStore.id(db, sku: sku)
            } else {
                let id = try body.int("discountGroupId", in: 1...Int64.max, required: true)!
                try ProductStore.checkDiscountGroup(db, id)
                (target, targetID) = ("discount-group", id)
            }
        }
        let kind = kind
        func refuse(_ keys: [String]) throws {
            if let key = keys.first(where: { body.members[$0] != nil }) {
                throw HTTPError.invalid(key, "A \(kind) rule takes no \(key).")
            }
        }
        switch kind {
        case "price":
            try refuse(["percentage", "margin"])
            currency = try body.currency("currency", required: true)
            amount = try body.money("amount", required: true)
            priceType = try body.choice("priceType", PriceType.allCases.map(\.rawValue)) ?? PriceType.gross.rawValue
        case "discount":
            try refuse(["currency", "amount", "priceType", "margin"])
            percentage = try body.percentage("percentage", required: true)
        default:
            try refuse(["currency", "amount", "priceType", "percentage"])
            percentage = try body.percentage("margin", in: .zero...Percentage(millionths: 990_000), required: true)
        }
        minimumQuantity = try body.int("minimumQuantity", in: 1...Int64(PricingEngine.maximumQuantity)) ?? 1
        validFrom = try body.day("validFrom")
        validTo = try body.day("validTo")
        if let from = validFrom, let to = validTo, to < from {
            throw HTTPError.invalid("validTo", "validTo must not be before validFrom.")
        }
        note = try body.string("note", max: 500)
    }
}
