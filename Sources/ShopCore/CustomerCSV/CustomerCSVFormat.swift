/// A column layout of the customer CSV: ours (`native`, the columns the merchant picks) or
/// another platform's, so a merchant can move customers in either direction.
public enum CustomerCSVFormat: String, Sendable, CaseIterable {
    /// Our stable column names: the record's field keys, `store`, `groups`, `defaultGroup`,
    /// `addresses` (a JSON list) and the modules' record members (`customFields`, JSON).
    case native
    /// Shopify's customer CSV, current header (one address: the default).
    case shopify
    /// Magento 2's `customer` import entity (main file, no addresses), keyed by email + website.
    case magento
    /// Magento 2's `customer_composite`: one row per address; a row with an empty email is
    /// another address of the customer above.
    case magentoComposite = "magento-composite"
    /// PrestaShop's customer import, `;`-separated.
    case prestashop

    /// The separator the format's own tools expect.
    public var defaultSeparator: UInt8 { self == .prestashop ? UInt8(ascii: ";") : UInt8(ascii: ",") }

    /// Shopify's customer export header as of 2024 (help.shopify.com, "Using CSV files to import and export customers").
    static let shopifyHeader = [
        "Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing", "Default Address Company",
        "Default Address Address1", "Default Address Address2", "Default Address City", "Default Address Province Code",
        "Default Address Country Code", "Default Address Zip", "Default Address Phone", "Phone", "Accepts SMS Marketing",
        "Total Spent", "Total Orders", "Note", "Tax Exempt", "Tags",
    ]

    /// Magento 2.4's `customer` entity columns (Import > Customers Main File).
    static let magentoHeader = [
        "email", "_website", "_store", "confirmation", "created_at", "created_in", "disable_auto_group_change", "dob",
        "firstname", "gender", "group_id", "lastname", "middlename", "password_hash", "prefix", "rp_token",
        "rp_token_created_at", "store_id", "suffix", "taxvat", "website_id", "password",
    ]

    /// Magento 2.4's `customer_composite`: the main columns, then the address columns.
    static let magentoCompositeHeader =
        magentoHeader + [
            "_address_city", "_address_company", "_address_country_id", "_address_fax", "_address_firstname",
            "_address_lastname", "_address_middlename", "_address_postcode", "_address_prefix", "_address_region",
            "_address_street", "_address_suffix", "_address_telephone", "_address_vat_id", "_address_default_billing_",
            "_address_default_shipping_",
        ]

    /// PrestaShop 1.7/8's customer import columns as its import screen names them.
    static let prestashopHeader = [
        "ID", "Active (0/1)", "Titles ID (Mr = 1, Ms = 2, else 0)", "Email *", "Password *", "Birthday (yyyy-mm-dd)",
        "Last Name *", "First Name *", "Newsletter (0/1)", "Opt-in (0/1)", "Registration date (yyyy-mm-dd)",
        "Groups (x,y,z...)", "Default group ID",
    ]

    /// The native columns every export offers, in order; `fields=` picks among them.
    public static func nativeColumns(moduleMembers: [String]) -> [String] {
        let fields = CustomerField.all.map(\.key)
        return fields + ["store", "groups", "defaultGroup", "addresses"] + moduleMembers
    }
}
