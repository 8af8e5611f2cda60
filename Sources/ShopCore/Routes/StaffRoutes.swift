import Cryptography
import Foundation
import HTTPServer
import SQLite

/// The shop's staff accounts under `/shops/{shop}/api/staff`: list, create, change (name, role,
/// enabled), delete, and passwords. Managing staff needs `staff.manage`; only an owner may
/// create, change or delete an owner; the last enabled owner always stays. Changing a role or
/// disabling an account ends its sessions. Every change is audited, never with a secret.
public struct StaffRoutes {
    let service: ShopService
    let throttle: SignInThrottle

    struct CreateBody: Decodable {
        var email: String?
        var name: String?
        var role: String?
        var password: String?
    }

    struct PatchBody: Decodable {
        var name: String?
        var role: String?
        var enabled: Bool?
    }

    struct PasswordBody: Decodable {
        var currentPassword: String?
        var newPassword: String?
    }

    public func addRoutes(to routes: RouteGroup) {
        let hasher = service.hasher
        let throttle = self.throttle
        let manage = routes.requiring(.staffManage)

        manage.get("/staff", summary: "The shop's staff accounts") { _, context in
            let shop = try context.requireShop()
            let staff = try await shop.database.read { db in try StaffAccount.all(db).map(\.json) }
            return .json(.object(["staff": .array(staff)]))
        }

        manage.post("/staff", summary: "Create a staff account (without a password it gets a set-password token)") { request, context in
            let shop = try context.requireShop()
            let caller = try StaffRoutes.caller(context)
            let body = try request.decode(CreateBody.self, allowing: ["email", "name", "role", "password"])
            let email = try StaffAccount.validEmail(body.email)
            let name = try StaffAccount.validName(body.name)
            guard let roleText = body.role else { throw HTTPError.invalid("role", "role is required.", code: "missing_field") }
            let role = try StaffRole.parse(roleText)
            if role == .owner { try StaffRoutes.requireOwner(caller, "create an owner") }
            if let password = body.password { try StaffAccount.validPassword(password, field: "password") }
            // Hash outside the transaction: the database's serial executor never waits on a key derivation.
            let passwordHash: String? = if let password = body.password { try await hasher.hash(password) } else { nil }
            let (actor, requestID) = (context.auditActor, context.requestID)
            let (account, setPassword) = try await shop.database.write { db -> (StaffAccount, (token: String, expiresAt: String)?) in
                try StaffAccount.refuseDuplicate(db, email: email)
                let now = Date()
                try db.execute(
                    "INSERT INTO staff(email, name, role, password_hash, enabled, created_at, updated_at) VALUES(?, ?, ?, ?, 1, ?, ?)",
                    [email, name, role.rawValue, passwordHash, Timestamp.format(now), Timestamp.format(now)])
                let account = try StaffAccount.find(db, db.lastInsertRowID)
                let setPassword = passwordHash == nil ? try StaffAccount.issueSetPasswordToken(db, staffID: account.id, now: now) : nil
                try AuditLog.record(
                    db, actor: actor, action: "staff.created", entity: "staff", entityID: String(account.id), after: account.json,
                    requestID: requestID)
                return (account, setPassword)
            }
            var result: [String: JSONValue] = ["staff": account.json]
            // Until the email outbox sends it, the set-password token is handed to the creator, once.
            if let setPassword {
                result["setPasswordToken"] = .string(setPassword.token)
                result["setPasswordExpiresAt"] = .string(setPassword.expiresAt)
            }
            return .json(.object(result), status: .created, headers: ["Location": "/shops/\(shop.slug)/api/staff/\(account.id)"])
        }

        manage.patch("/staff/{id}", summary: "Change a staff member's name, role or enabled state") { request, context in
            let shop = try context.requireShop()
            let caller = try StaffRoutes.caller(context)
            let id = try context.idParameter()
            let body = try request.decode(PatchBody.self, allowing: ["name", "role", "enabled"])
            let name = try body.name.map { try StaffAccount.validName($0) }
            let role = try body.role.map { try StaffRole.parse($0) }
            if role == .owner { try StaffRoutes.requireOwner(caller, "make someone an owner") }
            let (actor, requestID) = (context.auditActor, context.requestID)
            let account = try await shop.database.write { db -> StaffAccount in
                let before = try StaffAccount.find(db, id)
                if before.role == .owner { try StaffRoutes.requireOwner(caller, "change an owner") }
                if let role, role != .owner { try before.refuseLeavingNoOwner(db, field: "role") }
                if body.enabled == false { try before.refuseLeavingNoOwner(db, field: "enabled") }
                let now = Timestamp.now()
                if let name { try db.execute("UPDATE staff SET name = ?, updated_at = ? WHERE id = ?", [name, now, id]) }
                if let role { try db.execute("UPDATE staff SET role = ?, updated_at = ? WHERE id = ?", [role.rawValue, now, id]) }
                if let enabled = body.enabled {
                    try db.execute("UPDATE staff SET enabled = ?, updated_at = ? WHERE id = ?", [enabled, now, id])
                }
                let after = try StaffAccount.find(db, id)
                // A new role or a disabled account takes effect at once, not when a session expires.
                if after.role != before.role || !after.enabled { try StaffAccount.endSessions(db, staffID: id) }
                try AuditLog.record(
                    db, actor: actor, action: "staff.updated", entity: "staff", entityID: String(id), before: before.json,
                    after: after.json, requestID: requestID)
                return after
            }
            return .json(.object(["staff": account.json]))
        }

        manage.delete("/staff/{id}", summary: "Delete a staff account") { _, context in
            let shop = try context.requireShop()
            let caller = try StaffRoutes.caller(context)
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            try await shop.database.write { db in
                let before = try StaffAccount.find(db, id)
                if before.role == .owner { try StaffRoutes.requireOwner(caller, "delete an owner") }
                try before.refuseLeavingNoOwner(db, field: "id")
                // Sessions and set-password tokens go with the row (ON DELETE CASCADE).
                try db.execute("DELETE FROM staff WHERE id = ?", [id])
                try AuditLog.record(
                    db, actor: actor, action: "staff.deleted", entity: "staff", entityID: String(id), before: before.json,
                    requestID: requestID)
            }
            return .noContent
        }

        // Own password: any signed-in staff member (current + new). Someone else's: staff.manage.
        routes.post("/staff/{id}/password", summary: "Change your password, or reset a staff member's") { request, context in
            let shop = try context.requireShop()
            let caller = try StaffRoutes.caller(context)
            let id = try context.idParameter()
            let body =
                request.body.isEmpty
                ? PasswordBody() : try request.decode(PasswordBody.self, allowing: ["currentPassword", "newPassword"])
            let (actor, requestID) = (context.auditActor, context.requestID)
            if caller.staffID == id {
                let currentToken = BearerToken.from(request.headers).map(SecretToken.hash)
                try await StaffRoutes.changeOwnPassword(
                    shop: shop, caller: caller, body: body, hasher: hasher, throttle: throttle, address: request.http.remoteAddress,
                    keepingSession: currentToken, actor: actor, requestID: requestID)
                return .noContent
            }
            guard caller.permissions.contains(.staffManage) else {
                throw HTTPError(
                    .forbidden, code: "permission_denied",
                    message: "Resetting another staff member's password needs the permission staff.manage.",
                    details: ["permission": .string(Permission.staffManage.rawValue)])
            }
            if body.currentPassword != nil {
                throw HTTPError.invalid("currentPassword", "currentPassword is only for your own account.", code: "unknown_field")
            }
            if let password = body.newPassword { try StaffAccount.validPassword(password, field: "newPassword") }
            let target = try await shop.database.read { db in try StaffAccount.find(db, id) }
            if target.role == .owner { try StaffRoutes.requireOwner(caller, "reset an owner's password") }
            let newHash: String? = if let password = body.newPassword { try await hasher.hash(password) } else { nil }
            let issued = try await shop.database.write { db -> (token: String, expiresAt: String)? in
                let target = try StaffAccount.find(db, id)
                let now = Date()
                var issued: (token: String, expiresAt: String)?
                if let newHash {
                    try StaffAccount.setPasswordHash(db, staffID: id, hash: newHash, now: now)
                    try StaffAccount.endSessions(db, staffID: id)
                } else {
                    issued = try StaffAccount.issueSetPasswordToken(db, staffID: id, now: now)
                }
                try AuditLog.record(
                    db, actor: actor, action: newHash == nil ? "staff.password_token_issued" : "staff.password_reset", entity: "staff",
                    entityID: String(id), after: .object(["email": .string(target.email)]), requestID: requestID)
                return issued
            }
            guard let issued else { return .noContent }
            return .json(.object(["setPasswordToken": .string(issued.token), "setPasswordExpiresAt": .string(issued.expiresAt)]))
        }
    }

