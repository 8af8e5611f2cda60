import HTTPServer
import SQLite

/// Customer sign-in and sign-out: `POST sessions`, `DELETE sessions/current`.
struct StorefrontSessionRoutes {
    let passwords: CustomerPasswords
    let throttle: SignInThrottle

    struct SignIn: Decodable {
        var email: String
        var password: String
    }

    /// The one answer for a wrong password and an unknown email, so neither tells which.
    static let wrongCredentials = HTTPError.unauthorized("The email or password is not right.")

    func addRoutes(public routes: RouteGroup, signedIn: RouteGroup) {
        let passwords = self.passwords
        let throttle = self.throttle
        routes.post("/sessions", summary: "Customer sign-in") { request, context in
            let shop = try context.requireShop()
            let code = try context.parameter("store")
            let body = try request.decode(SignIn.self, allowing: ["email", "password"])
            let key = EmailAddress.normalized(body.email)
            // Before any hashing; customers' emails are counted apart from the staff's.
            let attempt = try throttle.begin(
                shop: StorefrontSessionRoutes.throttleKey(shop, code: code), email: key, address: request.http.remoteAddress)
            var succeeded: Bool?
            defer { throttle.finish(attempt, succeeded: succeeded) }
            let found = try await shop.database.read { db -> (id: Int64, hash: String?)? in
                let store = try StorefrontStore.require(db, code: code)
                return try db.queryRow(
                    "SELECT id, password_hash FROM customer WHERE account_scope = ? AND email_key = ? AND erased_at IS NULL",
                    [store.accountScope, key]
                ).map { (try $0.get("id"), try $0.get("password_hash")) }
            }
            // Verifies against a stand-in hash when there is no account, so timing does not tell.
            guard try await passwords.verify(body.password, against: found?.hash), let customerID = found?.id else {
                succeeded = false
                throw StorefrontSessionRoutes.wrongCredentials
            }
            succeeded = true
            let previous = BearerToken.from(request.headers)
            let requestID = context.requestID
            let issued = try await shop.database.write { db in
                try StorefrontSessionRoutes.signIn(
                    db, customerID: customerID, storeCode: code, replacing: previous, how: "password", requestID: requestID)
            }
            return .json(
                .object(["token": .string(issued.token), "expiresAt": .string(issued.expiresAt)]), status: .created)
        }

        signedIn.delete("/sessions/current", summary: "Customer sign-out") { request, context in
            let shop = try context.requireShop()
            guard let token = BearerToken.from(request.headers) else { throw HTTPError.unauthorized("No session.") }
            let (actor, requestID) = (context.auditActor, context.requestID)
            try await shop.database.write { db in
                try CustomerSessionStore.revoke(db, token: token)
                try AuditLog.record(
                    db, actor: actor, action: "customer.signed_out", entity: "customer", entityID: actor.id.map(String.init),
                    requestID: requestID)
            }
            return .noContent
        }
    }

    /// The throttle's "shop" for a storefront: the shop and the store, so a customer's email
    /// is never counted with a staff member's of the same address.
    static func throttleKey(_ shop: Shop, code: String) -> String { "\(shop.slug.value)/storefront/\(code)" }

    /// Lets a customer in who has proven who they are (password, reset token, a new
    /// registration): passes `CustomerSignInPolicy`, issues a fresh session, stores the
    /// visit and audits it, all in the caller's write transaction.
    static func signIn(
        _ db: Database, customerID: Int64, storeCode: String, replacing previous: String?, how: String, requestID: String
    ) throws -> CustomerSessionStore.Issued {
        let store = try StorefrontStore.require(db, code: storeCode)
        guard let state = try CustomerSignInPolicy.State.load(db, customerID: customerID) else { throw wrongCredentials }
        try CustomerSignInPolicy.check(state)
        let issued = try CustomerSessionStore.issue(db, customerID: customerID, storeID: store.id, replacing: previous)
        try db.execute("UPDATE customer SET last_visit_at = ? WHERE id = ?", [Timestamp.now(), customerID])
        let email = try db.scalar("SELECT email FROM customer WHERE id = ?", [customerID], as: String.self) ?? ""
        try AuditLog.record(
            db, actor: CustomerIdentity(id: customerID, email: email, store: store).auditActor, action: "customer.signed_in",
            entity: "customer", entityID: String(customerID), after: .object(["method": .string(how), "store": .string(store.code)]),
            requestID: requestID)
        return issued
    }
}
