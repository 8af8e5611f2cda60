import SQLite

/// The shop's outbox as a feature module uses it: queue the module's own emails, build
/// storefront links, issue a customer's set-password link, and find where the merchant's
/// notifications go. Every call runs inside the caller's write transaction, so an email exists
/// exactly when the change that causes it commits (as the core's account emails do).
public struct ShopOutbox {
    let db: Database
    let shopSlug: String
    let shopName: String

    /// The outbox of the request's shop, on the transaction's database.
    public init(_ db: Database, shop: Shop) {
        self.db = db
        self.shopSlug = shop.slug.value
        self.shopName = shop.record.name
    }

    /// Renders `template` in `locale` (English when the module lacks it) and queues it.
    /// `{shopName}` is filled in; `variables` give the rest.
    /// - Parameters:
    ///   - customerID: the customer the email belongs to, for their email log, GDPR export and
    ///     erasure; nil for someone who is not a customer (yet), or for the merchant.
    /// - Returns: the outbox row's id.
    @discardableResult
    public func queue(
        _ template: ModuleEmailTemplate, to address: String, locale: String, customerID: Int64? = nil, variables: [String: String]
    ) throws -> Int64 {
        let (used, text) = template.text(for: locale)
        var values = variables
        values["shopName"] = shopName
        let email = text.emailText.render(used, variables: values)
        return try EmailOutbox.enqueue(db, customerID: customerID, to: address, locale: used, templateName: template.name, email: email)
    }

    /// The storefront base URL of a store, without a trailing slash: where links in emails
    /// point (`PUT /storefront-settings` sets it).
    public func storefrontURL(storeCode: String) throws -> String {
        try StorefrontLinks.baseURL(db, shop: shopSlug, store: storeCode)
    }

    /// Issues a single-use set-password link (valid 72 hours) for the customer, as
    /// `send-password-link` does: the customer chooses a password with it on the storefront,
    /// so no password ever travels by email. A link issued earlier stops working.
    /// - Throws: a 404 when the customer does not exist or has been erased.
    public func setPasswordLink(customerID: Int64) throws -> String {
        guard
            let code = try db.scalar(
                "SELECT store.code FROM customer JOIN store ON store.id = customer.store_id WHERE customer.id = ? AND erased_at IS NULL",
                [customerID], as: String.self)
        else { throw HTTPError.notFound("No customer with id \(customerID).", code: "customer_not_found") }
        let token = try CustomerTokenStore.issue(db, customerID: customerID, kind: .setPassword)
        return "\(try storefrontURL(storeCode: code))/set-password?token=\(token)"
    }

    /// Files an email sent before its recipient had a customer record (an application's
    /// receipt) under the customer, so their email log, export and erasure reach it.
    public func assign(emailID: Int64, toCustomer customerID: Int64) throws {
        try ShopOutbox.assign(db, emailID: emailID, toCustomer: customerID)
    }

    /// The same, where no shop is at hand (a module's GDPR erasure hook, which files the emails
    /// about the person under them just before the core erases the customer's emails).
    public static func assign(_ db: Database, emailID: Int64, toCustomer customerID: Int64) throws {
        try db.execute("UPDATE email_outbox SET customer_id = ? WHERE id = ? AND customer_id IS NULL", [customerID, emailID])
    }

    /// Where the shop's own notifications go when it names no other address: the email of the
    /// first owner who may still sign in; nil when there is none.
    public func merchantAddress() throws -> String? {
        try db.scalar("SELECT email FROM staff WHERE role = 'owner' AND enabled = 1 ORDER BY id LIMIT 1", as: String.self)
    }
}
