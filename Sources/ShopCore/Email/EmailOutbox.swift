import Foundation
import SQLite

/// The shop's outbox (`email_outbox`): every email is a row written in the same transaction
/// as the change that causes it, so an email exists exactly when its change committed.
/// `EmailDeliveryWorker` sends the queued rows and records each attempt on them.
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

    /// The customer's emails, newest first, as the staff's email log shows them: with their
    /// delivery status, attempts and last error (`EmailLog`). Single-use links are masked:
    /// staff never hold a token that would let them into the account.
    static func entries(_ db: Database, customerID: Int64, limit: Int) throws -> [JSONValue] {
        try db.query(
            "SELECT \(EmailLog.columns), text_body, html_body FROM email_outbox WHERE customer_id = ? ORDER BY id DESC LIMIT ?",
            [customerID, limit]
        ).map { row in
            var object = try EmailLog.summary(row)
            object["textBody"] = .string(maskTokens(try row.get("text_body")))
            object["htmlBody"] = .string(maskTokens(try row.get("html_body")))
            return .object(object)
        }
    }

    /// Replaces every customer token (`sa_ct_…`) in a text with `sa_ct_…hidden`.
    static func maskTokens(_ text: String) -> String {
        text.replacingOccurrences(
            of: "\(CustomerTokenStore.prefix)[A-Za-z0-9_-]+", with: "\(CustomerTokenStore.prefix)hidden", options: .regularExpression)
    }
}
