import HTTPServer
import SQLite

/// Forgotten passwords: `POST password-reset` emails a single-use link (valid 1 hour) and
/// answers the same whether or not the email has an account; `POST password-reset/complete`
/// trades the link's token (a reset or a set-your-password one) for a new password and, if
/// the account passes `CustomerSignInPolicy`, a session.
struct StorefrontPasswordResetRoutes {
    let passwords: CustomerPasswords
    let throttle: SignInThrottle

    struct ResetRequest: Decodable { var email: String }
    struct Completion: Decodable {
        var token: String
        var password: String
    }

    /// The one answer to a reset request.
    static let requested: JSONValue = .object([
        "message": .string(
            "If an account exists for this email, we have sent it a link to choose a new password. The link is valid for one hour.")
    ])

    func addRoutes(to routes: RouteGroup) {
        let passwords = self.passwords
        let throttle = self.throttle
        routes.post("/password-reset", summary: "Email a single-use password reset link") { request, context in
            let shop = try context.requireShop()
            let code = try context.parameter("store")
            let body = try request.decode(ResetRequest.self, allowing: ["email"])
            let key = EmailAddress.normalized(body.email)
            // Each request counts as a failure (it sends an email), under its own key, so a
            // flood of reset requests is refused without locking the customer's sign-in.
            let attempt = try throttle.begin(
                shop: StorefrontSessionRoutes.throttleKey(shop, code: code) + "/password-reset", email: key,
                address: request.http.remoteAddress)
            defer { throttle.finish(attempt, succeeded: false) }
            let requestID = context.requestID
            try await shop.database.write { db in
                let store = try StorefrontStore.require(db, code: code)
                guard
                    let row = try db.queryRow(
                        """
                        SELECT id, email FROM customer
                        WHERE account_scope = ? AND email_key = ? AND erased_at IS NULL AND has_account = 1
                        """, [store.accountScope, key])
                else { return }
                let id: Int64 = try row.get("id")
                let token = try CustomerTokenStore.issue(db, customerID: id, kind: .reset)
                try shop.accountEmail(db).queue(.passwordReset, customerID: id, token: token)
                try AuditLog.record(
                    db, actor: CustomerIdentity(id: id, email: try row.get("email"), store: store).auditActor,
                    action: "customer.password_reset_requested", entity: "customer", entityID: String(id), requestID: requestID)
            }
            return .json(StorefrontPasswordResetRoutes.requested, status: .accepted)
        }

        routes.post("/password-reset/complete", summary: "Set a new password with a reset or set-password link") {
            request, context in
            let shop = try context.requireShop()
            let code = try context.parameter("store")
            let body = try request.decode(Completion.self, allowing: ["token", "password"])
            let settings = try await shop.database.read { db in
                _ = try StorefrontStore.require(db, code: code)
                return try ShopSettings.load(db)
            }
            try CustomerPasswords.checkStrength(body.password, settings: settings, field: "password")
            let hash = try await passwords.hash(body.password)
            let requestID = context.requestID
            let bearer = BearerToken.from(request.headers).map(CustomerSessionStore.hash)
            // The password is set and the token consumed even when the account may not sign in
            // yet (pending activation): the refusal is thrown after the commit.
            let outcome = try await shop.database.write { db -> Result<CustomerSessionStore.Issued, HTTPError> in
                let store = try StorefrontStore.require(db, code: code)
                if let bearer,
                    try db.scalar(
                        "SELECT 1 FROM customer_session WHERE token_hash = ? AND impersonated_by_staff_id IS NOT NULL", [bearer],
                        as: Int64.self) != nil
                {
                    throw Impersonation.notWhileImpersonating
                }
                let (customerID, kind) = try CustomerTokenStore.consume(db, token: body.token)
                guard
                    let row = try db.queryRow("SELECT email, account_scope FROM customer WHERE id = ?", [customerID]),
                    try row.get("account_scope", as: String.self) == store.accountScope, case .text(let email) = row["email"]
                else {
                    throw HTTPError.badRequest("This link is not valid for this store.", code: "invalid_token", field: "token")
                }
                try db.execute("UPDATE customer SET password_hash = ? WHERE id = ?", [hash, customerID])
                try CustomerSessionStore.revokeAll(db, customerID: customerID)
                try AuditLog.record(
                    db, actor: CustomerIdentity(id: customerID, email: email, store: store).auditActor,
                    action: kind == .reset ? "customer.password_reset" : "customer.password_set", entity: "customer",
                    entityID: String(customerID), requestID: requestID)
                do {
                    return .success(
                        try StorefrontSessionRoutes.signIn(
                            db, customerID: customerID, storeCode: code, replacing: nil, how: kind.rawValue, requestID: requestID))
                } catch let refusal as HTTPError {
                    return .failure(refusal)
                }
            }
            let issued = try outcome.get()
            return .json(.object(["token": .string(issued.token), "expiresAt": .string(issued.expiresAt)]))
        }
    }
}
