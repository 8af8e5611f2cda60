import ShopCore

/// The request and response shapes of the included-products routes, for `/openapi.json`.
enum IncludedProductsAPIOperations {
    static let root = "/shops/{shop}/api"
    static let names = JSONSchema.array(.string())
    static let set: [String: JSONSchema] = [
        "restricted": .boolean, "skus": names, "categories": names,
        "unknownSkus": .array(.string(description: "a SKU of the set no product has (a typo, or not synced yet)")),
    ]
    static let effective = JSONSchema.object(
        [
            "level": .nullable(.string(enumeration: ProductRestriction.Scope.allCases.map(\.rawValue))),
            "owners": .array(.integer(description: "the customer, companies or groups whose restrictions decide")),
            "restricted": .boolean, "skus": names, "categories": names,
        ], required: ["level", "restricted"])
    static let input = JSONSchema.object(
        [
            "skus": .array(.string(description: "1 to 64 letters, digits, dots, dashes or underscores")),
            "categories": .array(.string(description: "a product category, 1 to 100 characters, whatever its case")),
        ])

    static func response(_ scope: ProductRestriction.Scope) -> JSONSchema {
        var members = set
        members[scope.idMember] = .integer()
        if scope == .customer { members["effective"] = effective }
        return .object(members, required: [scope.idMember, "restricted", "skus", "categories"])
    }

    static var table: [String: APIOperation] {
        var table: [String: APIOperation] = [:]
        for scope in ProductRestriction.Scope.allCases {
            let path = "\(root)/\(IncludedProductsRoutes.segment(scope))/{id}/included-products"
            table["GET \(path)"] = APIOperation(response: response(scope))
            table["PUT \(path)"] = APIOperation(request: input, response: response(scope))
            table["DELETE \(path)"] = APIOperation(response: response(scope))
        }
        return table
    }
}
