/// The API description of the email routes: the sender settings and the shop's email log,
/// merged into `APIOperations` like the storefront's table.
enum EmailAPIOperations {
    static let time = JSONSchema.string(format: "date-time")
    /// The core's template names; modules add their own (`ModuleEmailTemplate`).
    static let coreTemplates = EmailTemplate.allCases.map(\.rawValue).joined(separator: ", ")

    /// An email in the log (also each row of a customer's email log).
    static let email = JSONSchema.object(
        [
            "id": .integer(), "customerId": .nullable(.integer()), "to": .string(), "locale": .string(),
            "template": .string(description: "a core template (\(coreTemplates)) or a module's (b2b-approved)"), "subject": .string(),
            "status": .string(enumeration: EmailLog.statuses),
            "createdAt": time, "sentAt": .nullable(time),
            "error": .nullable(.string(description: "the last failure, as the server put it")),
            "messageId": .nullable(.string(description: "kept across attempts, to match copies")), "attempts": .integer(),
            "nextAttemptAt": .nullable(time), "transport": .nullable(.string(enumeration: ["smtp", "maildir"])),
            "hasSource": .boolean, "textBody": .string(), "htmlBody": .string(),
        ], required: ["id", "to", "template", "subject", "status", "attempts"])

    static let attempt = JSONSchema.object(
        [
            "number": .integer(), "transport": .string(enumeration: ["smtp", "maildir"]), "startedAt": time,
            "finishedAt": .nullable(time),
            "outcome": .nullable(.string(enumeration: ["sent", "transient", "permanent", "interrupted"])), "reply": .nullable(.string()),
        ], required: ["number", "transport", "startedAt"])

    static let settings = JSONSchema.object(
        [
            "fromAddress": .nullable(.string(format: "email")), "fromName": .nullable(.string()),
            "delivery": .string(enumeration: ["smtp", "maildir"]),
            "smtp": .nullable(
                .object(
                    [
                        "host": .string(), "port": .integer(), "security": .string(enumeration: ["none", "starttls", "tls"]),
                        "username": .nullable(.string()), "passwordSet": .boolean, "verifyCertificate": .boolean,
                    ], required: ["host", "port", "security", "passwordSet", "verifyCertificate"])),
        ], required: ["delivery"])

    static let settingsInput = JSONSchema.object(
        [
            "fromAddress": .nullable(.string(format: "email")), "fromName": .nullable(.string()),
            "smtp": .nullable(
                .object(
                    [
                        "host": .string(), "port": .integer(description: "default 25, 587 or 465 by security"),
                        "security": .string(enumeration: ["none", "starttls", "tls"]), "username": .nullable(.string()),
                        "password": .nullable(.string(description: "left out: the stored one is kept while host and user stay")),
                        "verifyCertificate": .boolean,
                    ], required: ["host", "security"])),
        ])

    static var table: [String: APIOperation] {
        let root = "/shops/{shop}/api"
        let withAttempts: JSONSchema
        if case .object(var members, let required, let additional) = email {
            members["attemptLog"] = .array(attempt)
            withAttempts = .object(members, required: required, additional: additional)
        } else {
            withAttempts = email
        }
        return [
            "GET \(root)/email-settings": APIOperation(response: APIOperations.wrap("emailSettings", settings)),
            "PUT \(root)/email-settings": APIOperation(request: settingsInput, response: APIOperations.wrap("emailSettings", settings)),
            "GET \(root)/email-log": APIOperation(
                response: .object(["emails": .array(email), "nextBefore": .nullable(.integer())], required: ["emails"])),
            "GET \(root)/email-log/{id}": APIOperation(response: APIOperations.wrap("email", withAttempts)),
            "GET \(root)/email-log/{id}/source": APIOperation(response: .string(), responseType: "text/plain"),
        ]
    }
}
