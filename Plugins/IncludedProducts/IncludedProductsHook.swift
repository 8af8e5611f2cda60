import SQLite
import ShopCore

/// The availability hook (PRICING.md "Hooks"): a product outside the restriction that decides
/// for the customer (`ProductAccess`) is refused with `not_available`, "not available to this
/// customer". The core then marks the line unavailable at the price endpoints, leaves it out of
/// the storefront catalog, refuses it in a cart or draft (409) and refuses placing an order
/// holding it.
struct IncludedProductsHook: PricingHook {
    let stage = PricingStage.availability

    static let code = "not_available"
    static let message = "not available to this customer"

    func evaluate(line: PricingLine, in db: Database) throws -> HookVerdict {
        guard
            let access = try ProductAccess.deciding(
                db, customerID: line.customerID, companies: line.affiliations[ProductAccess.companyAffiliation] ?? [],
                groups: line.groupIDs)
        else { return .allow }
        if try access.includes(db, sku: line.sku, category: line.category) { return .allow }
        return .refuse(
            code: Self.code, message: Self.message,
            details: ["sku": .string(line.sku), "level": .string(access.scope.rawValue)])
    }
}
