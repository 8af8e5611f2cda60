/// The named schemas of the API description: the shapes the routes take and return.
enum APIComponents {
    static var schemas: [String: JSONSchema] {
        [
            "Error": .object(
                [
                    "error": .object(
                        ["code": .string(), "message": .string(), "field": .string()], required: ["code", "message"], additional: true)
                ], required: ["error"]),
            "Shop": .object(
                [
                    "slug": .string(), "name": .string(), "tier": .string(enumeration: Tier.allCases.map(\.rawValue)),
                    "addOns": .array(.string()), "flags": .array(.string()),
                    "status": .string(enumeration: ["active", "suspended"]), "suspendedReason": .nullable(.string()),
                    "createdAt": .string(format: "date-time"), "updatedAt": .string(format: "date-time"),
                    "modules": .array(.string()), "databaseBytes": .integer(),
                ], required: ["slug", "name", "tier", "status"]),
            "StoreSpec": .object(
                [
                    "code": .string(), "name": .string(), "locale": .string(enumeration: ["fi", "sv", "nb", "da", "en"]),
                    "currency": .string(enumeration: ["EUR", "SEK", "NOK", "DKK"]), "country": .string(),
                    "accountScope": .string(enumeration: ["shop", "store"]),
                ]),
            "Store": .object(
                [
                    "id": .integer(), "code": .string(), "name": .string(), "locale": .string(), "currency": .string(),
                    "country": .string(), "accountScope": .string(enumeration: ["shop", "store"]),
                ], required: ["id", "code", "name"]),
            "Group": .object(
                [
                    "id": .integer(), "name": .string(), "taxClass": .string(enumeration: ["taxable", "tax-free-reseller"]),
                    "builtIn": .boolean, "customers": .integer(),
                ], required: ["id", "name", "taxClass"]),
            "Settings": .object(
                [
                    "birthdayEnabled": .boolean, "requireActivation": .boolean, "minimumPasswordLength": .integer(),
                    "remoteAssistanceRequiresConsent": .boolean,
                    "companyCurrency": .nullable(.string(enumeration: ShopSettings.currencies)), "timeZone": .string(),
                    "requireOrderReference": .boolean, "adminLocale": .string(enumeration: ShopSettings.adminLocales),
                ]),
            "Address": .object(
                Dictionary(
                    uniqueKeysWithValues: CustomerAddress.columns.map { column, key in
                        (key, key == "id" ? JSONSchema.integer() : key.hasPrefix("isDefault") ? .boolean : .string())
                    }), required: ["street", "postalCode", "city"]),
            "Customer": .object(customerMembers(includeSystem: true), required: ["id", "firstName", "lastName", "version"]),
            "CustomerInput": .object(customerMembers(includeSystem: false)),
            "CustomerPage": .object(
                ["customers": .array(.ref("Customer")), "total": .integer(), "nextCursor": .nullable(.string())],
                required: ["customers", "total"]),
            "AuditEntry": .object(
                [
                    "id": .integer(), "at": .string(format: "date-time"),
                    "actor": .object(["kind": .string(), "id": .integer(), "label": .string()]), "action": .string(),
                    "entity": .string(), "entityId": .nullable(.string()), "before": .any, "after": .any,
                    "requestId": .nullable(.string()),
                ], additional: true),
            "Module": .object(
                ["id": .string(), "name": .string(), "enabled": .boolean, "unlockedBy": .string(), "requires": .any], additional: true),
        ]
    }

    /// Customer members from the field table, so the description never drifts from the record.
    static func customerMembers(includeSystem: Bool) -> [String: JSONSchema] {
        var members: [String: JSONSchema] = [:]
        for field in CustomerField.all where includeSystem || field.access == .staff {
            let schema: JSONSchema
            switch field.kind {
            case .boolean: schema = .boolean
            case .money: schema = .integer(description: "minor units (cents, öre)")
            case .codeList: schema = .array(.string())
            case .choice(let options): schema = .string(enumeration: options)
            case .email: schema = .string(format: "email")
            case .date: schema = .string(format: "date")
            case .phone: schema = .string(description: "E.164; national forms accepted on input")
            default: schema = .string()
            }
            members[field.key] = .nullable(schema)
        }
        members["storeId"] = .integer()
        members["groupIds"] = .array(.integer())
        members["defaultGroupId"] = .integer()
        members["addresses"] = .array(.ref("Address"))
        if includeSystem {
            members["id"] = .integer()
            members["version"] = .integer(description: "quote it back in If-Match")
            members["blocked"] = .boolean
        }
        return members
    }
}
