import SQLite

/// Queues one of the account emails for a customer, in the locale of the customer's store,
/// with the shop's name and a storefront link. Call inside the write transaction of the
/// change that causes the email.
struct AccountEmail {
    let db: Database
    /// The shop's slug and display name.
    let shopSlug: String
    let shopName: String

    /// Queues `template` for the customer; `token` makes the link a single-use one.
    /// - Returns: the outbox row's id, or nil when the customer has no email address.
    @discardableResult
    func queue(_ template: EmailTemplate, customerID: Int64, token: String? = nil) throws -> Int64? {
        guard
            let row = try db.queryRow(
                """
                SELECT customer.email, customer.first_name, store.code, store.locale FROM customer
                JOIN store ON store.id = customer.store_id WHERE customer.id = ? AND customer.erased_at IS NULL
                """, [customerID]),
            case .text(let address) = row["email"]
        else { return nil }
        let storeCode: String = try row.get("code")
        let locale: String = try row.get("locale")
        let base = try StorefrontLinks.baseURL(db, shop: shopSlug, store: storeCode)
        let link: String
        switch template {
        case .passwordReset: link = "\(base)/password-reset?token=\(token ?? "")"
        case .setPassword: link = "\(base)/set-password?token=\(token ?? "")"
        case .welcome, .accountActivated, .activationPending: link = "\(base)/sign-in"
        }
        let email = template.render(
            locale, variables: ["firstName": try row.get("first_name"), "shopName": shopName, "link": link])
        return try EmailOutbox.enqueue(db, customerID: customerID, to: address, locale: locale, template: template, email: email)
    }
}

extension AccountEmail {
    /// Activates a pending account with the staff's writer and tells the customer by email;
    /// activating an account that was already active sends nothing.
    func activate(_ id: Int64, with writer: CustomerWriter) throws {
        let wasPending = try db.scalar("SELECT activation = 'pending' FROM customer WHERE id = ?", [id], as: Bool.self) ?? false
        try writer.activate(id)
        if wasPending { try queue(.accountActivated, customerID: id) }
    }
}
