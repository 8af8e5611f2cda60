/// What an uploaded file's header row means: the layout it comes from and, per column,
/// where its cells go. Our column names, Shopify's (current and the older `Address1`,
/// `Accepts Marketing` forms), Magento 2's `customer` / `customer_composite` and PrestaShop's
/// are recognised; any other column is reported as unknown, never silently dropped.
public struct CustomerCSVHeader: Sendable {
    /// Where one column's cells go.
    public enum Target: Sendable, Equatable {
        /// A staff-settable field of the record, by key.
        case field(String)
        /// A part of the customer's one address (`street`, `postalCode`, `isDefaultBilling`, …).
        case address(String)
        case store
        case groups
        case defaultGroup
        /// The native `addresses` column (a JSON list).
        case addresses
        /// A module's record member (`customFields`), as JSON.
        case module(String)
        /// A module's CSV column (`tags`), by its native name, as text.
        case moduleColumn(String)
        /// A known column that is not imported, with the reason.
        case ignored(String)
    }

    public let format: CustomerCSVFormat
    public let names: [String]
    public let targets: [Target?]

    /// The column names this file has but nobody knows.
    public var unknownColumns: [String] { zip(names, targets).filter { $0.1 == nil }.map(\.0) }

    /// Known columns that are not imported, with why.
    public var ignoredColumns: [(column: String, reason: String)] {
        zip(names, targets).compactMap { name, target in
            if case .ignored(let reason)? = target { return (name, reason) }
            return nil
        }
    }

    /// The header's column for a field key, for reporting a problem where the merchant sees it.
    func column(forField field: String) -> String? {
        for (name, target) in zip(names, targets) {
            switch target {
            case .field(let key)? where key == field: return name
            case .module(let key)? where field == key || field.hasPrefix(key + "."): return name
            case .moduleColumn(let key)? where field == key || field.hasPrefix(key + "["): return name
            case .address(let key)? where field.hasPrefix("addresses") && field.hasSuffix("." + key): return name
            case .addresses? where field.hasPrefix("addresses"): return name
            case .store? where field == "storeId": return name
            case .groups? where field == "groupIds": return name
            case .defaultGroup? where field == "defaultGroupId": return name
            default: continue
            }
        }
        return nil
    }

    /// Reads a header row; `moduleMembers` are the enabled modules' record members,
    /// `moduleColumns` their CSV columns (read under their native and other platforms' names).
    public init(_ cells: [String], moduleMembers: [String], moduleColumns: [CustomerCSVColumn] = []) {
        names = cells.map { $0.trimmedWhitespace() }
        let keys = names.map(CustomerCSVHeader.normalised)
        let set = Set(keys)
        if set.contains("_website") || (set.contains("firstname") && set.contains("email") && set.contains("dob")) {
            format = keys.contains { $0.hasPrefix("_address_") } ? .magentoComposite : .magento
        } else if set.contains("accepts email marketing") || set.contains("first name") && set.contains("total spent")
            || set.contains("customer id") || set.contains("default address address1")
        {
            format = .shopify
        } else if set.contains("active (0/1)") || set.contains("titles id (mr = 1, ms = 2, else 0)") || set.contains("newsletter (0/1)") {
            format = .prestashop
        } else {
            format = .native
        }
        var native: [String: Target] = [:]
        for field in CustomerField.all {
            native[field.key.lowercased()] =
                field.access == .staff ? .field(field.key) : .ignored("\(field.key) is kept by the system")
        }
        // Consent to remote assistance is the customer's, set by staff with its own permission.
        native["remoteassistanceallowed"] = .ignored("remoteAssistanceAllowed is set one customer at a time by staff allowed to")
        native["store"] = .store
        native["groups"] = .groups
        native["defaultgroup"] = .defaultGroup
        native["addresses"] = .addresses
        for member in moduleMembers { native[member.lowercased()] = .module(member) }
        for column in moduleColumns {
            for name in [column.name] + column.otherNames.values.sorted() { native[name.lowercased()] = .moduleColumn(column.name) }
        }
        let table = CustomerCSVHeader.aliases.merging(native) { _, ours in ours }
        targets = keys.map { table[$0] }
    }

