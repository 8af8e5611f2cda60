import Foundation

/// What the operator asks for when provisioning a shop.
public struct ProvisioningRequest: Sendable, Codable {
    public struct StoreSpec: Sendable, Codable, Equatable {
        public var code: String
        public var name: String
        public var locale: String
        public var currency: String
        public var country: String

        public init(code: String, name: String, locale: String, currency: String, country: String) {
            self.code = code
            self.name = name
            self.locale = locale
            self.currency = currency
            self.country = country
        }

        /// Checks each field; errors name `field.member`.
        func validate(field: String) throws {
            guard code.range(of: "^[a-z0-9][a-z0-9_-]{0,31}$", options: .regularExpression) != nil else {
                throw HTTPError.invalid("\(field).code", "A store code is 1 to 32 characters of a-z, 0-9, '-' and '_'.")
            }
            guard !name.trimmedWhitespace().isEmpty, name.count <= 100 else {
                throw HTTPError.invalid("\(field).name", "A store needs a name of at most 100 characters.")
            }
            guard ProvisioningRequest.locales.contains(locale) else {
                throw HTTPError.invalid("\(field).locale", "locale must be one of fi, sv, nb, da, en.")
            }
            guard ProvisioningRequest.currencies.contains(currency) else {
                throw HTTPError.invalid("\(field).currency", "currency must be one of EUR, SEK, NOK, DKK.")
            }
            guard country.range(of: "^[A-Z]{2}$", options: .regularExpression) != nil else {
                throw HTTPError.invalid("\(field).country", "country must be a two-letter ISO code such as FI.")
            }
        }
    }

    public var slug: String
    public var name: String
    public var tier: String
    public var addOns: [String]?
    public var flags: [String]?
    /// The stores to create; one default store when absent.
    public var stores: [StoreSpec]?
    public var ownerEmail: String
    public var ownerName: String?
    /// The owner's first password; generated (and returned once) when absent.
    public var ownerPassword: String?

    public init(
        slug: String, name: String, tier: String, addOns: [String]? = nil, flags: [String]? = nil,
        stores: [StoreSpec]? = nil, ownerEmail: String, ownerName: String? = nil, ownerPassword: String? = nil
    ) {
        self.slug = slug
        self.name = name
        self.tier = tier
        self.addOns = addOns
        self.flags = flags
        self.stores = stores
        self.ownerEmail = ownerEmail
        self.ownerName = ownerName
        self.ownerPassword = ownerPassword
    }

    static let locales: Set<String> = ["fi", "sv", "nb", "da", "en"]
    static let currencies: Set<String> = ["EUR", "SEK", "NOK", "DKK"]

    /// Checks every field before anything is created; errors name the field.
    func validated() throws -> (ShopRecord, [StoreSpec]) {
        let slug = try ShopSlug.parse(self.slug)
        let name = self.name.trimmedWhitespace()
        guard !name.isEmpty, name.count <= 200 else {
            throw HTTPError.invalid("name", "name must be 1 to 200 characters.")
        }
        let tier = try Tier.parse(self.tier)
        let addOns = try (self.addOns ?? []).map { try AddOn.parse($0) }
        let flags = try (self.flags ?? []).map { try ShopFlag.parse($0) }
        guard EmailAddress.isValid(ownerEmail) else {
            throw HTTPError.invalid("ownerEmail", "ownerEmail must be an email address such as owner@example.com.")
        }
        if let password = ownerPassword, password.count < 8 {
            throw HTTPError.invalid("ownerPassword", "ownerPassword must be at least 8 characters.")
        }
        let stores = self.stores ?? [StoreSpec(code: "default", name: name, locale: "en", currency: "EUR", country: "FI")]
        guard !stores.isEmpty else { throw HTTPError.invalid("stores", "A shop needs at least one store.") }
        var codes = Set<String>()
        for (index, store) in stores.enumerated() {
            let field = "stores[\(index)]"
            try store.validate(field: field)
            guard codes.insert(store.code).inserted else {
                throw HTTPError.invalid("\(field).code", "Store code \(store.code) is used twice.")
            }
        }
        let record = ShopRecord(slug: slug, name: name, tier: tier, addOns: Set(addOns), flags: Set(flags))
        return (record, stores)
    }
}
