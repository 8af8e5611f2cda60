import Foundation
import SQLite

/// Where links in emails point: the shop's storefront base URL, a template with `{shop}` and
/// `{store}` (the slug and the store code), kept in `shop_setting` under
/// `storefront_base_url` and set with `PUT /shops/{shop}/api/storefront-settings`.
enum StorefrontLinks {
    static let settingKey = "storefront_base_url"
    static let defaultBaseURL = "http://localhost:8080/shops/{shop}/storefront/{store}"

    /// The configured template, or the default.
    static func baseURLTemplate(_ db: Database) throws -> String {
        try db.scalar("SELECT value FROM shop_setting WHERE key = ?", [settingKey], as: String.self) ?? defaultBaseURL
    }

    /// The base URL for one store, without a trailing slash.
    static func baseURL(_ db: Database, shop: String, store: String) throws -> String {
        var url = EmailTemplate.substitute(try baseURLTemplate(db)) { name in
            switch name {
            case "shop": return shop
            case "store": return store
            default: return nil
            }
        }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// Checks a base URL template a merchant sets: http(s), no spaces or quotes, at most 500 characters.
    static func validate(_ template: String) throws -> String {
        let trimmed = template.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://"), trimmed.count <= 500,
            !trimmed.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
        else {
            throw HTTPError.invalid(
                "baseUrl", "baseUrl must be an http(s) URL such as https://shop.example.fi/{store}, at most 500 characters.")
        }
        return trimmed
    }
}
