import ShopCore

/// The request and response shapes of the credit-limit routes, for `/openapi.json`.
enum CreditLimitAPIOperations {
    static let root = "/shops/{shop}/api"
    static let minorUnits = JSONSchema.integer(description: "minor units (cents, öre) of the shop's company currency")
    static let currency = JSONSchema.string(enumeration: ["EUR", "SEK", "NOK", "DKK"])
    static let limit = JSONSchema.nullable(
        .object(
            ["amount": minorUnits, "currency": currency, "updatedAt": .string(format: "date-time")],
            required: ["amount", "currency", "updatedAt"]))
    static let position: [String: JSONSchema] = [
        "currency": currency, "limit": limit,
        "outstanding": .integer(description: "placed or invoiced, unpaid orders (a company: over its people), minor units"),
        "available": .nullable(.integer(description: "the limit minus the outstanding amount, at least 0; null without a limit")),
    ]
    static let company = JSONSchema.object(
        position.merging([
            "companyId": .integer(),
            "people": .array(.object(["customerId": .integer(), "outstanding": minorUnits], required: ["customerId", "outstanding"])),
            "companyKnown": .boolean,
        ]) { own, _ in own }, required: ["companyId", "currency", "limit", "outstanding"])
    static let customer = JSONSchema.object(
        position.merging(["customerId": .integer(), "companies": .array(company)]) { own, _ in own },
        required: ["customerId", "currency", "limit", "outstanding", "companies"])
    static let input = JSONSchema.object(
        [
            "amount": .integer(description: "0 to 100000000000 minor units of the company currency"),
            "currency": .string(description: "optional; must be the shop's company currency"),
        ], required: ["amount"])

    static var table: [String: APIOperation] {
        [
            "GET \(root)/customers/{id}/credit-limit": APIOperation(response: customer),
            "PUT \(root)/customers/{id}/credit-limit": APIOperation(request: input, response: customer),
            "DELETE \(root)/customers/{id}/credit-limit": APIOperation(response: customer),
            "GET \(root)/companies/{id}/credit-limit": APIOperation(response: company),
            "PUT \(root)/companies/{id}/credit-limit": APIOperation(request: input, response: company),
            "DELETE \(root)/companies/{id}/credit-limit": APIOperation(
                response: .object(["companyId": .integer(), "limit": .nullable(.any)], required: ["companyId", "limit"])),
        ]
    }
}
