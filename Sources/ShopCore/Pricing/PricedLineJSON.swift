import Pricing

/// The JSON shape of a priced line, shared by the price endpoints, carts and the storefront.
enum PricedLineJSON {
    static func json(_ line: ShopPricer.Line, includeExplanation: Bool) -> JSONValue {
        let resolution = line.resolution
        var object: [String: JSONValue] = [
            "sku": .string(line.sku), "name": .string(line.name), "quantity": .int(Int64(resolution.quantity)),
            "currency": .string(resolution.currency), "unitPrice": .int(resolution.unitPrice),
            "priceLevel": .string(resolution.priceLevel.name), "priceType": .string(resolution.priceType.rawValue),
            "lineTotal": .int(resolution.lineTotal), "available": .bool(line.refusal == nil && line.active),
        ]
        object["category"] = line.category.map(JSONValue.string) ?? .null
        object["priceRuleId"] = resolution.priceRuleID.map(JSONValue.int) ?? .null
        if resolution.priceCurrency != resolution.currency { object["convertedFrom"] = .string(resolution.priceCurrency) }
        if let level = resolution.discountLevel {
            var discount: [String: JSONValue] = ["level": .string(level.name)]
            if let percentage = resolution.discountPercentage { discount["percentage"] = .string(percentage.description) }
            if let amount = resolution.discountAmount { discount["amount"] = .int(amount) }
            discount["ruleId"] = resolution.discountRuleID.map(JSONValue.int) ?? .null
            object["discount"] = .object(discount)
        } else {
            object["discount"] = .null
        }
        if let refusal = line.refusal {
            object["unavailable"] = .object(["code": .string(refusal.code), "message": .string(refusal.message)])
        } else if !line.active {
            object["unavailable"] = .object(["code": .string("product_inactive"), "message": .string("The product is not on sale.")])
        }
        if !line.adjustments.isEmpty { object["adjustments"] = .array(line.adjustments.map(JSONValue.string)) }
        if includeExplanation, let steps = resolution.explanation {
            object["explanation"] = .array(steps.map(step))
            if let winner = steps.last(where: { $0.outcome == .won && $0.list == .price }) {
                object["why"] = .string(summary(winner, resolution, steps))
            }
        }
        return .object(object)
    }

    static func step(_ step: ExplanationStep) -> JSONValue {
        var object: [String: JSONValue] = [
            "list": .string(step.list.rawValue), "level": .string(step.level), "outcome": .string(step.outcome.rawValue),
            "reason": .string(step.reason),
        ]
        if let rule = step.ruleID { object["ruleId"] = .int(rule) }
        return .object(object)
    }

    /// One sentence for people: "customer group's price for the product (rule 12) with the
    /// discount group's base discount 5 %".
    static func summary(_ winner: ExplanationStep, _ resolution: PriceResolution, _ steps: [ExplanationStep]) -> String {
        var text = "Price from the \(winner.level)"
        if let rule = winner.ruleID { text += " (rule \(rule))" }
        if let discount = steps.last(where: { $0.outcome == .won && $0.list == .discount }) {
            text += ", discount from the \(discount.level)"
            if let rule = discount.ruleID { text += " (rule \(rule))" }
        } else {
            text += ", no discount"
        }
        return text + "."
    }
}
