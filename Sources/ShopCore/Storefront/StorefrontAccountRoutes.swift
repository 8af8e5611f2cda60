import HTTPServer
import SQLite

/// Registration and "my account": `POST register`, `GET|PATCH account`, `POST account/password`.
struct StorefrontAccountRoutes {
    let passwords: CustomerPasswords
    let catalog: ModuleCatalog

    struct PasswordChange: Decodable {
        var currentPassword: String
        var newPassword: String
    }

    func addRoutes(public routes: RouteGroup, signedIn: RouteGroup) {
        let passwords = self.passwords
        let catalog = self.catalog
        routes.post("/register", summary: "Register a customer account in the General group") { request, context in
            let shop = try context.requireShop()
            let code = try context.parameter("store")
            var body = try CustomerRoutes.object(request)
            guard case .string(let password)? = body.removeValue(forKey: "password") else {
                throw HTTPError.invalid("password", "password is required, as a string.", code: "missing_field")
            }
            let modules = catalog.modules(of: shop)
            // The modules' members (custom fields) too; each module says which of its own the customer may set.
            let moduleKeys = CustomerModuleParts(modules: modules).keys
            for key in body.keys.sorted() where !StorefrontAccount.registrationKeys.contains(key) && !moduleKeys.contains(key) {
                throw StorefrontAccount.refusal(key)
            }
            for key in ["firstName", "lastName", "email"] where (body[key] ?? .null) == .null {
                throw HTTPError.invalid(key, "\(key) is required.", code: "missing_field")
            }
            let settings = try await shop.database.read { db in
                _ = try StorefrontStore.require(db, code: code)
                return try ShopSettings.load(db)
            }
            try CustomerPasswords.checkStrength(password, settings: settings, field: "password")
            let hash = try await passwords.hash(password)
            let requestID = context.requestID
            let input = body
            let outcome = try await shop.database.write { db -> (JSONValue, Bool, CustomerSessionStore.Issued?) in
                let store = try StorefrontStore.require(db, code: code)
                let pending = try ShopSettings.load(db).requireActivation
                let id = try StorefrontAccountRoutes.create(db, input, store: store, modules: modules, requestID: requestID)
                try db.execute(
                    "UPDATE customer SET password_hash = ?, activation = ? WHERE id = ?", [hash, pending ? "pending" : "active", id])
                let email = try db.scalar("SELECT email FROM customer WHERE id = ?", [id], as: String.self) ?? ""
                try AuditLog.record(
                    db, actor: CustomerIdentity(id: id, email: email, store: store).auditActor, action: "customer.registered",
                    entity: "customer", entityID: String(id),
                    after: .object(["store": .string(store.code), "activation": .string(pending ? "pending" : "active")]),
                    requestID: requestID)
                try shop.accountEmail(db).queue(pending ? .activationPending : .welcome, customerID: id)
                let session =
                    pending
                    ? nil
                    : try StorefrontSessionRoutes.signIn(
                        db, customerID: id, storeCode: code, replacing: nil, how: "registration", requestID: requestID)
                return (try StorefrontAccount.view(db, customerID: id, store: store, modules: catalog.modules(of: shop)), pending, session)
            }
            let (account, pending, session) = outcome
            var answer: [String: JSONValue] = [
                "account": account, "activation": .string(pending ? "pending" : "active"),
                "message": .string(
                    pending
                        ? "Thank you for registering. The shop will activate your account; you can sign in once it has been activated."
                        : "Welcome! Your account is ready."),
            ]
            if let session {
                answer["session"] = .object(["token": .string(session.token), "expiresAt": .string(session.expiresAt)])
            }
            return .json(.object(answer), status: .created)
        }

        signedIn.get("/account", summary: "The signed-in customer's own account") { _, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            return .json(
                .object([
                    "account": try await shop.database.read { db in
                        try StorefrontAccount.view(db, customerID: customer.id, store: customer.store, modules: catalog.modules(of: shop))
                    }
                ]))
        }

        signedIn.patch("/account", summary: "Change one's own names, phone, birthday, consents and addresses") { request, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            let body = try CustomerRoutes.object(request)
            // The consent to be helped is the customer's own to give.
            if customer.impersonator != nil, body["remoteAssistanceAllowed"] != nil { throw Impersonation.notWhileImpersonating }
            let (actor, requestID, modules) = (context.auditActor, context.requestID, catalog.modules(of: shop))
            let account = try await shop.database.write { db -> JSONValue in
                let writer = CustomerWriter(
                    db: db, actor: actor, requestID: requestID, modules: modules, source: .storefrontProfile,
                    settableKeys: StorefrontAccount.editableKeys)
                let patch = try StorefrontAccount.selfServicePatch(
                    db, customerID: customer.id, body: body, moduleKeys: writer.parts.keys)
                try writer.update(customer.id, patch, expectedVersion: nil)
                return try StorefrontAccount.view(db, customerID: customer.id, store: customer.store, modules: modules)
            }
            return .json(.object(["account": account]))
        }

        signedIn.post("/account/password", summary: "Change one's password, giving the current one") { request, context in
            let shop = try context.requireShop()
            let customer = try StorefrontAccountRoutes.customer(context)
            if customer.impersonator != nil { throw Impersonation.notWhileImpersonating }
            let body = try request.decode(PasswordChange.self, allowing: ["currentPassword", "newPassword"])
            let (stored, settings) = try await shop.database.read { db in
                (
                    try db.scalar("SELECT password_hash FROM customer WHERE id = ?", [customer.id], as: String.self),
                    try ShopSettings.load(db)
                )
            }
            guard try await passwords.verify(body.currentPassword, against: stored) else {
                throw HTTPError.invalid("currentPassword", "The current password is not right.", code: "wrong_password")
            }
            try CustomerPasswords.checkStrength(body.newPassword, settings: settings, field: "newPassword")
            let hash = try await passwords.hash(body.newPassword)
            let current = BearerToken.from(request.headers)
            let (actor, requestID) = (context.auditActor, context.requestID)
            try await shop.database.write { db in
                try db.execute("UPDATE customer SET password_hash = ? WHERE id = ?", [hash, customer.id])
                // Other devices signed in with the old password are signed out; this one stays.
                try CustomerSessionStore.revokeAll(db, customerID: customer.id, keeping: current)
                try AuditLog.record(
                    db, actor: actor, action: "customer.password_changed", entity: "customer", entityID: String(customer.id),
                    requestID: requestID)
            }
            return .noContent
        }
    }

