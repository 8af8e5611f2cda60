import Cryptography
import Foundation
import HTTPServer
import SQLite

/// "Sign in as the customer", for support (DOMAIN.md 002). A staff member with
/// `customers.impersonate` asks for a one-time token (`POST /customers/{id}/impersonate`),
/// valid for 5 minutes, stored only as its SHA-256 in the shop's own database (so it is bound
/// to that shop); redeeming it on the storefront (`POST …/storefront/{store}/impersonation`)
/// gives a customer session marked with the staff member, lasting at most an hour.
///
/// Safeguards: the customer passes `CustomerSignInPolicy` at start, at redemption and on every
/// request; where the shop asks for it (`remoteAssistanceRequiresConsent`, the default) the
/// customer must have allowed remote shopping assistance; a staff member has one impersonation
/// at a time (starting another ends the previous); every action is audited as
/// "<staff> as customer <id>"; and no password or consent change happens inside one.
enum Impersonation {
    static let tokenPrefix = "sa_it_"
    /// How long a token may wait to be redeemed.
    static let tokenLifetime: TimeInterval = 5 * 60
    /// How long an impersonation session lasts.
    static let sessionLifetime: TimeInterval = 3600

    static let migration = ModuleMigration(id: "5-impersonation") { db in
        try db.executeScript(
            """
            ALTER TABLE customer ADD COLUMN remote_assistance_allowed INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE customer_session ADD COLUMN impersonated_by_staff_id INTEGER;
            ALTER TABLE customer_session ADD COLUMN impersonated_by_label TEXT;
            CREATE INDEX customer_session_impersonator ON customer_session(impersonated_by_staff_id)
                WHERE impersonated_by_staff_id IS NOT NULL;
            CREATE TABLE impersonation_token(
                token_hash TEXT PRIMARY KEY,
                customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
                staff_label TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                consumed_at TEXT
            );
            CREATE INDEX impersonation_token_staff ON impersonation_token(staff_id);
            """)
    }

    /// The 403 for what may not be done inside an impersonation.
    static let notWhileImpersonating = HTTPError.forbidden(
        "Not while signed in as the customer: the customer does this themselves.", code: "not_while_impersonating")

    /// The 403 when the customer has not allowed remote shopping assistance.
    static func requireConsent(_ db: Database, customerID: Int64) throws {
        guard try ShopSettings.load(db).remoteAssistanceRequiresConsent else { return }
        let allowed = try db.scalar("SELECT remote_assistance_allowed FROM customer WHERE id = ?", [customerID], as: Int64.self)
        guard allowed == 1 else {
            throw HTTPError.forbidden(
                "The customer has not allowed remote shopping assistance; they can allow it in their account.",
                code: "assistance_consent_required")
        }
    }

    /// Refuses a staff create or change of `remoteAssistanceAllowed` by a caller without
    /// `customers.assistance_consent`.
    static func requireConsentPermission(_ body: [String: JSONValue], _ context: RequestContext) throws {
        guard body["remoteAssistanceAllowed"] != nil else { return }
        let permission = Permission.customersAssistanceConsent
        guard case .staff(let staff) = context.caller, staff.permissions.contains(permission) else {
            throw HTTPError(
                .forbidden, code: "permission_denied",
                message: "Changing remoteAssistanceAllowed on the customer's behalf needs the permission \(permission.rawValue).",
                details: ["permission": .string(permission.rawValue)])
        }
    }

    /// Ends the staff member's impersonation, if any: its session and any unredeemed token.
    static func end(_ db: Database, staffID: Int64, customerID: Int64? = nil) throws {
        if let customerID {
            try db.execute(
                "DELETE FROM customer_session WHERE impersonated_by_staff_id = ? AND customer_id = ?", [staffID, customerID])
            try db.execute(
                "DELETE FROM impersonation_token WHERE staff_id = ? AND customer_id = ? AND consumed_at IS NULL", [staffID, customerID])
        } else {
            try db.execute("DELETE FROM customer_session WHERE impersonated_by_staff_id = ?", [staffID])
            try db.execute("DELETE FROM impersonation_token WHERE staff_id = ? AND consumed_at IS NULL", [staffID])
        }
    }

    /// The signed-in person behind a staff request, or a 403: API tokens and support sessions
    /// do not impersonate (one impersonation per person needs a person).
    static func person(_ context: RequestContext) throws -> StaffIdentity {
        guard case .staff(let staff) = context.caller, staff.staffID != nil else {
            throw HTTPError.forbidden(
                "Only a staff member signed in with a password can sign in as a customer.", code: "person_required")
        }
        return staff
    }

    // MARK: Routes

