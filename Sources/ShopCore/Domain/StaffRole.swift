/// What a staff member may do in their shop. Checked on every route by `RequirePermission`.
public enum Permission: String, Sendable, CaseIterable, Codable {
    case customersRead = "customers.read"
    case customersWrite = "customers.write"
    case customersDelete = "customers.delete"
    /// Exports of personal data in bulk (CSV, marketing phone lists).
    case customersExport = "customers.export"
    /// Sign in as a customer, for support (DOMAIN.md 002).
    case customersImpersonate = "customers.impersonate"
    /// Change a customer's "allow remote shopping assistance" consent on their behalf.
    case customersAssistanceConsent = "customers.assistance_consent"
    /// GDPR export and erasure.
    case customersGDPR = "customers.gdpr"
    case groupsManage = "groups.manage"
    case storesManage = "stores.manage"
    case settingsManage = "settings.manage"
    case staffManage = "staff.manage"
    case auditRead = "audit.read"
    /// Products, discount groups, price lists, store prices and exchange rates.
    case catalogManage = "catalog.manage"
    /// Customer prices and discounts (rules), and copying them between customers.
    case pricingManage = "pricing.manage"
    /// Carts, draft orders, placing, invoicing, paying and cancelling orders.
    case ordersManage = "orders.manage"
    /// Placing an order an order guard refused (over the credit limit), audited.
    case ordersOverride = "orders.override"
}

/// A staff member's role in their shop.
public enum StaffRole: String, Sendable, Codable, CaseIterable {
    case owner
    case admin
    case staff
    case readOnly = "read-only"

    /// Whether the role may change data at all (every method but GET and HEAD).
    public var canWrite: Bool { self != .readOnly }

    /// The permissions of the role. Owners and admins may do everything; staff handle
    /// customers day to day; read-only staff look.
    public var permissions: Set<Permission> {
        switch self {
        case .owner, .admin:
            return Set(Permission.allCases)
        case .staff:
            return [.customersRead, .customersWrite, .customersExport, .auditRead, .ordersManage]
        case .readOnly:
            return [.customersRead, .auditRead]
        }
    }
}
