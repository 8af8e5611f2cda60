import Foundation
import SQLite

/// The webhook outbox's bookkeeping, each call inside one transaction: which deliveries are
/// due, claiming one (an attempt row written and committed before the request goes out),
/// recording how it went, and closing attempts a crashed process left open.
///
/// At-least-once: a delivery whose attempt was claimed but never recorded is sent again with
/// the same event id (`X-ShopAdmin-Event-Id`), so a receiver can tell the copies are one event.
enum WebhookDeliveryStore {
    /// A delivery claimed for one attempt: what to send, where, signed with which secret.
    struct Claimed: Sendable {
        let id: Int64
        let attemptID: Int64
        let attempt: Int
        let eventID: Int64
        let event: String
        let url: String
        let secret: String
        let body: [UInt8]
    }

    /// How an attempt went.
    enum Outcome: Sendable, Equatable {
        /// A 2xx answer.
        case sent(statusCode: Int, response: String)
        /// Worth another try later: a non-2xx answer (with its code), a connection failure, a timeout.
        case transient(statusCode: Int?, response: String)
        /// Never going to work (the URL cannot be used).
        case permanent(String)
    }

    static func recoverInterrupted(_ db: Database, now: Date) throws -> Int {
        try db.execute(
            """
            UPDATE webhook_attempt SET finished_at = ?, outcome = 'interrupted',
                response = 'The server stopped during this attempt; the delivery is sent again (at least once).'
            WHERE finished_at IS NULL
            """, [Timestamp.format(now)])
        let interrupted = db.changes
        try db.execute(
            "UPDATE webhook_delivery SET claimed_at = NULL, next_attempt_at = NULL WHERE status = 'queued' AND claimed_at IS NOT NULL")
        return interrupted
    }

    static func dueIDs(_ db: Database, now: Date, limit: Int) throws -> [Int64] {
        try db.query(
            """
            SELECT id FROM webhook_delivery WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
            ORDER BY id LIMIT ?
            """, [Timestamp.format(now), limit]
        ).map { try $0.get("id") }
    }

    static func nextDue(_ db: Database, now: Date) throws -> Date? {
        guard
            let row = try db.queryRow(
                "SELECT count(*) AS waiting, min(coalesce(next_attempt_at, '')) AS next FROM webhook_delivery WHERE status = 'queued'"),
            try row.get("waiting", as: Int64.self) > 0
        else { return nil }
        let next: String = try row.get("next")
        if next.isEmpty { return now }
        return (try? row.get("next", as: Date.self)) ?? now
    }

    /// Claims a due delivery for one attempt. A delivery whose subscription was deleted or
    /// switched off fails here, unsent. Returns nil when nothing is to be sent.
    static func claim(_ db: Database, id: Int64, now: Date, lease: Double) throws -> Claimed? {
        let stamp = Timestamp.format(now)
        guard
            let row = try db.queryRow(
                """
                SELECT d.id, d.url, d.attempts, d.event_id, e.event, e.body, s.secret, s.active
                FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
                LEFT JOIN webhook_subscription s ON s.id = d.subscription_id
                WHERE d.id = ? AND d.status = 'queued' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)
                """, [id, stamp])
        else { return nil }
        guard let secret = row["secret"].textValue, try row.get("active", as: Int64.self) == 1 else {
            let reason = row["secret"].textValue == nil ? "The subscription was deleted." : "The subscription is switched off."
            try db.execute(
                "UPDATE webhook_delivery SET status = 'failed', claimed_at = NULL, next_attempt_at = NULL, error = ? WHERE id = ?",
                [reason, id])
            return nil
        }
        try db.execute(
            """
            UPDATE webhook_attempt SET finished_at = ?, outcome = 'interrupted',
                response = 'This attempt was abandoned; the delivery is sent again (at least once).'
            WHERE delivery_id = ? AND finished_at IS NULL
            """, [stamp, id])
        let attempt = Int(try row.get("attempts", as: Int64.self)) + 1
        try db.execute(
            "UPDATE webhook_delivery SET attempts = ?, claimed_at = ?, next_attempt_at = ? WHERE id = ?",
            [Int64(attempt), stamp, Timestamp.format(now.addingTimeInterval(lease)), id])
        try db.execute("INSERT INTO webhook_attempt(delivery_id, number, started_at) VALUES(?, ?, ?)", [id, Int64(attempt), stamp])
        return Claimed(
            id: id, attemptID: db.lastInsertRowID, attempt: attempt, eventID: try row.get("event_id"), event: try row.get("event"),
            url: try row.get("url"), secret: secret, body: Array(try row.get("body", as: String.self).utf8))
    }

    /// Records how the attempt went: sent, retried after the policy's backoff, or failed.
    static func record(
        _ db: Database, _ claimed: Claimed, outcome: Outcome, durationMS: Int64, now: Date, policy: WebhookDeliveryConfiguration
    ) throws {
        let stamp = Timestamp.format(now)
        let (attemptOutcome, statusCode, response): (String, Int?, String)
        switch outcome {
        case .sent(let code, let text):
            (attemptOutcome, statusCode, response) = ("sent", code, text)
            try db.execute(
                """
                UPDATE webhook_delivery SET status = 'sent', delivered_at = ?, claimed_at = NULL, next_attempt_at = NULL,
                    status_code = ?, error = NULL WHERE id = ?
                """, [stamp, Int64(code), claimed.id])
        case .transient(let code, let text):
            (attemptOutcome, statusCode, response) = ("transient", code, text)
            let error = code.map { "HTTP \($0)" } ?? text
            if claimed.attempt >= policy.maximumAttempts {
                try db.execute(
                    "UPDATE webhook_delivery SET status = 'failed', claimed_at = NULL, next_attempt_at = NULL, status_code = ?, error = ? WHERE id = ?",
                    [code.map { Int64($0) }, "Gave up after \(claimed.attempt) attempts. Last: \(error)", claimed.id])
            } else {
                let next = now.addingTimeInterval(policy.delay(afterAttempts: claimed.attempt))
                try db.execute(
                    "UPDATE webhook_delivery SET claimed_at = NULL, next_attempt_at = ?, status_code = ?, error = ? WHERE id = ?",
                    [Timestamp.format(next), code.map { Int64($0) }, error, claimed.id])
            }
        case .permanent(let text):
            (attemptOutcome, statusCode, response) = ("permanent", nil, text)
            try db.execute(
                "UPDATE webhook_delivery SET status = 'failed', claimed_at = NULL, next_attempt_at = NULL, error = ? WHERE id = ?",
                [text, claimed.id])
        }
        try db.execute(
            "UPDATE webhook_attempt SET finished_at = ?, outcome = ?, status_code = ?, response = ?, duration_ms = ? WHERE id = ?",
            [stamp, attemptOutcome, statusCode.map { Int64($0) }, String(response.prefix(2000)), durationMS, claimed.attemptID])
    }
}
