import Cryptography
import Foundation
import SQLite
import ShopCore

/// The shop's B2B settings (`b2b_setting`, one row made by the migration): the secret approval
/// links are signed with, where the merchant's notifications go (default: the shop owner's
/// email) and where approval links point (default: the storefront base URL the customer emails
/// use, which serves `/b2b/approval` when it is ShopAdmin itself).
struct B2BSettings: Sendable {
    /// The HMAC-SHA256 key for approval links; never leaves the shop's database.
    let linkSecret: [UInt8]
    let notificationEmail: String?
    /// A URL template with `{shop}` and `{store}`, like the storefront base URL.
    let approvalLinkBaseURL: String?

    static func load(_ db: Database) throws -> B2BSettings {
        guard let row = try db.queryRow("SELECT link_secret, notification_email, approval_link_base_url FROM b2b_setting WHERE id = 1"),
            let secret = Hex.decode(try row.get("link_secret", as: String.self)), secret.count >= 32
        else {
            throw HTTPError(.internalServerError, code: "b2b_settings_missing", message: "The shop's B2B settings are missing.")
        }
        return B2BSettings(
            linkSecret: secret, notificationEmail: row["notification_email"].stringValue,
            approvalLinkBaseURL: row["approval_link_base_url"].stringValue)
    }

    /// The settings as staff see them (never the secret).
    var json: JSONValue {
        .object([
            "notificationEmail": notificationEmail.map { .string($0) } ?? .null,
            "approvalLinkBaseUrl": approvalLinkBaseURL.map { .string($0) } ?? .null,
        ])
    }

    /// Checks and stores a `PUT /b2b/settings` body; null (or leaving a member out) restores the default.
    static func save(_ db: Database, _ body: [String: JSONValue]) throws {
        let email = try B2BField.text(body, "notificationEmail", max: 254).map { try B2BField.email($0, field: "notificationEmail") }
        let base = try B2BField.text(body, "approvalLinkBaseUrl", max: 500).map { text -> String in
            guard text.hasPrefix("https://") || text.hasPrefix("http://"),
                !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
            else {
                throw HTTPError.invalid(
                    "approvalLinkBaseUrl",
                    "approvalLinkBaseUrl must be an http(s) URL such as https://admin.example.fi/shops/{shop}/storefront/{store}.")
            }
            return text
        }
        try db.execute(
            "UPDATE b2b_setting SET notification_email = ?, approval_link_base_url = ? WHERE id = 1", [email, base])
    }

    /// Where the merchant's notification goes: the setting, else the shop owner's email.
    func merchantAddress(_ outbox: ShopOutbox) throws -> String? {
        try notificationEmail ?? outbox.merchantAddress()
    }

    /// The base of approval links for a store, without a trailing slash.
    func approvalBase(_ outbox: ShopOutbox, shop: String, store: String) throws -> String {
        guard let template = approvalLinkBaseURL else { return try outbox.storefrontURL(storeCode: store) }
        var url = template.replacingOccurrences(of: "{shop}", with: shop).replacingOccurrences(of: "{store}", with: store)
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
