import ShopCore

/// The request and response shapes of the required-fields routes, for `/openapi.json`, and
/// the `customFields` member the module adds to the customer record.
enum RequiredFieldsAPIOperations {
    static let root = "/shops/{shop}/api/required-fields"

    /// `customFields` in customer records and in create, update and storefront bodies.
    static let customFieldsMember = JSONSchema.object([:], additional: true)

    static let store = JSONSchema.object(["id": .integer(), "code": .string(), "name": .string()], required: ["id", "code", "name"])
    static let customField = JSONSchema.object(
        [
            "id": .integer(), "key": .string(description: "the key under customFields, such as paymentReference"), "label": .string(),
            "kind": .string(enumeration: CustomField.Kind.allCases.map(\.rawValue)), "choices": .array(.string()),
            "required": .boolean, "customerEditable": .boolean,
            "stores": .nullable(.array(.string(description: "store code"))), "values": .integer(description: "customers holding a value"),
            "createdAt": .string(format: "date-time"), "updatedAt": .string(format: "date-time"),
        ], required: ["id", "key", "label", "kind", "required", "customerEditable"])
    static let settings = JSONSchema.object(
        [
            "store": store, "required": .array(.string()),
            "inactive": .array(.string(description: "required keys whose module the plan no longer has: kept, not enforced")),
            "customFields": .array(customField),
        ], required: ["store", "required", "inactive", "customFields"])
    static let field = JSONSchema.object(
        [
            "key": .string(), "owner": .string(description: "core or a module id"), "requirable": .boolean,
            "reason": .string(description: "why it cannot be required"),
        ], required: ["key", "owner", "requirable"])
    /// The members of a definition's body; a change takes all but the key and the kind.
    static let definition: [String: JSONSchema] = [
        "key": .string(), "label": .string(), "kind": .string(enumeration: CustomField.Kind.allCases.map(\.rawValue)),
        "choices": .array(.string()), "required": .boolean, "customerEditable": .boolean,
        "stores": .nullable(.array(.string(description: "store code; null for every store"))),
    ]
    static let incomplete = JSONSchema.object(
        [
            "id": .integer(), "customerNumber": .string(), "firstName": .string(), "lastName": .string(),
            "email": .nullable(.string(format: "email")), "store": .string(description: "store code"),
            "missing": .array(.string(description: "a field key, or customFields.<key>")),
        ], required: ["id", "store", "missing"])

    static var table: [String: APIOperation] {
        let wrapped = JSONSchema.object(["customField": customField], required: ["customField"])
        return [
            "GET \(root)": APIOperation(
                response: .object(
                    ["stores": .array(settings), "fields": .array(field), "customFields": .array(customField)],
                    required: ["stores", "fields", "customFields"])),
            "GET \(root)/stores/{store}": APIOperation(response: .object(["settings": settings], required: ["settings"])),
            "PUT \(root)/stores/{store}": APIOperation(
                request: .object(["required": .array(.string(description: "a core or module field key"))], required: ["required"]),
                response: .object(["settings": settings], required: ["settings"])),
            "GET \(root)/incomplete": APIOperation(
                response: .object(
                    ["customers": .array(incomplete), "total": .integer(), "nextCursor": .nullable(.string())],
                    required: ["customers", "total"])),
            "GET \(root)/custom-fields": APIOperation(
                response: .object(["customFields": .array(customField)], required: ["customFields"])),
            "POST \(root)/custom-fields": APIOperation(
                request: .object(definition, required: ["key", "label", "kind"]), response: wrapped, status: 201),
            "GET \(root)/custom-fields/{id}": APIOperation(response: wrapped),
            "PATCH \(root)/custom-fields/{id}": APIOperation(
                request: .object(definition.filter { $0.key != "key" && $0.key != "kind" }), response: wrapped),
            "DELETE \(root)/custom-fields/{id}": APIOperation(
                response: .object(["deleted": .integer(), "valuesDeleted": .integer()], required: ["deleted", "valuesDeleted"])),
        ]
    }
}
