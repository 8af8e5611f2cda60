import SQLite

/// The shop's email log for staff: every outbox email with how its delivery stands (queued,
/// sending, sent, failed), its attempts, the last error as the server gave it and the
/// Message-ID, so a copy in someone's mailbox can be matched to its row. Single-use links are
/// masked wherever a body is shown: staff never hold a token that lets them into an account.
enum EmailLog {
    /// The statuses the API shows; `sending` is a queued email with an attempt in progress.
    static let statuses = ["queued", "sending", "sent", "failed"]

    static let columns = """
        id, customer_id, to_address, locale, template, subject, status, created_at, sent_at, error, message_id, attempts,
        next_attempt_at, claimed_at, transport, maildir_file
        """

    /// One email without its bodies, as the list shows it.
    static func summary(_ row: Row) throws -> [String: JSONValue] {
        func text(_ column: String) -> JSONValue { row[column].textValue.map(JSONValue.string) ?? .null }
        let stored: String = try row.get("status")
        let status = stored == "queued" && row["claimed_at"] != .null ? "sending" : stored
        var customer: JSONValue = .null
        if case .integer(let id) = row["customer_id"] { customer = .int(id) }
        return [
            "id": .int(try row.get("id")), "customerId": customer, "to": text("to_address"), "locale": text("locale"),
            "template": text("template"), "subject": text("subject"), "status": .string(status), "createdAt": text("created_at"),
            "sentAt": text("sent_at"), "error": text("error"), "messageId": text("message_id"),
            "attempts": .int(try row.get("attempts")), "nextAttemptAt": status == "queued" ? text("next_attempt_at") : .null,
            "transport": text("transport"), "hasSource": .bool(row["maildir_file"] != .null),
        ]
    }

    /// A page of the log, newest first; `before` continues after the last id of a page.
    static func list(_ db: Database, status: String?, before: Int64?, limit: Int) throws -> (emails: [JSONValue], next: Int64?) {
        var conditions: [String] = []
        var arguments: [(any SQLValueConvertible)?] = []
        switch status {
        case "queued"?: conditions.append("status = 'queued' AND claimed_at IS NULL")
        case "sending"?: conditions.append("status = 'queued' AND claimed_at IS NOT NULL")
        case let other?: conditions.append("status = ?"); arguments.append(other)
        case nil: break
        }
        if let before {
            conditions.append("id < ?")
            arguments.append(before)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try db.query("SELECT \(columns) FROM email_outbox \(filter) ORDER BY id DESC LIMIT ?", arguments + [limit + 1])
        let page = try rows.prefix(limit).map { JSONValue.object(try summary($0)) }
        let next = rows.count > limit ? try rows[limit - 1].get("id", as: Int64.self) : nil
        return (page, next)
    }

    /// One email with its bodies (links masked) and every attempt, or a 404.
    static func entry(_ db: Database, id: Int64) throws -> JSONValue {
        guard let row = try db.queryRow("SELECT \(columns), text_body, html_body FROM email_outbox WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No email with id \(id) in this shop's log.", code: "email_not_found")
        }
        var object = try summary(row)
        object["textBody"] = .string(EmailOutbox.maskTokens(try row.get("text_body")))
        object["htmlBody"] = .string(EmailOutbox.maskTokens(try row.get("html_body")))
        object["attemptLog"] = .array(
            try db.query(
                "SELECT number, transport, started_at, finished_at, outcome, reply FROM email_attempt WHERE outbox_id = ? ORDER BY id",
                [id]
            ).map { attempt in
                func text(_ column: String) -> JSONValue { attempt[column].textValue.map(JSONValue.string) ?? .null }
                return .object([
                    "number": .int(try attempt.get("number")), "transport": text("transport"), "startedAt": text("started_at"),
                    "finishedAt": text("finished_at"), "outcome": text("outcome"), "reply": text("reply"),
                ])
            })
        return .object(object)
    }

    /// Where an email's maildir copy is, or a 404 saying why there is none.
    static func maildirFile(_ db: Database, id: Int64) throws -> String {
        guard let row = try db.queryRow("SELECT transport, status, maildir_file FROM email_outbox WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No email with id \(id) in this shop's log.", code: "email_not_found")
        }
        guard let file = row["maildir_file"].textValue else {
            let why = row["transport"].textValue == "smtp" ? "it went out through the shop's SMTP relay" : "it has not been delivered yet"
            throw HTTPError.notFound("Email \(id) has no local copy: \(why).", code: "no_local_copy")
        }
        return file
    }
}
