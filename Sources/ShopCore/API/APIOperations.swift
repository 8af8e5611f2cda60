/// What one route takes and returns, for the API description.
public struct APIOperation: Sendable {
    public var request: JSONSchema?
    public var response: JSONSchema
    public var status: Int
    /// Content type of the success body when it is not JSON (CSV exports).
    public var responseType: String
    /// True for a route anyone may call without a token: a public form, or a link that carries
    /// its own signature. The description then names no security scheme for it.
    public var isOpen: Bool
    /// Optional query parameters worth describing by name (`ids` of the export), each a
    /// string-valued parameter with its schema; most routes' queries are told in the summary.
    public var query: [String: JSONSchema]

    public init(
        request: JSONSchema? = nil, response: JSONSchema, status: Int = 200, responseType: String = "application/json",
        isOpen: Bool = false, query: [String: JSONSchema] = [:]
    ) {
        self.request = request
        self.response = response
        self.status = status
        self.responseType = responseType
        self.isOpen = isOpen
        self.query = query
    }
}

/// Every route's request and response shapes, keyed by `METHOD pattern`. A route the
/// router has but this table lacks fails the API description test, so the description
/// grows with the routes.
enum APIOperations {
    static func wrap(_ key: String, _ schema: JSONSchema) -> JSONSchema { .object([key: schema], required: [key]) }
    static let shop = wrap("shop", .ref("Shop"))
    static let customer = wrap("customer", .ref("Customer"))
    static let store = wrap("store", .ref("Store"))
    static let group = wrap("group", .ref("Group"))
    static let settings = wrap("settings", .ref("Settings"))
    static let entries = wrap("entries", .array(.ref("AuditEntry")))
    static let empty = JSONSchema.object([:])

