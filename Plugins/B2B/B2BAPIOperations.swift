import ShopCore

/// The request and response shapes of the B2B routes, for `/openapi.json`.
enum B2BAPIOperations {
    static let root = "/shops/{shop}/api"
    static let storefront = "/shops/{shop}/storefront/{store}"

    static let country = JSONSchema.string(enumeration: B2BField.countries)
    static let outstanding = JSONSchema.object(
        [
            "amount": .integer(description: "minor units (cents, öre)"),
            "currency": .string(enumeration: B2BField.currencies),
        ], required: ["amount", "currency"])
    static let person = JSONSchema.object(
        [
            "customerId": .integer(), "admin": .boolean, "joinedAt": .string(format: "date-time"), "firstName": .nullable(.string()),
            "lastName": .nullable(.string()), "email": .nullable(.string()), "customerNumber": .nullable(.string()),
        ], required: ["customerId", "admin"])
    static let company = JSONSchema.object(
        [
            "id": .integer(), "name": .string(), "country": country, "businessId": .string(description: "organisation number"),
            "vatNumber": .nullable(.string()), "website": .nullable(.string()), "allowedOutstanding": .nullable(outstanding),
            "maxPaymentDays": .nullable(.integer()), "riskRating": .nullable(.string(enumeration: CompanyInput.riskRatings)),
            "erpCustomerNumber": .nullable(.string()), "groupId": .nullable(.integer()),
            "group": .nullable(.object(["id": .integer(), "name": .string()])), "peopleCount": .integer(),
            "people": .array(person), "createdAt": .string(format: "date-time"), "updatedAt": .string(format: "date-time"),
        ], required: ["id", "name", "country", "businessId"])
    static let companyInput = JSONSchema.object(
        [
            "name": .string(), "country": country, "businessId": .string(description: "checked for the country"),
            "vatNumber": .nullable(.string()), "website": .nullable(.string()), "allowedOutstanding": .nullable(outstanding),
            "maxPaymentDays": .nullable(.integer(description: "0 to 365")),
            "riskRating": .nullable(.string(enumeration: CompanyInput.riskRatings)), "erpCustomerNumber": .nullable(.string()),
            "groupId": .nullable(.integer(description: "a customer group; the company's people get it as their default")),
        ])
    static let wrappedCompany = JSONSchema.object(["company": company], required: ["company"])
    static let application = JSONSchema.object(
        [
            "id": .integer(), "status": .string(enumeration: ApplicationStore.statuses), "store": .string(), "companyName": .string(),
            "country": country, "businessId": .string(), "vatNumber": .nullable(.string()), "website": .nullable(.string()),
            "firstName": .string(), "lastName": .string(), "email": .string(), "phone": .nullable(.string()),
            "message": .nullable(.string()), "submittedAt": .string(format: "date-time"),
            "decision": .nullable(
                .object([
                    "at": .string(format: "date-time"), "by": .string(), "via": .nullable(.string(enumeration: ["admin", "link"])),
                    "erpCustomerNumber": .nullable(.string()), "reason": .nullable(.string()), "companyId": .nullable(.integer()),
                    "customerId": .nullable(.integer()), "matchedCompany": .boolean, "matchedCustomer": .boolean,
                ])),
        ], required: ["id", "status", "companyName", "businessId", "email"])
    static let approval = JSONSchema.object(
        [
            "application": application, "company": company, "customerId": .integer(),
            "matchedCompany": .boolean, "matchedCustomer": .boolean, "emailId": .integer(),
        ], required: ["application", "company", "customerId"])
    static let erp = JSONSchema.object(
        ["erpCustomerNumber": .string(description: "the customer number created in the ERP")], required: ["erpCustomerNumber"])
    static let settings = JSONSchema.object(
        [
            "notificationEmail": .nullable(.string(format: "email")),
            "approvalLinkBaseUrl": .nullable(.string(description: "URL template with {shop} and {store}")),
        ])

    static var table: [String: APIOperation] {
        [
            "GET \(root)/companies": APIOperation(
                response: .object(
                    ["companies": .array(company), "nextCursor": .nullable(.string(description: "pass as ?before="))],
                    required: ["companies"])),
            "POST \(root)/companies": APIOperation(request: companyInput, response: wrappedCompany, status: 201),
            "GET \(root)/companies/{id}": APIOperation(response: wrappedCompany),
            "GET \(root)/customers/{id}/company": APIOperation(
                response: .object(
                    [
                        "company": .nullable(company),
                        "admin": .boolean,
                    ], required: ["company", "admin"])),
            "PATCH \(root)/companies/{id}": APIOperation(request: companyInput, response: wrappedCompany),
            "DELETE \(root)/companies/{id}": APIOperation(
                response: .object(["deleted": .integer(), "peopleUnlinked": .integer()], required: ["deleted"])),
            "POST \(root)/companies/{id}/people": APIOperation(
                request: .object(["customerId": .integer(), "admin": .boolean], required: ["customerId"]), response: wrappedCompany),
            "DELETE \(root)/companies/{id}/people/{customerId}": APIOperation(response: wrappedCompany),
            "PUT \(root)/companies/{id}/admin": APIOperation(
                request: .object(["customerId": .integer()], required: ["customerId"]), response: wrappedCompany),
            "GET \(root)/b2b/applications": APIOperation(
                response: .object(
                    ["applications": .array(application), "pending": .integer(), "nextCursor": .nullable(.string())],
                    required: ["applications", "pending"])),
            "GET \(root)/b2b/applications/{id}": APIOperation(
                response: .object(["application": application], required: ["application"])),
            "POST \(root)/b2b/applications/{id}/approve": APIOperation(request: erp, response: approval),
            "POST \(root)/b2b/applications/{id}/reject": APIOperation(
                request: .object(["reason": .string(description: "1 to 1000 characters, told to the applicant")], required: ["reason"]),
                response: .object(["application": application, "emailId": .integer()], required: ["application"])),
            "GET \(root)/b2b/settings": APIOperation(response: .object(["settings": settings], required: ["settings"])),
            "PUT \(root)/b2b/settings": APIOperation(request: settings, response: .object(["settings": settings], required: ["settings"])),
            "POST \(storefront)/b2b/applications": APIOperation(
                request: .object(
                    [
                        "companyName": .string(), "country": country, "businessId": .string(), "vatNumber": .string(),
                        "website": .string(), "firstName": .string(), "lastName": .string(), "email": .string(format: "email"),
                        "phone": .string(), "message": .string(description: "at most 2000 characters"),
                    ], required: ["companyName", "businessId", "firstName", "lastName", "email", "phone"]),
                response: .object(
                    [
                        "application": .object(
                            ["id": .integer(), "status": .string(), "submittedAt": .string(format: "date-time")],
                            required: ["id", "status"]),
                        "message": .string(),
                    ], required: ["application"]),
                status: 201, isOpen: true),
            "GET \(storefront)/b2b/approval": APIOperation(
                response: .string(description: "an HTML page with the application and the approval form"), responseType: "text/html",
                isOpen: true),
            "POST \(storefront)/b2b/approval": APIOperation(
                request: .object(
                    ["token": .string(description: "from the approval link"), "erpCustomerNumber": .string()],
                    required: ["token", "erpCustomerNumber"]),
                response: approval, isOpen: true),
        ]
    }
}
