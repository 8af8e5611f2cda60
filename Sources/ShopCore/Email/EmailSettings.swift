import Foundation
import SMTP
import SQLite

/// The shop's sender (`email_settings`, one row): who its emails come from and the SMTP relay
/// that sends them. Without a relay, emails go to the shop's own maildir (the embedded demo, a
/// shop not yet set up). The relay password is stored because AUTH needs it as it is; the API
/// never returns it, only whether one is set.
struct EmailSettings: Sendable, Equatable {
    var fromAddress: String?
    var fromName: String?
    var smtp: Relay?

    /// An SMTP relay and how to reach it.
    struct Relay: Sendable, Equatable {
        var host: String
        var port: Int
        var security: SMTPSecurity
        var username: String?
        var password: String?
        /// False accepts any certificate (a self-signed relay on a local network).
        var verifyCertificate = true
    }

    static func load(_ db: Database) throws -> EmailSettings {
        guard let row = try db.queryRow("SELECT * FROM email_settings WHERE id = 1") else { return EmailSettings() }
        func text(_ column: String) -> String? { row[column].textValue }
        var settings = EmailSettings(fromAddress: text("from_address"), fromName: text("from_name"))
        if let host = text("smtp_host"), let security = text("smtp_security").flatMap(SMTPSecurity.init(rawValue:)) {
            settings.smtp = Relay(
                host: host, port: try row.get("smtp_port"), security: security, username: text("smtp_username"),
                password: text("smtp_password"), verifyCertificate: try row.get("verify_certificate"))
        }
        return settings
    }

    func save(_ db: Database) throws {
        try db.execute(
            """
            INSERT INTO email_settings(id, from_address, from_name, smtp_host, smtp_port, smtp_security, smtp_username,
                smtp_password, verify_certificate, updated_at)
            VALUES(1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET from_address = excluded.from_address, from_name = excluded.from_name,
                smtp_host = excluded.smtp_host, smtp_port = excluded.smtp_port, smtp_security = excluded.smtp_security,
                smtp_username = excluded.smtp_username, smtp_password = excluded.smtp_password,
                verify_certificate = excluded.verify_certificate, updated_at = excluded.updated_at
            """,
            [
                fromAddress, fromName, smtp?.host, smtp.map { Int64($0.port) }, smtp?.security.rawValue, smtp?.username,
                smtp?.password, smtp?.verifyCertificate ?? true, Timestamp.now(),
            ])
    }

    /// As the API shows them: the password only as `passwordSet`, and how email goes out now.
    var json: JSONValue {
        var object: [String: JSONValue] = [
            "fromAddress": fromAddress.map(JSONValue.string) ?? .null, "fromName": fromName.map(JSONValue.string) ?? .null,
            "delivery": .string(smtp == nil ? "maildir" : "smtp"), "smtp": .null,
        ]
        if let smtp {
            object["smtp"] = .object([
                "host": .string(smtp.host), "port": .int(Int64(smtp.port)), "security": .string(smtp.security.rawValue),
                "username": smtp.username.map(JSONValue.string) ?? .null, "passwordSet": .bool(smtp.password != nil),
                "verifyCertificate": .bool(smtp.verifyCertificate),
            ])
        }
        return .object(object)
    }

    /// The From mailbox: the configured one, else a local address under the shop's name, which
    /// only the maildir ever sees (a relay needs `fromAddress`).
    func sender(shop: ShopSlug, shopName: String) -> MailAddress {
        MailAddress(fromAddress ?? "no-reply@\(shop.value).shopadmin.localhost", displayName: fromName ?? shopName)
    }

    /// The domain of Message-IDs: the sender's, when it is plain ASCII.
    func messageIDDomain(shop: ShopSlug) -> String {
        if let domain = fromAddress?.split(separator: "@").last, domain.utf8.allSatisfy({ $0 < 0x80 && $0 > 0x20 }) {
            return domain.lowercased()
        }
        return "\(shop.value).shopadmin.localhost"
    }

    /// The SMTP client's configuration for the relay.
    func smtpConfiguration(_ delivery: EmailDeliveryConfiguration) -> SMTPConfiguration? {
        guard let smtp else { return nil }
        var configuration = SMTPConfiguration(host: smtp.host, port: smtp.port, security: smtp.security)
        if let username = smtp.username, let password = smtp.password {
            configuration.credentials = SMTPCredentials(username: username, password: password)
        }
        configuration.certificateVerification = smtp.verifyCertificate ? .system : .acceptAny
        configuration.heloName = delivery.heloName
        configuration.connectTimeout = delivery.connectTimeout
        configuration.commandTimeout = delivery.commandTimeout
        return configuration
    }
}