    static var table: [String: APIOperation] {
        [
            "GET /health": APIOperation(response: .object(["status": .string()])),
            // Operator
            "GET /operator/shops": APIOperation(response: .object(["shops": .array(.ref("Shop")), "total": .integer()])),
            "POST /operator/shops": APIOperation(
                request: .object(
                    [
                        "slug": .string(), "name": .string(), "tier": .string(enumeration: Tier.allCases.map(\.rawValue)),
                        "addOns": .array(.string()), "flags": .array(.string()), "stores": .array(.ref("StoreSpec")),
                        "ownerEmail": .string(format: "email"), "ownerName": .string(), "ownerPassword": .string(),
                    ], required: ["slug", "name", "tier", "ownerEmail"]),
                response: .object(["shop": .ref("Shop"), "ownerPassword": .string()], required: ["shop"]), status: 201),
            "GET /operator/shops/{slug}": APIOperation(response: shop),
            "PATCH /operator/shops/{slug}": APIOperation(
                request: .object(["name": .string(), "tier": .string(), "addOns": .array(.string()), "flags": .array(.string())]),
                response: shop),
            "DELETE /operator/shops/{slug}": APIOperation(response: .object(["deleted": .string(), "trash": .string()])),
            "PUT /operator/shops/{slug}/tier": APIOperation(request: .object(["tier": .string()], required: ["tier"]), response: shop),
            "PUT /operator/shops/{slug}/add-ons/{addOn}": APIOperation(response: shop),
            "DELETE /operator/shops/{slug}/add-ons/{addOn}": APIOperation(response: shop),
            "PUT /operator/shops/{slug}/flags/{flag}": APIOperation(response: shop),
            "DELETE /operator/shops/{slug}/flags/{flag}": APIOperation(response: shop),
            "POST /operator/shops/{slug}/suspend": APIOperation(
                request: .object(["reason": .string()], required: ["reason"]), response: shop),
            "POST /operator/shops/{slug}/resume": APIOperation(response: shop),
            "POST /operator/shops/{slug}/migrate": APIOperation(response: .object(["applied": .array(.string())])),
            "POST /operator/shops/{slug}/backups": APIOperation(response: .object(["file": .string()]), status: 201),
            "GET /operator/shops/{slug}/audit": APIOperation(response: entries),
            "GET /operator/shops/{slug}/stats": APIOperation(
                response: .object(
                    ["slug": .string(), "customerCount": .integer(), "databaseBytes": .integer()],
                    required: ["slug", "customerCount", "databaseBytes"])),
            "POST /operator/migrations": APIOperation(
                response: .object([
                    "runID": .integer(), "resumed": .boolean, "total": .integer(), "done": .integer(), "migrationsApplied": .integer(),
                ])),
            "GET /operator/migrations": APIOperation(response: .object(["runs": .array(.any)])),
            "GET /operator/tiers": APIOperation(
                response: .object([
                    "tiers": .array(.string()), "addOns": .array(.string()), "flags": .array(.string()), "modules": .array(.any),
                ])),
            // Staff sign-in and the shop
            "POST /shops/{shop}/api/sessions": APIOperation(
                request: .object(["email": .string(format: "email"), "password": .string()], required: ["email", "password"]),
                response: .object(["token": .string(), "expiresAt": .string(format: "date-time"), "staff": .any]), status: 201),
            "DELETE /shops/{shop}/api/sessions/current": APIOperation(response: empty, status: 204),
            "GET /shops/{shop}/api/me": APIOperation(response: .object(["staff": .any, "shop": .any], additional: true)),
            "GET /shops/{shop}/api/features": APIOperation(response: .object(["tier": .string(), "modules": .array(.ref("Module"))])),
            "GET /shops/{shop}/api/audit": APIOperation(response: entries),
            "GET /shops/{shop}/api/settings": APIOperation(response: settings),
            "PATCH /shops/{shop}/api/settings": APIOperation(request: .ref("Settings"), response: settings),
            "GET /shops/{shop}/api/stores": APIOperation(response: wrap("stores", .array(.ref("Store")))),
            "POST /shops/{shop}/api/stores": APIOperation(request: .ref("StoreSpec"), response: store, status: 201),
            "PATCH /shops/{shop}/api/stores/{id}": APIOperation(request: .ref("StoreSpec"), response: store),
            "DELETE /shops/{shop}/api/stores/{id}": APIOperation(response: empty, status: 204),
            "GET /shops/{shop}/api/groups": APIOperation(response: wrap("groups", .array(.ref("Group")))),
            "POST /shops/{shop}/api/groups": APIOperation(
                request: .object(["name": .string(), "taxClass": .string()], required: ["name"]), response: group, status: 201),
            "PATCH /shops/{shop}/api/groups/{id}": APIOperation(
                request: .object(["name": .string(), "taxClass": .string()]), response: group),
            "DELETE /shops/{shop}/api/groups/{id}": APIOperation(response: .object(["deleted": .integer(), "customersMoved": .integer()])),
            // Customers
            "GET /shops/{shop}/api/customers": APIOperation(response: .ref("CustomerPage")),
            "POST /shops/{shop}/api/customers": APIOperation(request: .ref("CustomerInput"), response: customer, status: 201),
            "GET /shops/{shop}/api/customers/quick": APIOperation(
                response: .object(["customers": .array(.ref("Customer")), "window": .integer()])),
            "GET /shops/{shop}/api/customers/sms-phones.csv": APIOperation(response: .string(), responseType: "text/csv"),
            "GET /shops/{shop}/api/customers/{id}": APIOperation(response: customer),
            "PATCH /shops/{shop}/api/customers/{id}": APIOperation(request: .ref("CustomerInput"), response: customer),
            "DELETE /shops/{shop}/api/customers/{id}": APIOperation(response: .object(["dryRun": .boolean, "impact": .any])),
            "POST /shops/{shop}/api/customers/{id}/copy": APIOperation(request: .ref("CustomerInput"), response: customer, status: 201),
            "POST /shops/{shop}/api/customers/{id}/activate": APIOperation(response: customer),
            "POST /shops/{shop}/api/customers/{id}/unblock": APIOperation(response: customer),
            "POST /shops/{shop}/api/customers/{id}/block": APIOperation(
                request: .object(["reason": .string()], required: ["reason"]), response: customer),
            "GET /shops/{shop}/api/customers/{id}/gdpr-export": APIOperation(response: .object([:], additional: true)),
            "POST /shops/{shop}/api/customers/{id}/gdpr-erase": APIOperation(
                request: .object(["confirmCustomerNumber": .string()], required: ["confirmCustomerNumber"]),
                response: .object(["erased": .integer()])),
            "GET /shops/{shop}/api/customers/{id}/timeline": APIOperation(response: entries),
            "GET /openapi.json": APIOperation(response: .object([:], additional: true)),
        ]
    }
}