    /// A signed-in member changes their own password: the current one is checked (throttled
    /// like a sign-in, so a stolen session cannot guess it), their other sessions end.
    static func changeOwnPassword(
        shop: Shop, caller: StaffIdentity, body: PasswordBody, hasher: PasswordHasher, throttle: SignInThrottle, address: String,
        keepingSession: String?, actor: AuditActor, requestID: String
    ) async throws {
        guard let current = body.currentPassword else {
            throw HTTPError.invalid("currentPassword", "currentPassword is required to change your own password.", code: "missing_field")
        }
        guard let new = body.newPassword else {
            throw HTTPError.invalid("newPassword", "newPassword is required.", code: "missing_field")
        }
        try StaffAccount.validPassword(new, field: "newPassword")
        let attempt = try throttle.begin(shop: shop.slug.value, email: caller.email, address: address)
        var succeeded: Bool?
        defer { throttle.finish(attempt, succeeded: succeeded) }
        let stored = try await shop.database.read { db in
            try db.scalar("SELECT password_hash FROM staff WHERE id = ?", [caller.id], as: String.self)
        }
        guard let stored, try await hasher.verify(current, against: stored) else {
            succeeded = false
            throw HTTPError.invalid("currentPassword", "currentPassword is not right.", code: "wrong_password")
        }
        succeeded = true
        let newHash = try await hasher.hash(new)
        try await shop.database.write { db in
            try StaffAccount.setPasswordHash(db, staffID: caller.id, hash: newHash, now: Date())
            try StaffAccount.endSessions(db, staffID: caller.id, keeping: keepingSession)
            try AuditLog.record(
                db, actor: actor, action: "staff.password_changed", entity: "staff", entityID: String(caller.id), requestID: requestID)
        }
    }

    /// The staff caller, or a 401.
    static func caller(_ context: RequestContext) throws -> StaffIdentity {
        guard case .staff(let staff) = context.caller else { throw HTTPError.unauthorized("Sign in as staff first.") }
        return staff
    }

    /// Refuses a caller who is not an owner: only owners make, change or remove owners.
    static func requireOwner(_ caller: StaffIdentity, _ what: String) throws {
        guard caller.role == .owner else {
            throw HTTPError(
                .forbidden, code: "owner_required", message: "Only an owner may \(what); your role is \(caller.role.rawValue).",
                details: ["permission": .string("owner")])
        }
    }
}

extension StaffRoutes {
    /// The caller as `GET /me` shows them: who, how signed in (`staff`, `api_token`, `support`),
    /// the role and what it permits.
    static func me(_ staff: StaffIdentity) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .int(staff.id), "email": .string(staff.email), "role": .string(staff.role.rawValue),
            "kind": .string(staff.actorKind), "label": .string(staff.label),
            "permissions": .array(staff.permissions.map(\.rawValue).sorted().map(JSONValue.string)),
        ]
        if staff.kind != .session { object["email"] = nil }
        return .object(object)
    }
}
