import Foundation
import SQLite

/// A staff account as stored: who may sign in to the shop, with which role. Reading, the
/// checks on its fields and the rules that keep a shop manageable (it always keeps an enabled
/// owner). Every function runs inside the caller's transaction.
struct StaffAccount: Sendable {
    let id: Int64
    let email: String
    let name: String
    let role: StaffRole
    let enabled: Bool
    let hasPassword: Bool
    let createdAt: String
    let updatedAt: String?

    /// How long a "set your password" token lasts.
    static let setPasswordLifetime: Double = 72 * 3600
    /// Passwords shorter than this are refused.
    static let minimumPasswordLength = 8
    /// Longer ones too: a megabyte "password" would only feed the key derivation.
    static let maximumPasswordLength = 1024

    /// The account as the API shows it: never a hash.
    var json: JSONValue {
        .object([
            "id": .int(id), "email": .string(email), "name": .string(name), "role": .string(role.rawValue),
            "enabled": .bool(enabled), "hasPassword": .bool(hasPassword), "createdAt": .string(createdAt),
            "updatedAt": updatedAt.map(JSONValue.string) ?? .null,
        ])
    }

    private static let columns = "id, email, name, role, enabled, password_hash IS NOT NULL AS has_password, created_at, updated_at"

    private init(_ row: Row) throws {
        guard let role = StaffRole(rawValue: try row.get("role", as: String.self)) else {
            throw HTTPError(.internalServerError, code: "staff_corrupt", message: "A staff row has an unknown role.")
        }
        id = try row.get("id")
        email = try row.get("email")
        name = try row.get("name")
        self.role = role
        enabled = try row.get("enabled")
        hasPassword = try row.get("has_password")
        createdAt = try row.get("created_at")
        updatedAt = try row.get("updated_at", as: String?.self)
    }

    /// The account with this id, or a 404.
    static func find(_ db: Database, _ id: Int64) throws -> StaffAccount {
        guard let row = try db.queryRow("SELECT \(columns) FROM staff WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No staff member with id \(id).", code: "staff_not_found")
        }
        return try StaffAccount(row)
    }

    /// Every account, by id.
    static func all(_ db: Database) throws -> [StaffAccount] {
        try db.query("SELECT \(columns) FROM staff ORDER BY id").map(StaffAccount.init)
    }

    /// Refuses an email another account has (compared case-insensitively).
    static func refuseDuplicate(_ db: Database, email: String) throws {
        if try db.scalar("SELECT id FROM staff WHERE email = ? COLLATE NOCASE", [email], as: Int64.self) != nil {
            throw HTTPError.conflict("A staff member with email \(email) already exists.", code: "staff_exists", field: "email")
        }
    }

    /// Refuses a change that would leave the shop without an enabled owner: the last one can
    /// never be removed, demoted or disabled, or nobody could manage the shop's staff again.
    func refuseLeavingNoOwner(_ db: Database, field: String) throws {
        guard role == .owner && enabled else { return }
        let owners = try db.scalar("SELECT count(*) FROM staff WHERE role = 'owner' AND enabled = 1", as: Int64.self) ?? 0
        if owners <= 1 {
            throw HTTPError.conflict(
                "\(email) is the shop's last enabled owner; make another owner first.", code: "last_owner", field: field)
        }
    }

    /// Ends every session of the account, or every one but `keeping` (a token hash).
    static func endSessions(_ db: Database, staffID: Int64, keeping: String? = nil) throws {
        if let keeping {
            try db.execute("DELETE FROM staff_session WHERE staff_id = ? AND token_hash <> ?", [staffID, keeping])
        } else {
            try db.execute("DELETE FROM staff_session WHERE staff_id = ?", [staffID])
        }
    }

    /// Replaces any pending "set your password" token of the account with a new one and returns
    /// it with its expiry: the only time it is visible.
    static func issueSetPasswordToken(_ db: Database, staffID: Int64, now: Date) throws -> (token: String, expiresAt: String) {
        let token = SecretToken.make(SecretToken.setPassword)
        let expires = Timestamp.format(now.addingTimeInterval(setPasswordLifetime))
        try db.execute("DELETE FROM staff_password_token WHERE staff_id = ?", [staffID])
        try db.execute(
            "INSERT INTO staff_password_token(token_hash, staff_id, created_at, expires_at) VALUES(?, ?, ?, ?)",
            [SecretToken.hash(token), staffID, Timestamp.format(now), expires])
        return (token, expires)
    }

    /// Stores a new password hash, drops pending set-password tokens.
    static func setPasswordHash(_ db: Database, staffID: Int64, hash: String, now: Date) throws {
        let time = Timestamp.format(now)
        try db.execute(
            "UPDATE staff SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?", [hash, time, time, staffID])
        try db.execute("DELETE FROM staff_password_token WHERE staff_id = ?", [staffID])
    }

    // MARK: Field checks

    static func validEmail(_ text: String?) throws -> String {
        guard let text else { throw HTTPError.invalid("email", "email is required.", code: "missing_field") }
        let email = EmailAddress.normalized(text)
        guard EmailAddress.isValid(email) else { throw HTTPError.invalid("email", "email must be an email address.") }
        return email
    }

    static func validName(_ text: String?) throws -> String {
        guard let text else { throw HTTPError.invalid("name", "name is required.", code: "missing_field") }
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else { throw HTTPError.invalid("name", "name must be 1 to 200 characters.") }
        return name
    }

    static func validPassword(_ password: String, field: String) throws {
        guard password.count >= minimumPasswordLength else {
            throw HTTPError.invalid(field, "\(field) must be at least \(minimumPasswordLength) characters.", code: "password_too_short")
        }
        guard password.utf8.count <= maximumPasswordLength else {
            throw HTTPError.invalid(field, "\(field) must be at most \(maximumPasswordLength) bytes.", code: "password_too_long")
        }
    }
}
