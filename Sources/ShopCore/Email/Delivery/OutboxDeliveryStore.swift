import Cryptography
import Foundation
import SQLite

/// The outbox's delivery bookkeeping, each call inside one transaction: which emails are due,
/// claiming one (an attempt row written and committed before anything is sent), recording how
/// the attempt went, and closing attempts a crashed process left open.
///
/// At-least-once: an email whose attempt was claimed but never recorded (the process died
/// while sending) is sent again, with the Message-ID it got at its first claim, so the log
/// and the receiver can tell the copies are one email.
enum OutboxDeliveryStore {
    /// An email claimed for one attempt: what to send, and which attempt this is.
    struct Claimed: Sendable {
        let id: Int64
        let attemptID: Int64
        let attempt: Int
        let to: String
        let subject: String
        let textBody: String
        let htmlBody: String
        let createdAt: Date
        let messageID: String
    }

    /// How an attempt went.
    enum Outcome: Sendable, Equatable {
        /// Handed over: the relay's reply, or where it landed in the maildir.
        case sent(reply: String, maildirFile: String?)
        /// Worth another try later (4xx, connection trouble, timeouts).
        case transient(String)
        /// Never going to work (5xx, an address no server takes).
        case permanent(String)
    }

    /// Closes attempts left open by a process that stopped mid-delivery and makes their emails
    /// due now. Run once per shop per process, before its first claim: while this process
    /// runs, only it claims.
    static func recoverInterrupted(_ db: Database, now: Date) throws -> Int {
        let stamp = Timestamp.format(now)
        try db.execute(
            """
            UPDATE email_attempt SET finished_at = ?, outcome = 'interrupted',
                reply = 'The server stopped during this attempt; the email is sent again (at least once).'
            WHERE finished_at IS NULL
            """, [stamp])
        let interrupted = db.changes
        try db.execute(
            "UPDATE email_outbox SET claimed_at = NULL, next_attempt_at = NULL WHERE status = 'queued' AND claimed_at IS NOT NULL")
        return interrupted
    }

    /// Ids of queued emails whose next attempt is due, oldest first.
    static func dueIDs(_ db: Database, now: Date, limit: Int) throws -> [Int64] {
        try db.query(
            """
            SELECT id FROM email_outbox WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
            ORDER BY id LIMIT ?
            """, [Timestamp.format(now), limit]
        ).map { try $0.get("id") }
    }

    /// When the next queued email is due; nil when none waits.
    static func nextDue(_ db: Database, now: Date) throws -> Date? {
        guard
            let row = try db.queryRow(
                "SELECT count(*) AS waiting, min(coalesce(next_attempt_at, '')) AS next FROM email_outbox WHERE status = 'queued'"),
            try row.get("waiting", as: Int64.self) > 0
        else { return nil }
        let next: String = try row.get("next")
        if next.isEmpty { return now }
        return (try? row.get("next", as: Date.self)) ?? now
    }

    /// Claims a due email for one attempt: counts the attempt, writes its row (open until
    /// recorded), gives the email its Message-ID if it has none, and pushes its next attempt
    /// `lease` seconds away, so an attempt abandoned by a crash is retried even without a
    /// restart. Returns nil when the email is no longer due (sent, erased, claimed).
    static func claim(
        _ db: Database, id: Int64, transport: String, messageIDDomain: String, shop: ShopSlug, now: Date, lease: Double
    ) throws -> Claimed? {
        let stamp = Timestamp.format(now)
        guard
            let row = try db.queryRow(
                """
                SELECT id, to_address, subject, text_body, html_body, created_at, message_id, attempts FROM email_outbox
                WHERE id = ? AND status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                """, [id, stamp])
        else { return nil }
        // A stale claim's attempt (its process died) is closed before the new one opens.
        try db.execute(
            """
            UPDATE email_attempt SET finished_at = ?, outcome = 'interrupted',
                reply = 'This attempt was abandoned; the email is sent again (at least once).'
            WHERE outbox_id = ? AND finished_at IS NULL
            """, [stamp, id])
        let messageID =
            row["message_id"].textValue ?? "shopadmin.\(shop.value).\(id).\(Hex.encode(SecureRandom.bytes(8)))@\(messageIDDomain)"
        let attempt = Int(try row.get("attempts", as: Int64.self)) + 1
        try db.execute(
            """
            UPDATE email_outbox SET attempts = ?, claimed_at = ?, next_attempt_at = ?, message_id = ?, transport = ?
            WHERE id = ?
            """, [Int64(attempt), stamp, Timestamp.format(now.addingTimeInterval(lease)), messageID, transport, id])
        try db.execute(
            "INSERT INTO email_attempt(outbox_id, number, transport, started_at) VALUES(?, ?, ?, ?)",
            [id, Int64(attempt), transport, stamp])
        return Claimed(
            id: id, attemptID: db.lastInsertRowID, attempt: attempt, to: try row.get("to_address"), subject: try row.get("subject"),
            textBody: try row.get("text_body"), htmlBody: try row.get("html_body"),
            createdAt: (try? row.get("created_at", as: Date.self)) ?? now, messageID: messageID)
    }

    /// Records how the attempt went: sent, retried after the policy's backoff, or failed (a
    /// permanent failure, or the attempts used up). Returns false when the email is gone (its
    /// customer was erased meanwhile), so the caller can remove a maildir copy.
    @discardableResult
    static func record(
        _ db: Database, _ claimed: Claimed, outcome: Outcome, now: Date, policy: EmailDeliveryConfiguration
    ) throws -> Bool {
        let stamp = Timestamp.format(now)
        let (attemptOutcome, reply): (String, String)
        switch outcome {
        case .sent(let text, let file):
            (attemptOutcome, reply) = ("sent", text)
            try db.execute(
                """
                UPDATE email_outbox SET status = 'sent', sent_at = ?, claimed_at = NULL, next_attempt_at = NULL, error = NULL,
                    maildir_file = ? WHERE id = ?
                """, [stamp, file, claimed.id])
        case .transient(let text) where claimed.attempt >= policy.maximumAttempts:
            (attemptOutcome, reply) = ("transient", text)
            try db.execute(
                "UPDATE email_outbox SET status = 'failed', claimed_at = NULL, next_attempt_at = NULL, error = ? WHERE id = ?",
                ["Gave up after \(claimed.attempt) attempts. Last: \(text)", claimed.id])
        case .transient(let text):
            (attemptOutcome, reply) = ("transient", text)
            let next = now.addingTimeInterval(policy.delay(afterAttempts: claimed.attempt))
            try db.execute(
                "UPDATE email_outbox SET claimed_at = NULL, next_attempt_at = ?, error = ? WHERE id = ?",
                [Timestamp.format(next), text, claimed.id])
        case .permanent(let text):
            (attemptOutcome, reply) = ("permanent", text)
            try db.execute(
                "UPDATE email_outbox SET status = 'failed', claimed_at = NULL, next_attempt_at = NULL, error = ? WHERE id = ?",
                [text, claimed.id])
        }
        let exists = db.changes > 0
        try db.execute(
            "UPDATE email_attempt SET finished_at = ?, outcome = ?, reply = ? WHERE id = ?",
            [stamp, attemptOutcome, String(reply.prefix(2000)), claimed.attemptID])
        return exists
    }
}
