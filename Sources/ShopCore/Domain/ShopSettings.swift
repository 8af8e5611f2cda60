import Foundation
import SQLite

/// The merchant's switches for how customers are handled, stored in `shop_setting`.
/// Each has a default, so a new shop needs no rows.
public struct ShopSettings: Sendable, Equatable {
    /// Whether the birthday field is offered (off by default, for GDPR: DOMAIN.md 003).
    public var birthdayEnabled = false
    /// Whether a new account waits for the merchant's activation before it can sign in (000).
    public var requireActivation = false
    /// The shortest customer password accepted; 5 is the platform minimum (003).
    public var minimumPasswordLength = 5
    /// Whether support may sign in as a customer only with the customer's consent.
    public var remoteAssistanceRequiresConsent = true
    /// The currency product prices are kept in and sales totals are summed in; nil means
    /// the currency of the shop's first store.
    public var companyCurrency: String?
    /// The shop's time zone: validity days of prices and discounts are read in it.
    public var timeZone = "Europe/Helsinki"
    /// Whether every order must carry a payment reference before it is placed.
    public var requireOrderReference = false
    /// The language of the browser admin (`en`, `fi`, `sv`); English by default.
    public var adminLocale = "en"

    public init() {}

    static let keys: [String] = [
        "birthdayEnabled", "requireActivation", "minimumPasswordLength", "remoteAssistanceRequiresConsent", "companyCurrency", "timeZone",
        "requireOrderReference", "adminLocale",
    ]
    /// The languages the browser admin speaks.
    public static let adminLocales = ["en", "fi", "sv"]
    static let currencies = ["EUR", "SEK", "NOK", "DKK"]
    static let columns: [String: String] = [
        "birthdayEnabled": "birthday_enabled", "requireActivation": "require_activation",
        "minimumPasswordLength": "minimum_password_length", "remoteAssistanceRequiresConsent": "remote_assistance_requires_consent",
        "companyCurrency": "company_currency", "timeZone": "time_zone", "requireOrderReference": "require_order_reference",
        "adminLocale": "admin_locale",
    ]

    /// The shop's settings, defaults where unset.
    public static func load(_ db: Database) throws -> ShopSettings {
        var settings = ShopSettings()
        for row in try db.query("SELECT key, value FROM shop_setting") {
            let key: String = try row.get("key")
            let value: String = try row.get("value")
            switch key {
            case "birthday_enabled": settings.birthdayEnabled = value == "true"
            case "require_activation": settings.requireActivation = value == "true"
            case "minimum_password_length": settings.minimumPasswordLength = Int(value) ?? 5
            case "remote_assistance_requires_consent": settings.remoteAssistanceRequiresConsent = value == "true"
            case "company_currency": settings.companyCurrency = value
            case "time_zone": settings.timeZone = value
            case "require_order_reference": settings.requireOrderReference = value == "true"
            case "admin_locale": settings.adminLocale = value
            default: break
            }
        }
        return settings
    }

    /// Applies a JSON patch of settings, validating each; unknown keys are refused by name.
    public mutating func apply(_ patch: [String: JSONValue]) throws {
        for (key, value) in patch.sorted(by: { $0.key < $1.key }) {
            switch (key, value) {
            case ("birthdayEnabled", .bool(let flag)): birthdayEnabled = flag
            case ("requireActivation", .bool(let flag)): requireActivation = flag
            case ("remoteAssistanceRequiresConsent", .bool(let flag)): remoteAssistanceRequiresConsent = flag
            case ("requireOrderReference", .bool(let flag)): requireOrderReference = flag
            case ("minimumPasswordLength", .int(let length)):
                guard (5...128).contains(length) else {
                    throw HTTPError.invalid(key, "minimumPasswordLength must be 5 to 128 (5 is the platform minimum).")
                }
                minimumPasswordLength = Int(length)
            case ("companyCurrency", .string(let code)):
                guard ShopSettings.currencies.contains(code) else {
                    throw HTTPError.invalid(key, "companyCurrency must be one of \(ShopSettings.currencies.joined(separator: ", ")).")
                }
                companyCurrency = code
            case ("timeZone", .string(let name)):
                guard TimeZone(identifier: name) != nil else {
                    throw HTTPError.invalid(key, "timeZone must be an IANA time zone such as Europe/Helsinki; \(name) is not one.")
                }
                timeZone = name
            case ("adminLocale", .string(let code)):
                guard ShopSettings.adminLocales.contains(code) else {
                    throw HTTPError.invalid(key, "adminLocale must be one of \(ShopSettings.adminLocales.joined(separator: ", ")).")
                }
                adminLocale = code
            case ("companyCurrency", _), ("timeZone", _), ("adminLocale", _):
                throw HTTPError.invalid(key, "\(key) must be a string.", code: "wrong_type")
            case ("minimumPasswordLength", _):
                throw HTTPError.invalid(key, "\(key) must be a whole number.", code: "wrong_type")
            case (_, _) where ShopSettings.columns[key] != nil:
                throw HTTPError.invalid(key, "\(key) must be true or false.", code: "wrong_type")
            default:
                throw HTTPError.invalid(
                    key, "\(key) is not a setting; settings: \(ShopSettings.keys.joined(separator: ", ")).", code: "unknown_field")
            }
        }
    }

    public func save(_ db: Database) throws {
        let values: [(String, String)] =
            [
                ("birthday_enabled", String(birthdayEnabled)), ("require_activation", String(requireActivation)),
                ("minimum_password_length", String(minimumPasswordLength)),
                ("remote_assistance_requires_consent", String(remoteAssistanceRequiresConsent)), ("time_zone", timeZone),
                ("require_order_reference", String(requireOrderReference)), ("admin_locale", adminLocale),
            ] + (companyCurrency.map { [("company_currency", $0)] } ?? [])
        for (key, value) in values {
            try db.execute(
                "INSERT INTO shop_setting(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
        }
    }

    public var json: JSONValue {
        .object([
            "birthdayEnabled": .bool(birthdayEnabled), "requireActivation": .bool(requireActivation),
            "minimumPasswordLength": .int(Int64(minimumPasswordLength)),
            "remoteAssistanceRequiresConsent": .bool(remoteAssistanceRequiresConsent),
            "companyCurrency": companyCurrency.map(JSONValue.string) ?? .null, "timeZone": .string(timeZone),
            "requireOrderReference": .bool(requireOrderReference), "adminLocale": .string(adminLocale),
        ])
    }
}
