import Foundation
import SQLite

/// The shop's outbox (`email_outbox`): every email is a row written in the same transaction
/// as the change that causes it, so an email exists exactly when its change committed.
/// Delivery (SMTP) is a later concern: rows wait as `queued`.
enum EmailOutbox {
    /// Queues one email; returns its id.
    static func enqueue(
        _ db: Database, customerID: Int64?, to address: String, locale: String, template: EmailTemplate, email: RenderedEmail
    ) throws -> Int64 {
        try enqueue(db, customerID: customerID, to: address, locale: locale, templateName: template.rawValue, email: email)
    }

    /// Queues one email under a template name of the core's or a module's (`b2b-approved`).
    static func enqueue(
        _ db: Database, customerID: Int64?, to address: String, locale: String, templateName: String, email: RenderedEmail
    ) throws -> Int64 {
        try db.execute(
            """
            INSERT INTO email_outbox(customer_id, to_address, locale, template, subject, text_body, html_body, status, created_at)
            VALUES(?, ?, ?, ?, ?, ?, ?, 'queued', ?)
            """,
            [customerID, address, locale, templateName, email.subject, email.textBody, email.htmlBody, Timestamp.now()])
        return db.lastInsertRowID
    }

    /// The customer's emails, newest first, as the staff's email log shows them. Single-use
    /// links are masked: staff never hold a token that would let them into the account.
    static func entries(_ db: Database, customerID: Int64, limit: Int) throws -> [JSONValue] {
        try db.query(
            """
            SELECT id, to_address, locale, template, subject, text_body, html_body, status, created_at, sent_at, error, message_id
            FROM email_outbox WHERE customer_id = ? ORDER BY id DESC LIMIT ?
            """, [customerID, limit]
        ).map { row in
            func text(_ column: String) -> JSONValue {
                if case .text(let value) = row[column] { return .string(value) }
                return .null
            }
            func masked(_ column: String) -> JSONValue {
                guard case .text(let value) = row[column] else { return .null }
                return .string(maskTokens(value))
            }
            return .object([
                "id": .int(try row.get("id")), "to": text("to_address"), "locale": text("locale"), "template": text("template"),
                "subject": text("subject"), "textBody": masked("text_body"), "htmlBody": masked("html_body"),
                "status": text("status"), "createdAt": text("created_at"), "sentAt": text("sent_at"), "error": text("error"),
                "messageId": text("message_id"),
            ])
        }
    }

    /// Replaces every customer token (`sa_ct_…`) in a text with `sa_ct_…hidden`.
    static func maskTokens(_ text: String) -> String {
        text.replacingOccurrences(
            of: "\(CustomerTokenStore.prefix)[A-Za-z0-9_-]+", with: "\(CustomerTokenStore.prefix)hidden", options: .regularExpression)
    }
}