    /// The signed-in customer, or a 401 when a route forgot `CustomerAuthMiddleware`.
    static func customer(_ context: RequestContext) throws -> CustomerIdentity {
        guard case .customer(let customer) = context.caller else { throw HTTPError.unauthorized("Sign in first.") }
        return customer
    }

    /// Creates the customer in the General group with the storefront as the actor, so a
    /// marketing consent records the storefront as its source; the modules' checks (required
    /// fields) see a registration, whose form carries `registrationKeys`.
    static func create(
        _ db: Database, _ body: [String: JSONValue], store: StorefrontStore, modules: [any FeatureModule], requestID: String
    ) throws -> Int64 {
        guard
            let general = try db.scalar(
                "SELECT id FROM customer_group WHERE name = 'General' AND built_in = 1", as: Int64.self)
        else {
            throw HTTPError(.internalServerError, code: "no_general_group", message: "The shop has no General customer group.")
        }
        var input = body
        input["storeId"] = .int(store.id)
        input["groupIds"] = .array([.int(general)])
        input["defaultGroupId"] = .int(general)
        input["hasAccount"] = .bool(true)
        let actor = AuditActor(kind: "customer", id: nil, label: "storefront \(store.code)")
        do {
            return try CustomerWriter(
                db: db, actor: actor, requestID: requestID, modules: modules, source: .storefrontRegistration,
                settableKeys: StorefrontAccount.registrationKeys
            ).create(input)
        } catch let error as HTTPError where error.code == "email_taken" {
            throw HTTPError.conflict(
                "An account with this email already exists; sign in or reset your password.", code: "email_taken", field: "email")
        }
    }
}
