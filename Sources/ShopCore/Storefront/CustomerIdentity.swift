/// A signed-in shop customer as the request sees them, set by `CustomerAuthMiddleware`.
public struct CustomerIdentity: Sendable, Equatable {
    /// The customer's id in the shop's database.
    public let id: Int64
    /// The sign-in email, as stored.
    public let email: String
    /// The store the request's path names (`/storefront/{store}`).
    public let store: StorefrontStore

    /// The staff member signed in as the customer, for an impersonation session; else nil.
    public let impersonator: Impersonator?

    /// Who is acting as the customer in an impersonation session.
    public struct Impersonator: Sendable, Equatable {
        public let staffID: Int64
        /// The staff member's email when the session began.
        public let label: String

        public init(staffID: Int64, label: String) {
            self.staffID = staffID
            self.label = label
        }
    }

    public init(id: Int64, email: String, store: StorefrontStore, impersonator: Impersonator? = nil) {
        self.id = id
        self.email = email
        self.store = store
        self.impersonator = impersonator
    }

    /// The customer as the audit log names them; the label also says where they acted, and
    /// becomes the source of a marketing consent they give.
    /// In an impersonation the actor is the staff member as the customer (kind `impersonation`).
    var auditActor: AuditActor {
        if let impersonator {
            return AuditActor(kind: "impersonation", id: impersonator.staffID, label: "\(impersonator.label) as customer \(id)")
        }
        return AuditActor(kind: "customer", id: id, label: "\(email) via storefront \(store.code)")
    }
}
