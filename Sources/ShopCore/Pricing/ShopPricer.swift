import Foundation
import Pricing
import SQLite

/// Prices lines for one customer (or a visitor) in one shop transaction: the engine over
/// the shop's cached `PriceBook`, then the enabled modules' hooks in the host's order
/// (availability, then price adjustment). Carts, draft orders, the storefront catalog and
/// the price endpoints all go through here, so one line always gets one answer.
public struct ShopPricer {
    public let book: PriceBook
    public let context: PricingContext
    /// The invoice currency.
    public let currency: String
    public let day: PricingDay
    let hooks: [any PricingHook]
    let db: Database
    /// Every group of the customer, for the hooks.
    public let groupIDs: [Int64]
    /// What the enabled modules say the customer belongs to, for the hooks.
    public let affiliations: [String: [Int64]]
    /// The enabled modules' affiliations, for an order guard that needs who else belongs there.
    var affiliationSource = ModuleAffiliations(modules: [])

    /// What is being asked: a product by SKU, a quantity, and what the user typed, if anything.
    public struct Item: Sendable {
        public var sku: String
        public var quantity: Int
        public var userPrice: Int64?
        public var userPriceType: PriceType
        public var userDiscountAmount: Int64?
        public var userDiscountPercentage: Percentage?

        public init(
            sku: String, quantity: Int, userPrice: Int64? = nil, userPriceType: PriceType = .nNet, userDiscountAmount: Int64? = nil,
            userDiscountPercentage: Percentage? = nil
        ) {
            self.sku = sku
            self.quantity = quantity
            self.userPrice = userPrice
            self.userPriceType = userPriceType
            self.userDiscountAmount = userDiscountAmount
            self.userDiscountPercentage = userDiscountPercentage
        }
    }

    /// A priced line: the engine's answer, the product as it is now, and what the hooks said.
    public struct Line: Sendable {
        public var productID: Int64
        public var sku: String
        public var name: String
        public var category: String?
        public var active: Bool
        public var resolution: PriceResolution
        /// Set when an availability hook refused the line ("not available to this customer").
        public var refusal: (code: String, message: String)?
        /// What price-adjustment hooks changed, in order.
        public var adjustments: [String]
    }

    /// A pricer for a customer (nil: a visitor of `storeID`), in `currency` (nil: the
    /// customer's own, else their store's) on `day` (nil: today in the shop's time zone).
    static func make(
        _ db: Database, shop: Shop, service: ShopService, customerID: Int64?, storeID: Int64? = nil, currency: String? = nil,
        day: PricingDay? = nil
    ) throws -> ShopPricer {
        let book = try service.priceBooks.book(shop: shop.slug, db)
        let hooks = service.catalog.pricingHooks(for: shop.modules)
        let affiliationSource = service.catalog.affiliations(for: shop.modules)
        var groupIDs: [Int64] = []
        var affiliations: [String: [Int64]] = [:]
        let customer: PricingCustomer
        var defaultCurrency: String
        if let customerID {
            guard
                let row = try db.queryRow(
                    """
                    SELECT c.segment, c.district, c.default_group_id, c.store_id, c.currency, s.currency
                    FROM customer c JOIN store s ON s.id = c.store_id WHERE c.id = ? AND c.erased_at IS NULL
                    """, [customerID])
            else { throw HTTPError.notFound("No customer \(customerID) in this shop.") }
            customer = PricingCustomer(
                customerID: customerID, segment: row[0].text, groupID: row[2].int, district: row[1].text, storeID: row[3].int)
            defaultCurrency = row[4].text ?? row[5].text ?? book.companyCurrency
            if !hooks.isEmpty {
                groupIDs = try db.query("SELECT group_id FROM customer_group_member WHERE customer_id = ?", [customerID]).compactMap {
                    $0[0].int
                }
                affiliations = try affiliationSource.of(db, customerID: customerID)
            }
        } else {
            let visitors = try db.scalar(
                "SELECT id FROM customer_group WHERE name = ?", [GroupMembership.notLoggedIn], as: Int64.self)
            let storeCurrency = try storeID.flatMap { try db.scalar("SELECT currency FROM store WHERE id = ?", [$0], as: String.self) }
            customer = PricingCustomer(customerID: nil, groupID: visitors, storeID: storeID)
            groupIDs = visitors.map { [$0] } ?? []
            defaultCurrency = storeCurrency ?? book.companyCurrency
        }
        if let currency { defaultCurrency = currency }
        let today = try day ?? PricingDay(date: Date(), timeZone: TimeZone(identifier: ShopSettings.load(db).timeZone) ?? .current)
        return ShopPricer(
            book: book, context: book.context(for: customer), currency: defaultCurrency, day: today, hooks: hooks, db: db,
            groupIDs: groupIDs, affiliations: affiliations, affiliationSource: affiliationSource)
    }

