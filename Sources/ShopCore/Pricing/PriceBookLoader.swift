import Pricing
import SQLite

/// Reads a shop's catalog, rules, rates and store prices into a `PriceBook`.
enum PriceBookLoader {
    static func load(_ db: Database) throws -> PriceBook {
        let currency = try companyCurrency(db)
        var listPrices: [Int64: [ListPrice]] = [:]
        try db.forEachRow("SELECT product_id, currency, kind, amount, valid_from, valid_to FROM product_list_price") { row in
            guard case .integer(let product) = row[0], case .text(let code) = row[1], case .integer(let amount) = row[3] else { return }
            listPrices[product, default: []].append(
                ListPrice(currency: code, kind: row[2] == .text("net") ? .net : .gross, amount: amount, validity: validity(row[4], row[5])))
        }
        var products: [ProductPricing] = []
        try db.forEachRow("SELECT id, sku, discount_group_id, gross_price, net_price, cost_price, name, category, active FROM product") {
            row in
            guard case .integer(let id) = row[0], case .text(let sku) = row[1], case .integer(let gross) = row[3] else { return }
            products.append(
                ProductPricing(
                    id: id, sku: sku, discountGroupID: row[2].int, grossPrice: gross, netPrice: row[4].int, costPrice: row[5].int,
                    listPrices: listPrices[id] ?? [], name: row[6].text ?? sku, category: row[7].text, active: row[8] == .integer(1)))
        }
        var groups: [Int64: Percentage] = [:]
        try db.forEachRow("SELECT id, base_percentage FROM discount_group") { row in
            if case .integer(let id) = row[0] { groups[id] = Percentage(millionths: row[1].int ?? 0) }
        }
        var prices: [PriceRule] = []
        var discounts: [DiscountRule] = []
        var margins: [MarginRule] = []
        try db.forEachRow(
            """
            SELECT id, kind, scope, scope_value, target, target_id, currency, amount, price_type, percentage,
                   minimum_quantity, valid_from, valid_to
            FROM price_rule
            """
        ) { row in
            guard case .integer(let id) = row[0], case .text(let kind) = row[1], case .text(let scopeName) = row[2],
                case .text(let scopeValue) = row[3], let scope = PriceRuleCodec.scope(scopeName, scopeValue)
            else { return }
            let tier = Int(row[10].int ?? 1)
            let valid = validity(row[11], row[12])
            switch kind {
            case "price":
                guard let target = PriceRuleCodec.target(row[4], row[5]), case .text(let code) = row[6], let amount = row[7].int,
                    case .text(let typeName) = row[8], let type = PriceType(rawValue: typeName)
                else { return }
                prices.append(
                    PriceRule(
                        id: id, scope: scope, target: target, currency: code, amount: amount, type: type, minimumQuantity: tier,
                        validity: valid))
            case "discount":
                guard let target = PriceRuleCodec.target(row[4], row[5]), let value = row[9].int else { return }
                discounts.append(
                    DiscountRule(
                        id: id, scope: scope, target: target, percentage: Percentage(millionths: value), minimumQuantity: tier,
                        validity: valid))
            default:
                guard let value = row[9].int else { return }
                margins.append(
                    MarginRule(id: id, scope: scope, margin: Percentage(millionths: value), minimumQuantity: tier, validity: valid))
            }
        }
        var rates: [ExchangeRate] = []
        try db.forEachRow("SELECT currency, rate, valid_from, valid_to FROM exchange_rate") { row in
            guard case .text(let code) = row[0], case .integer(let rate) = row[1] else { return }
            rates.append(ExchangeRate(currency: code, millionths: rate, validity: validity(row[2], row[3])))
        }
        var shopPrices: [ShopPrice] = []
        try db.forEachRow(
            "SELECT sp.store_id, sp.product_id, s.currency, sp.amount FROM store_price sp JOIN store s ON s.id = sp.store_id"
        ) { row in
            guard case .integer(let store) = row[0], case .integer(let product) = row[1], case .text(let code) = row[2],
                case .integer(let amount) = row[3]
            else { return }
            shopPrices.append(ShopPrice(storeID: store, productID: product, currency: code, amount: amount))
        }
        return PriceBook(
            companyCurrency: currency, products: products, discountGroups: groups, priceRules: prices, discountRules: discounts,
            marginRules: margins, exchangeRates: rates, shopPrices: shopPrices)
    }

    /// The shop's company currency: the setting, else the first store's currency, else EUR.
    static func companyCurrency(_ db: Database) throws -> String {
        if let setting = try ShopSettings.load(db).companyCurrency { return setting }
        return try db.scalar("SELECT currency FROM store ORDER BY id LIMIT 1", as: String.self) ?? "EUR"
    }

    static func validity(_ from: SQLValue, _ to: SQLValue) -> Validity {
        func day(_ value: SQLValue) -> PricingDay? {
            if case .text(let text) = value { return PricingDay(text) }
            return nil
        }
        return Validity(from: day(from), to: day(to))
    }
}

extension SQLValue {
    /// The integer, or nil for NULL and other storage classes.
    var int: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}
