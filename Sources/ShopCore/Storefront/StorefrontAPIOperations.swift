/// The API description of the storefront's routes and of the staff routes that go with them
/// (email log, set-password links, storefront link settings), merged into `APIOperations`.
enum StorefrontAPIOperations {
    static let session = JSONSchema.object(
        ["token": .string(description: "sa_cs_…, send as Authorization: Bearer"), "expiresAt": .string(format: "date-time")],
        required: ["token", "expiresAt"])

    /// The customer's own account: the fields a customer may see, never the staff's.
    static let account = JSONSchema.object(
        [
            "customerNumber": .string(), "email": .string(format: "email"), "socialTitle": .nullable(.string()),
            "firstName": .string(), "lastName": .string(), "company": .nullable(.string()), "phone": .nullable(.string()),
            "birthday": .nullable(.string(format: "date")), "newsletter": .boolean, "partnerOffers": .boolean, "smsMarketing": .boolean,
            "remoteAssistanceAllowed": .boolean, "businessId": .nullable(.string()), "vatNumber": .nullable(.string()),
            "registeredAt": .string(format: "date-time"),
            "lastVisitAt": .nullable(.string(format: "date-time")), "addresses": .array(.ref("Address")),
            "store": .object(["code": .string(), "name": .string()]),
            "modules": .object([:], additional: true),
        ], required: ["email", "firstName", "lastName", "addresses", "modules"])

    static let accountPatch = JSONSchema.object(
        [
            "firstName": .string(), "lastName": .string(), "socialTitle": .nullable(.string()), "phone": .nullable(.string()),
            "birthday": .nullable(.string(format: "date")), "newsletter": .boolean, "partnerOffers": .boolean, "smsMarketing": .boolean,
            "remoteAssistanceAllowed": .boolean, "addresses": .array(.ref("Address")),
        ])

    /// A row of a customer's email log: the shop's email log entry (`EmailAPIOperations`).
    static let email = EmailAPIOperations.email

    static var table: [String: APIOperation] {
        let root = "/shops/{shop}/storefront/{store}"
        var registration = StorefrontAPIOperations.accountPatch
        if case .object(var members, _, _) = registration {
            members["email"] = .string(format: "email")
            members["password"] = .string()
            members["company"] = .nullable(.string())
            registration = .object(members, required: ["firstName", "lastName", "email", "password"])
        }
        let message = JSONSchema.object(["message": .string()], required: ["message"])
        return [
            "POST \(root)/register": APIOperation(
                request: registration,
                response: .object(
                    [
                        "account": account, "activation": .string(enumeration: ["active", "pending"]), "message": .string(),
                        "session": session,
                    ], required: ["account", "activation", "message"]), status: 201),
            "POST \(root)/sessions": APIOperation(
                request: .object(["email": .string(format: "email"), "password": .string()], required: ["email", "password"]),
                response: session, status: 201),
            "DELETE \(root)/sessions/current": APIOperation(response: APIOperations.empty, status: 204),
            "GET \(root)/account": APIOperation(response: APIOperations.wrap("account", account)),
            "PATCH \(root)/account": APIOperation(request: accountPatch, response: APIOperations.wrap("account", account)),
            "POST \(root)/account/password": APIOperation(
                request: .object(
                    ["currentPassword": .string(), "newPassword": .string()], required: ["currentPassword", "newPassword"]),
                response: APIOperations.empty, status: 204),
            "POST \(root)/password-reset": APIOperation(
                request: .object(["email": .string(format: "email")], required: ["email"]), response: message, status: 202),
            "POST \(root)/password-reset/complete": APIOperation(
                request: .object(
                    ["token": .string(description: "from the emailed link"), "password": .string()], required: ["token", "password"]),
                response: session),
            "GET /shops/{shop}/api/customers/{id}/emails": APIOperation(response: APIOperations.wrap("emails", .array(email))),
            "POST /shops/{shop}/api/customers/{id}/send-password-link": APIOperation(
                response: .object(["queued": .boolean, "emailId": .integer(), "validHours": .integer()]), status: 202),
            "GET /shops/{shop}/api/storefront-settings": APIOperation(
                response: APIOperations.wrap("settings", .object(["baseUrl": .string(), "default": .string()]))),
            "PUT /shops/{shop}/api/storefront-settings": APIOperation(
                request: .object(["baseUrl": .string(description: "http(s) URL; {shop} and {store} are filled in")], required: ["baseUrl"]),
                response: APIOperations.wrap("settings", .object(["baseUrl": .string()]))),
        ]
    }
}
