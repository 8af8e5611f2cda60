/// The order, cart and storefront catalog routes as the API description shows them.
enum OrderAPIOperations {
    static let base = "/shops/{shop}/api"
    static let storefront = "/shops/{shop}/storefront/{store}"
    static let money = PricingAPIOperations.money
    static let line = JSONSchema.object(
        [
            "id": .integer(), "sku": .string(), "name": .string(), "quantity": .integer(), "unitPrice": money, "lineTotal": money,
            "priceLevel": .string(), "priceType": .string(), "priceRuleId": .nullable(.integer()), "discount": .nullable(.any),
            "comment": .nullable(.string()), "pricedAt": .string(format: "date-time"),
        ], required: ["id", "sku", "quantity", "unitPrice", "lineTotal"])
    static let status = JSONSchema.string(enumeration: ["cart", "draft", "placed", "invoiced", "paid", "cancelled"])
    static let order = JSONSchema.object(
        [
            "id": .integer(), "number": .nullable(.string()), "customerId": .nullable(.integer()), "store": .string(), "status": status,
            "currency": PricingAPIOperations.currency, "paymentMethod": .nullable(.string()), "deliveryMethod": .nullable(.string()),
            "reference": .nullable(.string()), "note": .nullable(.string()), "total": money, "totalInCompanyCurrency": .nullable(money),
            "lines": .array(line), "version": .integer(), "lineCount": .integer(),
        ], required: ["id", "status", "currency", "total"], additional: true)
    static let header = JSONSchema.object([
        "paymentMethod": .nullable(.string()), "deliveryMethod": .nullable(.string()), "reference": .nullable(.string()),
        "note": .nullable(.string()), "currency": PricingAPIOperations.currency,
    ])
    static let quantity = JSONSchema.object(["quantity": .integer()], required: ["quantity"])
    static let comment = JSONSchema.object(["sku": .string(), "comment": .string()], required: ["sku", "comment"])

    static var table: [String: APIOperation] {
        let wrap = APIOperations.wrap
        var table: [String: APIOperation] = [
            "GET \(base)/orders": APIOperation(response: wrap("orders", .array(order))),
            "GET \(base)/orders/{id}": APIOperation(response: wrap("order", order)),
            "GET \(base)/customers/{id}/orders": APIOperation(
                response: .object([
                    "orders": .array(order), "cart": .nullable(order), "drafts": .array(order), "salesTotal": money,
                    "orderCount": .integer(),
                    "currency": PricingAPIOperations.currency,
                ])),
            "POST \(base)/customers/{id}/cart/lines": APIOperation(
                request: PricingAPIOperations.priceItem, response: wrap("order", order), status: 201),
            "POST \(base)/customers/{id}/draft-orders": APIOperation(request: header, response: wrap("order", order), status: 201),
            "PATCH \(base)/orders/{id}": APIOperation(request: header, response: wrap("order", order)),
            "POST \(base)/orders/{id}/lines": APIOperation(
                request: PricingAPIOperations.priceItem, response: wrap("order", order), status: 201),
            "PATCH \(base)/orders/{id}/lines/{lineId}": APIOperation(request: quantity, response: wrap("order", order)),
            "DELETE \(base)/orders/{id}/lines/{lineId}": APIOperation(response: wrap("order", order)),
            "POST \(base)/orders/{id}/place": APIOperation(request: .object(["override": .boolean]), response: wrap("order", order)),
            "GET \(base)/customers/{id}/product-comments": APIOperation(response: wrap("comments", .array(comment))),
            "PUT \(base)/customers/{id}/product-comments/{sku}": APIOperation(
                request: .object(["comment": .string()], required: ["comment"]), response: wrap("comment", comment)),
            "DELETE \(base)/customers/{id}/product-comments/{sku}": APIOperation(response: .object([:]), status: 204),
            // The storefront
            "GET \(storefront)/catalog": APIOperation(
                response: .object([
                    "products": .array(PricingAPIOperations.pricedLine), "currency": PricingAPIOperations.currency,
                    "next": .nullable(.string()),
                ])),
            "GET \(storefront)/catalog/{sku}": APIOperation(response: wrap("product", PricingAPIOperations.pricedLine)),
            "GET \(storefront)/cart": APIOperation(response: wrap("cart", .nullable(order))),
            "POST \(storefront)/cart/lines": APIOperation(
                request: .object(["sku": .string(), "quantity": .integer()], required: ["sku"]), response: wrap("cart", order), status: 201),
            "PATCH \(storefront)/cart/lines/{lineId}": APIOperation(request: quantity, response: wrap("cart", order)),
            "DELETE \(storefront)/cart/lines/{lineId}": APIOperation(response: wrap("cart", order)),
            "PATCH \(storefront)/cart": APIOperation(request: header, response: wrap("cart", order)),
            "POST \(storefront)/cart/place": APIOperation(response: wrap("order", order), status: 201),
            "GET \(storefront)/orders": APIOperation(response: wrap("orders", .array(order))),
            "GET \(storefront)/orders/{number}": APIOperation(response: wrap("order", order)),
        ]
        for path in ["invoice", "pay", "cancel"] {
            table["POST \(base)/orders/{id}/\(path)"] = APIOperation(response: wrap("order", order))
        }
        return table
    }
}
