import Pricing
import SQLite

/// The price endpoints: price a whole list of products for a customer in one call, and one
/// product with the explanation of every level the engine considered.
struct PriceRoutes {
    let service: ShopService

    static let itemFields: Set<String> = [
        "sku", "quantity", "userPrice", "userPriceType", "userDiscountAmount", "userDiscountPercentage",
    ]

    func addRoutes(to routes: RouteGroup) {
        let service = service
        let read = routes.requiring(.customersRead)

        read.post("/prices", summary: "Price a list of products for a customer (or a visitor of a store) in one call") { request, context in
            let shop = try context.requireShop()
            let body = try JSONBody(request, allowing: ["customerId", "store", "currency", "date", "explain", "items"])
            let customerID = try body.int("customerId", in: 1...Int64.max)
            let storeCode = try body.string("store", max: 32)
            let currency = try body.currency("currency")
            let day = try body.day("date")
            let explain = try body.bool("explain") ?? false
            let items = try (body.objects("items", allowing: PriceRoutes.itemFields, required: true, max: 1000) ?? []).map(PriceRoutes.item)
            guard !items.isEmpty else { throw HTTPError.invalid("items", "items must list at least one product.") }
            let result = try await shop.database.read { db -> JSONValue in
                let storeID = try storeCode.map { code -> Int64 in
                    guard let id = try db.scalar("SELECT id FROM store WHERE code = ?", [code], as: Int64.self) else {
                        throw HTTPError.invalid("store", "No store with code \(code) in this shop.")
                    }
                    return id
                }
                let pricer = try ShopPricer.make(
                    db, shop: shop, service: service, customerID: customerID, storeID: storeID, currency: currency,
                    day: day)
                var total: Int64 = 0
                var lines: [JSONValue] = []
                lines.reserveCapacity(items.count)
                for (index, item) in items.enumerated() {
                    let line = try pricer.price(item, explain: explain, field: "items[\(index)].sku")
                    if line.refusal == nil && line.active { total += line.resolution.lineTotal }
                    lines.append(PricedLineJSON.json(line, includeExplanation: explain))
                }
                return .object([
                    "customerId": customerID.map(JSONValue.int) ?? .null, "currency": .string(pricer.currency),
                    "date": .string(pricer.day.description), "lines": .array(lines), "total": .int(total),
                ])
            }
            return .json(result)
        }

        read.get(
            "/customers/{id}/prices/{sku}",
            summary: "Why this price: one product for a customer with every rule considered (?quantity= ?currency= ?date=)"
        ) { request, context in
            let shop = try context.requireShop()
            let customerID = try context.idParameter()
            let sku = try context.parameter("sku")
            let quantity = try request.queryInt("quantity", default: 1, range: 1...PricingEngine.maximumQuantity)
            let currency = try request.query("currency").map { code -> String in
                guard ShopSettings.currencies.contains(code) else {
                    throw HTTPError.badRequest("currency must be one of EUR, SEK, NOK, DKK.", code: "invalid_query", field: "currency")
                }
                return code
            }
            let day = try request.query("date").map { text -> PricingDay in
                guard let day = PricingDay(text) else {
                    throw HTTPError.badRequest("date must be YYYY-MM-DD.", code: "invalid_query", field: "date")
                }
                return day
            }
            let price = try await shop.database.read { db -> JSONValue in
                let pricer = try ShopPricer.make(
                    db, shop: shop, service: service, customerID: customerID, currency: currency, day: day)
                var line = PricedLineJSON.json(
                    try pricer.price(ShopPricer.Item(sku: sku, quantity: quantity), explain: true), includeExplanation: true)
                if case .object(var members) = line {
                    members["date"] = .string(pricer.day.description)
                    line = .object(members)
                }
                return line
            }
            return .json(.object(["price": price]))
        }
    }

    static func item(_ body: JSONBody) throws -> ShopPricer.Item {
        ShopPricer.Item(
            sku: try body.string("sku", max: 64, required: true)!,
            quantity: Int(try body.int("quantity", in: 1...Int64(PricingEngine.maximumQuantity)) ?? 1),
            userPrice: try body.money("userPrice"),
            userPriceType: PriceType(rawValue: try body.choice("userPriceType", PriceType.allCases.map(\.rawValue)) ?? "n-net") ?? .nNet,
            userDiscountAmount: try body.money("userDiscountAmount"),
            userDiscountPercentage: try body.percentage("userDiscountPercentage"))
    }
}
