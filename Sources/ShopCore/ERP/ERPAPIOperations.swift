/// The API description of the ERP customer routes.
enum ERPAPIOperations {
    static let result = JSONSchema.object(
        [
            "result": .string(enumeration: ["created", "updated", "linked", "unchanged", "stale"]), "erpId": .string(),
            "erpUpdatedAt": .string(format: "date-time", description: "the ERP version now stored"), "customer": .ref("Customer"),
            "message": .string(description: "why a stale update was ignored"),
        ], required: ["result", "erpId", "erpUpdatedAt", "customer"])

    static var table: [String: APIOperation] {
        let root = "/shops/{shop}/api/erp/customers"
        let input = (APIComponents.schemas["CustomerInput"] ?? .any).addingMembers([
            "updatedAt": .string(format: "date-time", description: "when the ERP last changed the record; required")
        ])
        let batchItem = input.addingMembers(["erpId": .string(description: "the customer's id in the ERP; required")])
        let batchResult = JSONSchema.object(
            [
                "result": .string(enumeration: ["created", "updated", "linked", "unchanged", "stale", "error"]), "erpId": .string(),
                "erpUpdatedAt": .string(format: "date-time"), "customer": .ref("Customer"), "code": .string(), "message": .string(),
                "field": .string(),
            ], required: ["result"])
        return [
            "PUT \(root)/{erpId}": APIOperation(request: input, response: result),
            "POST \(root)/batch": APIOperation(
                request: .object(["customers": .array(batchItem)], required: ["customers"]),
                response: .object(
                    ["results": .array(batchResult), "counts": .object([:], additional: true)], required: ["results", "counts"])),
        ]
    }
}
