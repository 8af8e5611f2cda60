import ShopCore

/// The request and response shapes of the tag routes, for `/openapi.json`.
enum TagsAPIOperations {
    static let root = "/shops/{shop}/api"
    static let tag = JSONSchema.object(
        [
            "id": .integer(), "name": .string(), "createdAt": .string(format: "date-time"),
            "customers": .integer(description: "customers carrying the tag"),
        ], required: ["id", "name", "customers"])
    static let customerTags = JSONSchema.object(
        ["customerId": .integer(), "tags": .array(.object(["id": .integer(), "name": .string()], required: ["id", "name"]))],
        required: ["customerId", "tags"])
    static let names = JSONSchema.array(.string())
    static let filter = JSONSchema.object(
        [
            "q": .string(description: "the customer list's search text"),
            "tagsAll": .string(description: "comma-separated names (or a list): customers with all of them"),
            "tagsAny": .string(description: "comma-separated names (or a list): customers with any of them"),
            "tagsNone": .string(description: "comma-separated names (or a list): customers with none of them"),
            "storeId": .integer(description: "customers of the store"), "groupId": .integer(description: "members of the group"),
            "enabled": .boolean, "blocked": .boolean, "pending": .boolean, "hasAccount": .boolean,
            "registeredFrom": .string(format: "date"), "registeredTo": .string(format: "date"),
            "lastVisitFrom": .string(format: "date"), "lastVisitTo": .string(format: "date"),
        ], additional: true)

    static var table: [String: APIOperation] {
        [
            "GET \(root)/tags": APIOperation(response: .object(["tags": .array(tag)], required: ["tags"])),
            "POST \(root)/tags": APIOperation(
                request: .object(["name": .string()], required: ["name"]), response: .object(["tag": tag], required: ["tag"]), status: 201),
            "PATCH \(root)/tags/{id}": APIOperation(
                request: .object(["name": .string()], required: ["name"]), response: .object(["tag": tag], required: ["tag"])),
            "DELETE \(root)/tags/{id}": APIOperation(
                response: .object(["deleted": .integer(), "customersUntagged": .integer()], required: ["deleted"])),
            "GET \(root)/customers/{id}/tags": APIOperation(response: customerTags),
            "PUT \(root)/customers/{id}/tags": APIOperation(
                request: .object(["tags": names], required: ["tags"]),
                response: .object(
                    ["customerId": .integer(), "tags": .array(.any), "createdTags": names], required: ["customerId", "tags"])),
            "POST \(root)/tags/assign": APIOperation(
                request: .object(
                    [
                        "add": names, "remove": names, "customerIds": .array(.integer()),
                        "filter": filter, "all": .boolean,
                    ]),
                response: .object(
                    [
                        "changed": .integer(description: "customers whose tags changed"),
                        "selected": .integer(description: "customers the selection held"), "createdTags": names,
                    ], required: ["changed", "selected"])),
        ]
    }
}
