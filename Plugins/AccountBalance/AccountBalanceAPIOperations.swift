import ShopCore

/// The request and response shapes of the balance routes, for `/openapi.json`.
enum AccountBalanceAPIOperations {
    static let root = "/shops/{shop}/api"
    static let currency = JSONSchema.string(enumeration: BalanceEntryInput.currencies)
    static let minorUnits = JSONSchema.integer(description: "minor units (cents, öre); + credits, - debits")
    static let balance = JSONSchema.object(
        ["currency": currency, "amount": minorUnits, "entries": .integer()], required: ["currency", "amount"])
    static let entry = JSONSchema.object(
        [
            "id": .integer(), "amount": minorUnits, "currency": currency, "reason": .string(),
            "actor": .object(["kind": .string(), "label": .string()]), "createdAt": .string(format: "date-time"),
        ], required: ["id", "amount", "currency", "reason", "createdAt"])

    static var table: [String: APIOperation] {
        [
            "GET \(root)/customers/{id}/balance": APIOperation(
                response: .object(
                    [
                        "customerId": .integer(), "balances": .array(balance), "entries": .array(entry),
                        "nextCursor": .nullable(.string(description: "pass as ?before= for the next page")),
                    ], required: ["customerId", "balances", "entries"])),
            "POST \(root)/customers/{id}/balance/entries": APIOperation(
                request: .object(
                    [
                        "amount": .integer(description: "non-zero minor units, at most 10^11 either way"), "currency": currency,
                        "reason": .string(description: "1 to 500 characters"),
                    ], required: ["amount", "currency", "reason"]),
                response: .object(["entry": entry, "balance": balance, "balances": .array(balance)], required: ["entry", "balance"]),
                status: 201),
        ]
    }
}
