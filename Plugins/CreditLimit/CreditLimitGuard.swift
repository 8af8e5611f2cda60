import SQLite
import ShopCore

/// The order guard (issue 4, credit-limit): placing an order is refused when the outstanding
/// amount plus the order's total in the company currency would go over a limit. Both limits
/// that apply are checked, the customer's own and their company's (over all its people); a
/// total that reaches a limit exactly passes, one cent more is refused. It runs inside the
/// placing transaction, after every earlier placement of the shop has been written, so orders
/// placed at the same moment cannot together go over (the shop's writes are serial).
struct CreditLimitGuard: PricingHook {
    let stage = PricingStage.orderGuard

    func evaluate(order: PendingOrder, in db: Database) throws -> HookVerdict {
        let currency = order.companyCurrency
        let own = try CreditPosition.customer(db, id: order.customerID, currency: currency)
        if own.limit != nil, let refusal = Self.refusal(own, order: order) { return refusal }
        for companyID in order.affiliations[CreditLimitModule.companyAffiliation] ?? [] {
            guard try CreditLimitStore.limit(db, .company, companyID) != nil else { continue }
            var people = order.affiliatedCustomers[CreditLimitModule.companyAffiliation]?[companyID] ?? []
            if !people.contains(order.customerID) { people.append(order.customerID) }
            let company = try CreditPosition.company(db, id: companyID, people: people, currency: currency)
            if let refusal = Self.refusal(company, order: order) { return refusal }
        }
        return .allow
    }

    /// The refusal when `position`'s limit would not hold the order, nil when it does.
    static func refusal(_ position: CreditPosition, order: PendingOrder) -> HookVerdict? {
        guard let limit = position.limit else { return nil }
        let whose = position.scope == .customer ? "customer \(position.ownerID)" : "company \(position.ownerID)"
        var details: [String: JSONValue] = [
            "scope": .string(position.scope.rawValue), position.scope == .customer ? "customerId" : "companyId": .int(position.ownerID),
            "limit": .int(limit.amount), "outstanding": .int(position.outstanding), "orderTotal": .int(order.companyTotal),
            "currency": .string(position.currency),
        ]
        guard limit.currency == position.currency else {
            details["limitCurrency"] = .string(limit.currency)
            return .refuse(
                code: "credit_limit_currency_mismatch",
                message:
                    "The credit limit of \(whose) is in \(limit.currency) but the shop keeps its books in \(position.currency) now; set the limit again in \(position.currency).",
                details: details)
        }
        // Int128: a huge order plus a huge outstanding amount must not wrap around.
        guard Int128(position.outstanding) + Int128(order.companyTotal) > Int128(limit.amount) else { return nil }
        details["available"] = .int(max(0, limit.amount - position.outstanding))
        return .refuse(
            code: "credit_limit_exceeded",
            message:
                "This order (\(CreditPosition.text(order.companyTotal, position.currency))) would take the outstanding amount of \(whose) (\(CreditPosition.text(position.outstanding, position.currency))) over its credit limit of \(CreditPosition.text(limit.amount, position.currency)).",
            details: details)
    }
}
