/// The catalog, pricing and price-rule routes as the API description shows them.
enum PricingAPIOperations {
    static let base = "/shops/{shop}/api"
    static let percentage = JSONSchema.string(description: "An exact percentage, at most four decimals, such as \"12.5\"")
    static let day = JSONSchema.string(format: "date")
    static let currency = JSONSchema.string(enumeration: ShopSettings.currencies)
    static let money = JSONSchema.integer(description: "Minor units (cents, öre)")

    static let listPrice = JSONSchema.object(
        ["currency": currency, "kind": .string(enumeration: ["net", "gross"]), "amount": money, "validFrom": day, "validTo": day],
        required: ["currency", "kind", "amount"])
    static let storePrice = JSONSchema.object(["store": .string(), "amount": money, "currency": currency], required: ["store", "amount"])
    static let productInput = JSONSchema.object([
        "sku": .string(), "name": .string(), "category": .nullable(.string()), "grossPrice": money, "netPrice": .nullable(money),
        "costPrice": .nullable(money), "discountGroupId": .nullable(.integer()), "active": .boolean,
        "listPrices": .array(listPrice), "storePrices": .array(storePrice),
    ])
    static let product = JSONSchema.object(
        [
            "id": .integer(), "sku": .string(), "name": .string(), "category": .nullable(.string()), "grossPrice": money,
            "netPrice": .nullable(money), "costPrice": .nullable(money), "discountGroupId": .nullable(.integer()), "active": .boolean,
            "currency": currency, "listPrices": .array(listPrice), "storePrices": .array(storePrice),
            "createdAt": .string(format: "date-time"), "updatedAt": .string(format: "date-time"),
        ], required: ["id", "sku", "name", "grossPrice", "active"], additional: true)
    static let discountGroup = JSONSchema.object(
        ["id": .integer(), "name": .string(), "basePercentage": percentage, "products": .integer()], required: ["id", "name"])
    static let rate = JSONSchema.object(
        ["id": .integer(), "currency": currency, "rate": .string(), "validFrom": day, "validTo": .nullable(day)],
        required: ["id", "currency", "rate", "validFrom"])
    static let ruleInput = JSONSchema.object(
        [
            "kind": .string(enumeration: ["price", "discount", "margin"]), "customerId": .integer(), "groupId": .integer(),
            "segment": .string(), "district": .string(), "sku": .string(), "discountGroupId": .integer(), "currency": currency,
            "amount": money, "priceType": .string(enumeration: ["gross", "e-net", "n-net"]), "percentage": percentage,
            "margin": percentage, "minimumQuantity": .integer(), "validFrom": day, "validTo": day, "note": .string(),
        ], required: ["kind"])
    static let rule = JSONSchema.object(
        ["id": .integer(), "kind": .string(), "scope": .string()], required: ["id", "kind", "scope"], additional: true)
    static let priceItem = JSONSchema.object(
        [
            "sku": .string(), "quantity": .integer(), "userPrice": money,
            "userPriceType": .string(enumeration: ["gross", "e-net", "n-net"]),
            "userDiscountAmount": money, "userDiscountPercentage": percentage,
        ], required: ["sku"])
    static let pricedLine = JSONSchema.object(
        [
            "sku": .string(), "name": .string(), "quantity": .integer(), "currency": currency, "unitPrice": money, "lineTotal": money,
            "priceLevel": .string(), "priceType": .string(), "priceRuleId": .nullable(.integer()), "discount": .nullable(.any),
            "available": .boolean, "explanation": .array(.any), "why": .string(),
        ], required: ["sku", "quantity", "unitPrice", "lineTotal", "priceLevel"], additional: true)

    static var table: [String: APIOperation] {
        let wrap = APIOperations.wrap
        return [
            "GET \(base)/products": APIOperation(response: .object(["products": .array(product), "next": .nullable(.string())])),
            "POST \(base)/products": APIOperation(request: productInput, response: wrap("product", product), status: 201),
            "GET \(base)/products/{sku}": APIOperation(response: wrap("product", product)),
            "PATCH \(base)/products/{sku}": APIOperation(request: productInput, response: wrap("product", product)),
            "DELETE \(base)/products/{sku}": APIOperation(response: .object(["deleted": .string(), "rulesDeleted": .integer()])),
            "GET \(base)/discount-groups": APIOperation(response: wrap("discountGroups", .array(discountGroup))),
            "POST \(base)/discount-groups": APIOperation(
                request: .object(["name": .string(), "basePercentage": percentage], required: ["name"]),
                response: wrap("discountGroup", discountGroup), status: 201),
            "PATCH \(base)/discount-groups/{id}": APIOperation(
                request: .object(["name": .string(), "basePercentage": percentage]), response: wrap("discountGroup", discountGroup)),
            "DELETE \(base)/discount-groups/{id}": APIOperation(response: .object(["deleted": .integer(), "rulesDeleted": .integer()])),
            "GET \(base)/exchange-rates": APIOperation(response: .object(["companyCurrency": currency, "rates": .array(rate)])),
            "POST \(base)/exchange-rates": APIOperation(
                request: .object(
                    ["currency": currency, "rate": .string(), "validFrom": day, "validTo": day],
                    required: ["currency", "rate", "validFrom"]),
                response: wrap("rate", rate), status: 201),
            "DELETE \(base)/exchange-rates/{id}": APIOperation(response: .object(["deleted": .integer()])),
            "GET \(base)/price-rules": APIOperation(response: wrap("rules", .array(rule))),
            "POST \(base)/price-rules": APIOperation(request: ruleInput, response: wrap("rule", rule), status: 201),
            "GET \(base)/price-rules/{id}": APIOperation(response: wrap("rule", rule)),
            "DELETE \(base)/price-rules/{id}": APIOperation(response: .object(["deleted": .integer()])),
            "POST \(base)/customers/{id}/price-rules/copy": APIOperation(
                request: .object(["fromCustomerId": .integer(), "replace": .boolean], required: ["fromCustomerId"]),
                response: .object(["copied": .integer(), "removed": .integer()])),
            "POST \(base)/prices": APIOperation(
                request: .object(
                    [
                        "customerId": .integer(), "store": .string(), "currency": currency, "date": day, "explain": .boolean,
                        "items": .array(priceItem),
                    ], required: ["items"]),
                response: .object([
                    "customerId": .nullable(.integer()), "currency": currency, "date": day, "lines": .array(pricedLine), "total": money,
                ])),
            "GET \(base)/customers/{id}/prices/{sku}": APIOperation(response: wrap("price", pricedLine)),
        ]
    }
}
