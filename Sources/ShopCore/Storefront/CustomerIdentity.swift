/// A signed-in shop customer as the request sees them, set by `CustomerAuthMiddleware`.
public struct CustomerIdentity: Sendable, Equatable {
    /// The customer's id in the shop's database.
    public let id: Int64
    /// The sign-in email, as stored.
    public let email: String
    /// The store the request's path names (`/storefront/{store}`).
    public let store: StorefrontStore

    public init(id: Int64, email: String, store: StorefrontStore) {
        self.id = id
        self.email = email
        self.store = store
    }

    /// The customer as the audit log names them; the label also says where they acted, and
    /// becomes the source of a marketing consent they give.
    var auditActor: AuditActor { AuditActor(kind: "customer", id: id, label: "\(email) via storefront \(store.code)") }
}
