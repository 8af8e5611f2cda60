/// The API description of the staff-account routes: staff, passwords, API tokens and the
/// operator's support sessions, to merge into `APIOperations` like the storefront's table.
enum StaffAPIOperations {
    static let role = JSONSchema.string(enumeration: StaffRole.allCases.map(\.rawValue))
    static let time = JSONSchema.string(format: "date-time")

    static let staff = JSONSchema.object(
        [
            "id": .integer(), "email": .string(format: "email"), "name": .string(), "role": role, "enabled": .boolean,
            "hasPassword": .boolean, "createdAt": time, "updatedAt": .nullable(time),
        ], required: ["id", "email", "name", "role", "enabled", "hasPassword", "createdAt"])

    static let apiToken = JSONSchema.object(
        [
            "id": .integer(), "name": .string(), "role": role, "createdBy": .string(), "createdAt": time, "expiresAt": .nullable(time),
            "lastUsedAt": .nullable(time), "revokedAt": .nullable(time),
        ], required: ["id", "name", "role", "createdAt"])

    static let supportSession = JSONSchema.object(
        ["id": .integer(), "reason": .string(), "createdAt": time, "expiresAt": time, "endedAt": .nullable(time)],
        required: ["id", "reason", "createdAt", "expiresAt"])

    static let setPassword = JSONSchema.object(
        ["setPasswordToken": .string(description: "sa_pw_…, shown once"), "setPasswordExpiresAt": time],
        required: ["setPasswordToken", "setPasswordExpiresAt"])

    static var table: [String: APIOperation] {
        let root = "/shops/{shop}/api"
        let empty = JSONSchema.object([:])
        // The set-password token comes only when the account was made without a password.
        let created = JSONSchema.object(
            ["staff": staff, "setPasswordToken": .string(description: "sa_pw_…, shown once"), "setPasswordExpiresAt": time],
            required: ["staff"])
        return [
            "GET \(root)/staff": APIOperation(response: .object(["staff": .array(staff)], required: ["staff"])),
            "POST \(root)/staff": APIOperation(
                request: .object(
                    ["email": .string(format: "email"), "name": .string(), "role": role, "password": .string()],
                    required: ["email", "name", "role"]),
                response: created, status: 201),
            "PATCH \(root)/staff/{id}": APIOperation(
                request: .object(["name": .string(), "role": role, "enabled": .boolean]),
                response: .object(["staff": staff], required: ["staff"])),
            "DELETE \(root)/staff/{id}": APIOperation(response: empty, status: 204),
            "POST \(root)/staff/{id}/password": APIOperation(
                request: .object(["currentPassword": .string(), "newPassword": .string()]), response: setPassword),
            "POST \(root)/set-password": APIOperation(
                request: .object(["token": .string(), "password": .string()], required: ["token", "password"]), response: empty,
                status: 204),
            "GET \(root)/api-tokens": APIOperation(response: .object(["apiTokens": .array(apiToken)], required: ["apiTokens"])),
            "POST \(root)/api-tokens": APIOperation(
                request: .object(["name": .string(), "role": role, "expiresAt": time], required: ["name", "role"]),
                response: .object(
                    ["apiToken": apiToken, "token": .string(description: "sa_at_…, shown once")], required: ["apiToken", "token"]),
                status: 201),
            "DELETE \(root)/api-tokens/{id}": APIOperation(response: empty, status: 204),
            "GET /operator/shops/{slug}/support-sessions": APIOperation(
                response: .object(["supportSessions": .array(supportSession)], required: ["supportSessions"])),
            "POST /operator/shops/{slug}/support-sessions": APIOperation(
                request: .object(["reason": .string()], required: ["reason"]),
                response: .object(
                    ["supportSession": supportSession, "token": .string(description: "sa_sp_…, shown once; valid 1 hour")],
                    required: ["supportSession", "token"]),
                status: 201),
            "DELETE /operator/shops/{slug}/support-sessions/{id}": APIOperation(response: empty, status: 204),
        ]
    }
}
