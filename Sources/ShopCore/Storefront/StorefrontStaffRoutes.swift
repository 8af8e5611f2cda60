import HTTPServer
import SQLite

/// What the staff do for the storefront, under `/shops/{shop}/api`: send a customer a
/// single-use link to set their password (no password ever travels by email), and set the
/// storefront base URL that email links point at.
public struct StorefrontStaffRoutes {
    public init() {}

    public func addRoutes(to routes: RouteGroup) {
        routes.requiring(.customersWrite).post("/customers/{id}/send-password-link", summary: "Email a set-your-password link") {
            _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            let emailID = try await shop.database.write { db -> Int64 in
                guard let row = try db.queryRow("SELECT has_account, email, erased_at FROM customer WHERE id = ?", [id]) else {
                    throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found")
                }
                guard row["erased_at"] == .null, row["has_account"] == .integer(1), row["email"] != .null else {
                    throw HTTPError.conflict(
                        "This customer has no account with an email address to send the link to.", code: "no_account")
                }
                let token = try CustomerTokenStore.issue(db, customerID: id, kind: .setPassword)
                guard let emailID = try shop.accountEmail(db).queue(.setPassword, customerID: id, token: token) else {
                    throw HTTPError.conflict("This customer has no email address.", code: "no_email")
                }
                try AuditLog.record(
                    db, actor: actor, action: "customer.password_link_sent", entity: "customer", entityID: String(id),
                    after: .object(["emailId": .int(emailID)]), requestID: requestID)
                return emailID
            }
            return .json(
                .object(["queued": .bool(true), "emailId": .int(emailID), "validHours": .int(72)]), status: .accepted)
        }

        routes.get("/storefront-settings", summary: "Where storefront links in emails point") { _, context in
            let shop = try context.requireShop()
            let template = try await shop.database.read { db in try StorefrontLinks.baseURLTemplate(db) }
            return .json(
                .object([
                    "settings": .object(["baseUrl": .string(template), "default": .string(StorefrontLinks.defaultBaseURL)])
                ]))
        }

        routes.requiring(.settingsManage).put("/storefront-settings", summary: "Set the storefront base URL for email links") {
            request, context in
            let shop = try context.requireShop()
            guard case .string(let given)? = try CustomerRoutes.object(request).onlyMember("baseUrl") else {
                throw HTTPError.invalid("baseUrl", "baseUrl is required, as a string.", code: "missing_field")
            }
            let template = try StorefrontLinks.validate(given)
            let (actor, requestID) = (context.auditActor, context.requestID)
            try await shop.database.write { db in
                let before = try StorefrontLinks.baseURLTemplate(db)
                try db.execute(
                    "INSERT INTO shop_setting(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [StorefrontLinks.settingKey, template])
                try AuditLog.record(
                    db, actor: actor, action: "settings.updated", entity: "shop_setting", entityID: StorefrontLinks.settingKey,
                    before: .object(["baseUrl": .string(before)]), after: .object(["baseUrl": .string(template)]),
                    requestID: requestID)
            }
            return .json(.object(["settings": .object(["baseUrl": .string(template)])]))
        }
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// The value of `key`, refusing any other member by name.
    func onlyMember(_ key: String) throws -> JSONValue? {
        if let other = keys.sorted().first(where: { $0 != key }) {
            throw HTTPError.invalid(other, "\(other) is not a field here; allowed: \(key).", code: "unknown_field")
        }
        return self[key]
    }
}
