/// One field of the customer record as the API, the CSV files and the audit log name it,
/// with the column that stores it and the rule that validates it. The record is this
/// table, so create, update, copy, export and the audit diff all treat fields alike.
public struct CustomerField: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Free text, trimmed, at most `max` characters; empty becomes null.
        case text(max: Int)
        case email
        /// Stored E.164; national forms read with the store's country.
        case phone
        /// `YYYY-MM-DD`.
        case date
        case boolean
        /// Integer minor units (cents, öre), never negative.
        case money
        case choice([String])
        /// Organisation number of the customer's country (Y-tunnus, org.nr, CVR).
        case businessID
        case vatNumber
        /// Finnish OVT / EDI code.
        case ediCode
        case currency
        /// A list of short codes, stored comma-separated (payment and delivery methods).
        case codeList
    }

    /// Who may set the field through `PATCH`/`POST`.
    public enum Access: Sendable {
        /// Staff may set it.
        case staff
        /// Kept by the system (aggregates, times, state changed by actions); read-only in the API.
        case system
    }

    public let key: String
    public let column: String
    public let kind: Kind
    public let access: Access
    /// Copied by "copy customer" (everything but identity and credentials).
    public let copyable: Bool

    init(_ key: String, _ column: String, _ kind: Kind, access: Access = .staff, copyable: Bool = true) {
        self.key = key
        self.column = column
        self.kind = kind
        self.access = access
        self.copyable = copyable
    }
}

extension CustomerField {
    static let documentTypes = ["email", "paper", "e-invoice", "none"]

    /// Every scalar field of the record, in display and export order. Groups and addresses
    /// live in their own tables and have their own handling.
    public static let all: [CustomerField] = [
        CustomerField("customerNumber", "customer_number", .text(max: 32), copyable: false),
        CustomerField("hasAccount", "has_account", .boolean),
        CustomerField("email", "email", .email, copyable: false),
        CustomerField("socialTitle", "social_title", .choice(["mr", "mrs", "ms", "mx", "dr"])),
        CustomerField("firstName", "first_name", .text(max: 100), copyable: false),
        CustomerField("lastName", "last_name", .text(max: 100), copyable: false),
        CustomerField("company", "company", .text(max: 200)),
        CustomerField("phone", "phone", .phone, copyable: false),
        CustomerField("birthday", "birthday", .date, copyable: false),
        CustomerField("enabled", "enabled", .boolean),
        CustomerField("activation", "activation", .choice(["active", "pending"]), access: .system, copyable: false),
        CustomerField("blockedReason", "blocked_reason", .text(max: 500), access: .system, copyable: false),
        CustomerField("newsletter", "newsletter", .boolean, copyable: false),
        CustomerField("partnerOffers", "partner_offers", .boolean, copyable: false),
        CustomerField("smsMarketing", "sms_marketing", .boolean, copyable: false),
        // Staff set it only with customers.assistance_consent (`Impersonation.requireConsentPermission`).
        CustomerField("remoteAssistanceAllowed", "remote_assistance_allowed", .boolean, copyable: false),
        CustomerField("businessId", "business_id", .businessID),
        CustomerField("ediCode", "edi_code", .ediCode),
        CustomerField("vatNumber", "vat_number", .vatNumber),
        CustomerField("currency", "currency", .currency),
        // Pricing scopes (DOMAIN.md "Prices and discounts"): codes the merchant gives.
        CustomerField("segment", "segment", .text(max: 32)),
        CustomerField("district", "district", .text(max: 32)),
        CustomerField("freeShippingLimit", "free_shipping_limit", .money),
        CustomerField("receivableAccount", "receivable_account", .text(max: 20)),
        CustomerField("salesAccount", "sales_account", .text(max: 20)),
        CustomerField("defaultDeliveryMethod", "default_delivery_method", .text(max: 50)),
        CustomerField("defaultPaymentTerms", "default_payment_terms", .text(max: 50)),
        CustomerField("allowedPaymentMethods", "allowed_payment_methods", .codeList),
        CustomerField("allowedDeliveryMethods", "allowed_delivery_methods", .codeList),
        CustomerField("saleType", "sale_type", .choice(["domestic", "export"])),
        CustomerField("eInvoiceAddress", "e_invoice_address", .text(max: 35)),
        CustomerField("eInvoiceOperator", "e_invoice_operator", .text(max: 35)),
        CustomerField("invoiceType", "invoice_type", .choice(documentTypes)),
        CustomerField("deliveryNoteType", "delivery_note_type", .choice(documentTypes)),
        CustomerField("orderConfirmationType", "order_confirmation_type", .choice(documentTypes)),
        CustomerField("erpCustomerId", "erp_customer_id", .text(max: 64), copyable: false),
        CustomerField("erpBillingAddressId", "erp_billing_address_id", .text(max: 64), copyable: false),
        CustomerField("staffNote", "staff_note", .text(max: 5000)),
        CustomerField("totalSales", "total_sales", .money, access: .system, copyable: false),
        CustomerField("orderCount", "order_count", .money, access: .system, copyable: false),
        CustomerField("registeredAt", "registered_at", .text(max: 40), access: .system, copyable: false),
        CustomerField("lastVisitAt", "last_visit_at", .text(max: 40), access: .system, copyable: false),
        CustomerField("updatedAt", "updated_at", .text(max: 40), access: .system, copyable: false),
    ]

    static let byKey: [String: CustomerField] = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })

    /// Keys a create or update body may carry besides the scalar fields.
    /// A password is not among them: staff never set one; the customer sets it through a
    /// single-use link (`send-password-link`) or the storefront.
    static let structuralKeys: Set<String> = ["storeId", "groupIds", "defaultGroupId", "addresses"]
}