    /// A header cell compared without case, spaces around it, or a trailing required-marker `*`.
    static func normalised(_ name: String) -> String {
        var text = name.trimmedWhitespace().lowercased()
        if text.hasSuffix("*") { text = String(text.dropLast()).trimmedWhitespace() }
        return text
    }

    static let noPassword = "imported customers have no password; send them set-password emails"

    /// Other platforms' column names (lower case).
    static let aliases: [String: Target] = [
        // Shopify (the current header and the older one).
        "customer id": .field("customerNumber"), "first name": .field("firstName"), "last name": .field("lastName"),
        "email": .field("email"), "accepts email marketing": .field("newsletter"), "accepts marketing": .field("newsletter"),
        "default address company": .address("company"), "company": .field("company"),
        "default address address1": .address("street"), "address1": .address("street"),
        "default address address2": .address("street2"), "address2": .address("street2"),
        "default address city": .address("city"), "city": .address("city"),
        "default address province code": .address("region"), "province code": .address("region"), "province": .address("region"),
        "default address country code": .address("country"), "country code": .address("country"),
        "default address zip": .address("postalCode"), "zip": .address("postalCode"),
        "default address phone": .address("phone"), "phone": .field("phone"),
        "accepts sms marketing": .field("smsMarketing"), "note": .field("staffNote"),
        "total spent": .ignored("totals are kept by the system from orders"),
        "total orders": .ignored("totals are kept by the system from orders"),
        "tax exempt": .ignored("tax exemption follows the customer's group"),
        "tags": .ignored("the shop has no module that keeps tags"),
        "country": .ignored("Shopify's country name; the country code is used"),
        // Magento 2 customer and customer_composite.
        "firstname": .field("firstName"), "lastname": .field("lastName"), "dob": .field("birthday"),
        "prefix": .field("socialTitle"), "taxvat": .field("vatNumber"), "_website": .store,
        "_store": .ignored("Magento's store view; the website names the store"),
        "created_in": .ignored("Magento's store view name"), "created_at": .ignored("the registration time is kept by the system"),
        "confirmation": .ignored("Magento's confirmation key"), "disable_auto_group_change": .ignored("Magento only"),
        "gender": .ignored("not a field of the record"), "group_id": .ignored("Magento's group id; groups are named in the native format"),
        "middlename": .ignored("not a field of the record"), "suffix": .ignored("not a field of the record"),
        "password_hash": .ignored(noPassword), "password": .ignored(noPassword), "rp_token": .ignored("Magento only"),
        "rp_token_created_at": .ignored("Magento only"), "store_id": .ignored("Magento's store id"),
        "website_id": .ignored("Magento's website id"),
        "_address_city": .address("city"), "_address_company": .address("company"), "_address_country_id": .address("country"),
        "_address_fax": .ignored("not a field of the record"), "_address_firstname": .address("firstName"),
        "_address_lastname": .address("lastName"), "_address_middlename": .ignored("not a field of the record"),
        "_address_postcode": .address("postalCode"), "_address_prefix": .ignored("not a field of the record"),
        "_address_region": .address("region"), "_address_street": .address("street"),
        "_address_suffix": .ignored("not a field of the record"), "_address_telephone": .address("phone"),
        "_address_vat_id": .ignored("the customer's VAT number is taxvat"),
        "_address_default_billing_": .address("isDefaultBilling"), "_address_default_shipping_": .address("isDefaultShipping"),
        // PrestaShop.
        "id": .field("customerNumber"), "active (0/1)": .field("enabled"), "titles id (mr = 1, ms = 2, else 0)": .field("socialTitle"),
        "birthday (yyyy-mm-dd)": .field("birthday"), "newsletter (0/1)": .field("newsletter"), "opt-in (0/1)": .field("partnerOffers"),
        "registration date (yyyy-mm-dd)": .ignored("the registration time is kept by the system"),
        "groups (x,y,z...)": .groups, "default group id": .defaultGroup,
    ]
}
