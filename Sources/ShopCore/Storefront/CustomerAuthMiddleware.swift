import HTTPServer
import SQLite

/// Admits a shop's customer on the storefront routes by session token
/// (`Authorization: Bearer sa_cs_…` from `POST …/storefront/{store}/sessions`). The store in
/// the path must exist (404) and share the session's account scope; the account passes
/// `CustomerSignInPolicy` on every request, so blocking a customer ends their sessions at once.
public struct CustomerAuthMiddleware: Middleware {
    public init() {}

    public func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        let shop = try context.requireShop()
        let code = try context.parameter("store")
        let token = BearerToken.from(request.headers)
        let hash = token.map(CustomerSessionStore.hash)
        let now = Timestamp.now()
        let found = try await shop.database.read { db -> (StorefrontStore, Row?) in
            let store = try StorefrontStore.require(db, code: code)
            guard let hash else { return (store, nil) }
            let row = try db.queryRow(
                """
                SELECT customer.id, customer.email, customer.account_scope, \(CustomerSignInPolicy.State.columns),
                    customer_session.impersonated_by_staff_id, customer_session.impersonated_by_label,
                    (SELECT enabled FROM staff WHERE staff.id = customer_session.impersonated_by_staff_id) AS impersonator_enabled
                FROM customer_session JOIN customer ON customer.id = customer_session.customer_id
                WHERE customer_session.token_hash = ? AND customer_session.expires_at > ?
                """, [hash, now])
            return (store, row)
        }
        let (store, row) = found
        guard token != nil else {
            throw HTTPError.unauthorized("Sign in first: send Authorization: Bearer <customer session token>.")
        }
        guard let row, try row.get("account_scope", as: String.self) == store.accountScope,
            case .text(let email) = row["email"]
        else {
            throw HTTPError.unauthorized("The session has expired or is not valid for this store; sign in again.")
        }
        try CustomerSignInPolicy.check(try CustomerSignInPolicy.State(row: row))
        // An impersonation ends when its staff member can no longer sign in.
        var impersonator: CustomerIdentity.Impersonator?
        if case .integer(let staffID) = row["impersonated_by_staff_id"] {
            guard row["impersonator_enabled"] == .integer(1) else {
                throw HTTPError.unauthorized("The session has expired or is not valid for this store; sign in again.")
            }
            impersonator = CustomerIdentity.Impersonator(staffID: staffID, label: try row.get("impersonated_by_label"))
        }
        var context = context
        context.caller = .customer(
            CustomerIdentity(id: try row.get("id"), email: email, store: store, impersonator: impersonator))
        return try await next(request, context)
    }
}
