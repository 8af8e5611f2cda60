import SQLite

/// The one check every way into a customer account passes: password sign-in, completing a
/// password reset or a set-your-password link, every request with a customer session, and
/// later API tokens and support's sign-in-as-customer. A blocked, pending, disabled or erased
/// account, or a customer without an account, gets in by none of them.
///
/// ```swift
/// let state = try CustomerSignInPolicy.State.load(db, customerID: id)
/// try CustomerSignInPolicy.check(state)   // throws the 403 the customer sees
/// ```
public enum CustomerSignInPolicy {
    /// What the check needs of a customer row.
    public struct State: Sendable, Equatable {
        public var hasAccount: Bool
        public var enabled: Bool
        /// `active` or `pending` (waiting for the merchant's activation).
        public var activation: String
        /// The merchant's reason, shown to the customer; nil when not blocked.
        public var blockedReason: String?
        public var erased: Bool

        public init(hasAccount: Bool, enabled: Bool, activation: String, blockedReason: String?, erased: Bool) {
            self.hasAccount = hasAccount
            self.enabled = enabled
            self.activation = activation
            self.blockedReason = blockedReason
            self.erased = erased
        }

        /// The columns `init(row:)` reads, for a SELECT list (`customer.` prefixed).
        static let columns = "customer.has_account, customer.enabled, customer.activation, customer.blocked_reason, customer.erased_at"

        init(row: Row) throws {
            self.init(
                hasAccount: try row.get("has_account", as: Int64.self) != 0, enabled: try row.get("enabled", as: Int64.self) != 0,
                activation: try row.get("activation"), blockedReason: try row.get("blocked_reason"), erased: row["erased_at"] != .null)
        }

        /// The state of one customer, or nil when there is no such customer.
        static func load(_ db: Database, customerID: Int64) throws -> State? {
            try db.queryRow("SELECT \(columns) FROM customer WHERE customer.id = ?", [customerID]).map(State.init(row:))
        }
    }

    /// Lets the account in, or throws the 403 that tells the customer why not.
    /// Run it only after the caller has proven who they are (password, token, session), so the
    /// merchant's blocking reason is never shown to someone who merely knows the email.
    public static func check(_ state: State) throws {
        if state.erased || !state.hasAccount {
            throw HTTPError.forbidden("This customer has no account to sign in to.", code: "no_account")
        }
        if let reason = state.blockedReason {
            // DOMAIN.md 002: the customer sees the merchant's reason when trying to sign in.
            throw HTTPError(
                .forbidden, code: "account_blocked", message: "Your account has been blocked by the shop: \(reason)",
                details: ["reason": .string(reason)])
        }
        if !state.enabled {
            throw HTTPError.forbidden("Your account is disabled; contact the shop to enable it.", code: "account_disabled")
        }
        if state.activation != "active" {
            // DOMAIN.md 000: the merchant activates the account before the customer can sign in.
            throw HTTPError.forbidden(
                "Your account is waiting for activation by the shop; you can sign in once it has been activated.",
                code: "account_pending")
        }
    }
}