    /// `POST|DELETE /customers/{id}/impersonate`, on the staff API.
    static func addStaffRoutes(to routes: RouteGroup) {
        let allowed = routes.requiring(.customersImpersonate)
        allowed.post("/customers/{id}/impersonate", summary: "Sign in as the customer: a one-time token for the storefront") {
            _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let staff = try person(context)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let token = tokenPrefix + SecureRandom.token(byteCount: 32)
            let expires = Timestamp.format(Date().addingTimeInterval(tokenLifetime))
            try await shop.database.write { db in
                guard let state = try CustomerSignInPolicy.State.load(db, customerID: id) else {
                    throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found")
                }
                try CustomerSignInPolicy.check(state)
                try requireConsent(db, customerID: id)
                try end(db, staffID: staff.id)
                try db.execute(
                    """
                    INSERT INTO impersonation_token(token_hash, customer_id, staff_id, staff_label, created_at, expires_at)
                    VALUES(?, ?, ?, ?, ?, ?)
                    """, [SHA256.hexHash(token), id, staff.id, staff.label, Timestamp.now(), expires])
                try AuditLog.record(
                    db, actor: actor, action: "customer.impersonation_started", entity: "customer", entityID: String(id),
                    after: .object(["expiresAt": .string(expires)]), requestID: requestID)
            }
            return .json(
                .object(["token": .string(token), "expiresAt": .string(expires), "customerId": .int(id)]), status: .created)
        }

        allowed.delete("/customers/{id}/impersonate", summary: "End one's impersonation of the customer") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let staff = try person(context)
            let (actor, requestID) = (context.auditActor, context.requestID)
            try await shop.database.write { db in
                try end(db, staffID: staff.id, customerID: id)
                try AuditLog.record(
                    db, actor: actor, action: "customer.impersonation_ended", entity: "customer", entityID: String(id),
                    requestID: requestID)
            }
            return .noContent
        }
    }

    struct Redemption: Decodable { var token: String }

    /// `POST impersonation` on the storefront: trades the token for an impersonation session.
    static func addStorefrontRoutes(to routes: RouteGroup) {
        routes.post("/impersonation", summary: "Redeem a staff member's one-time sign-in-as-customer token") { request, context in
            let shop = try context.requireShop()
            let code = try context.parameter("store")
            let body = try request.decode(Redemption.self, allowing: ["token"])
            let requestID = context.requestID
            let issued = try await shop.database.write { db -> CustomerSessionStore.Issued in
                let store = try StorefrontStore.require(db, code: code)
                let hash = SHA256.hexHash(body.token)
                guard
                    let row = try db.queryRow(
                        """
                        SELECT impersonation_token.customer_id, impersonation_token.staff_id, impersonation_token.staff_label,
                            impersonation_token.expires_at, impersonation_token.consumed_at, customer.account_scope, customer.email
                        FROM impersonation_token JOIN customer ON customer.id = impersonation_token.customer_id
                        WHERE impersonation_token.token_hash = ?
                        """, [hash])
                else {
                    throw HTTPError.badRequest("This sign-in token is not valid.", code: "invalid_token", field: "token")
                }
                guard row["consumed_at"] == .null else {
                    throw HTTPError(.gone, code: "token_used", message: "This sign-in token has already been used.", field: "token")
                }
                guard try row.get("expires_at", as: String.self) > Timestamp.now() else {
                    throw HTTPError(.gone, code: "token_expired", message: "This sign-in token has expired.", field: "token")
                }
                guard try row.get("account_scope", as: String.self) == store.accountScope else {
                    throw HTTPError.badRequest("This sign-in token is not valid for this store.", code: "invalid_token", field: "token")
                }
                let customerID: Int64 = try row.get("customer_id")
                let staffID: Int64 = try row.get("staff_id")
                let label: String = try row.get("staff_label")
                guard try db.scalar("SELECT enabled FROM staff WHERE id = ?", [staffID], as: Int64.self) == 1 else {
                    throw HTTPError.forbidden("The staff member who asked for this token can no longer sign in.", code: "staff_disabled")
                }
                guard let state = try CustomerSignInPolicy.State.load(db, customerID: customerID) else {
                    throw HTTPError.badRequest("This sign-in token is not valid.", code: "invalid_token", field: "token")
                }
                try CustomerSignInPolicy.check(state)
                try requireConsent(db, customerID: customerID)
                try db.execute("UPDATE impersonation_token SET consumed_at = ? WHERE token_hash = ?", [Timestamp.now(), hash])
                // One impersonation per staff member.
                try db.execute("DELETE FROM customer_session WHERE impersonated_by_staff_id = ?", [staffID])
                let issued = try CustomerSessionStore.issue(
                    db, customerID: customerID, storeID: store.id, replacing: nil, lasting: sessionLifetime,
                    impersonator: CustomerIdentity.Impersonator(staffID: staffID, label: label))
                let identity = CustomerIdentity(
                    id: customerID, email: (try? row.get("email", as: String.self)) ?? "", store: store,
                    impersonator: CustomerIdentity.Impersonator(staffID: staffID, label: label))
                try AuditLog.record(
                    db, actor: identity.auditActor, action: "customer.impersonation_redeemed", entity: "customer",
                    entityID: String(customerID), after: .object(["store": .string(store.code)]), requestID: requestID)
                return issued
            }
            return .json(.object(["token": .string(issued.token), "expiresAt": .string(issued.expiresAt)]), status: .created)
        }
    }

    static var apiOperations: [String: APIOperation] {
        [
            "POST /shops/{shop}/api/customers/{id}/impersonate": APIOperation(
                response: .object(
                    [
                        "token": .string(description: "sa_it_…, redeem within 5 minutes at POST /storefront/{store}/impersonation"),
                        "expiresAt": .string(format: "date-time"), "customerId": .integer(),
                    ], required: ["token", "expiresAt", "customerId"]), status: 201),
            "DELETE /shops/{shop}/api/customers/{id}/impersonate": APIOperation(response: APIOperations.empty, status: 204),
            "POST /shops/{shop}/storefront/{store}/impersonation": APIOperation(
                request: .object(["token": .string(description: "from POST /customers/{id}/impersonate")], required: ["token"]),
                response: StorefrontAPIOperations.session, status: 201),
        ]
    }
}