    /// Prices one line. Unknown SKUs, bad quantities and missing exchange rates are errors
    /// naming `field`; a line a module hides comes back with `refusal` set.
    public func price(_ item: Item, explain: Bool = false, field: String = "sku") throws -> Line {
        guard let productID = book.productID(sku: item.sku), let product = book.product(productID) else {
            throw HTTPError(.notFound, code: "unknown_product", message: "No product with SKU \(item.sku) in this shop.", field: field)
        }
        let query = PricingQuery(
            productID: productID, quantity: item.quantity, currency: currency, day: day, userPrice: item.userPrice,
            userPriceType: item.userPriceType, userDiscountAmount: item.userDiscountAmount,
            userDiscountPercentage: item.userDiscountPercentage)
        let resolution: PriceResolution
        do {
            resolution = try PricingEngine.resolve(query, for: context, in: book, explain: explain)
        } catch {
            throw ShopPricer.describe(error, field: field)
        }
        var line = Line(
            productID: productID, sku: item.sku, name: product.name, category: product.category, active: product.active,
            resolution: resolution, refusal: nil, adjustments: [])
        try runHooks(on: &line, explain: explain)
        return line
    }

    func runHooks(on line: inout Line, explain: Bool) throws {
        guard !hooks.isEmpty else { return }
        var hookLine = PricingLine(
            customerID: context.customer.customerID, sku: line.sku, category: line.category, quantity: line.resolution.quantity,
            currency: currency, unitPrice: line.resolution.unitPrice, lineTotal: line.resolution.lineTotal, groupIDs: groupIDs,
            affiliations: affiliations)
        for hook in hooks where hook.stage != .orderGuard {
            switch try hook.evaluate(line: hookLine, in: db) {
            case .allow:
                continue
            case .refuse(let code, let message, _):
                line.refusal = (code, message)
                if explain {
                    line.resolution.explanation?.append(
                        ExplanationStep(list: .price, level: "module hook (\(hook.stage))", outcome: .excluded, reason: message))
                }
                return
            case .adjust(let adjusted, let reason):
                hookLine.unitPrice = adjusted.unitPrice
                hookLine.lineTotal = adjusted.lineTotal
                line.resolution.unitPrice = adjusted.unitPrice
                line.resolution.lineTotal = adjusted.lineTotal
                line.adjustments.append(reason)
                if explain {
                    line.resolution.explanation?.append(
                        ExplanationStep(list: .price, level: "module hook (price adjustment)", outcome: .won, reason: reason))
                }
            }
        }
    }

    static func describe(_ failure: PricingFailure, field: String) -> HTTPError {
        switch failure {
        case .unknownProduct(let id):
            return HTTPError(.notFound, code: "unknown_product", message: "No product \(id) in this shop.", field: field)
        case .invalidQuantity(let quantity):
            return .invalid(
                field == "sku" ? "quantity" : field.replacingOccurrences(of: ".sku", with: ".quantity"),
                "quantity must be 1 to \(PricingEngine.maximumQuantity), not \(quantity).")
        case .noExchangeRate(let currency, let day):
            return HTTPError(
                .conflict, code: "no_exchange_rate", message: "No exchange rate to \(currency) covers \(day); add one first.",
                field: "currency")
        }
    }
}

extension SQLValue {
    /// The text, or nil for NULL and other storage classes.
    var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}
