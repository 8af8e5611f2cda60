import Foundation
import SQLite

/// The shop's webhook delivery log as staff read it: each delivery with its status, attempts,
/// last status code and error; one delivery with its body and every attempt (status code,
/// response snippet, timing); and redelivery by hand.
enum WebhookLog {
    static let statuses = ["queued", "sent", "failed"]

    private static let columns = """
        SELECT d.id, d.event_id, e.event, d.subscription_id, d.url, d.status, d.attempts, d.next_attempt_at, d.status_code,
            d.error, d.redelivery_of, d.created_at, d.delivered_at
        FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
        """

    static func list(_ db: Database, status: String?, subscription: Int64?, before: Int64?, limit: Int) throws -> (
        deliveries: [JSONValue], next: Int64?
    ) {
        var sql = columns + " WHERE 1 = 1"
        var arguments: [(any SQLValueConvertible)?] = []
        if let status {
            sql += " AND d.status = ?"
            arguments.append(status)
        }
        if let subscription {
            sql += " AND d.subscription_id = ?"
            arguments.append(subscription)
        }
        if let before {
            sql += " AND d.id < ?"
            arguments.append(before)
        }
        sql += " ORDER BY d.id DESC LIMIT ?"
        arguments.append(limit + 1)
        let rows = try db.query(sql, arguments)
        let page = try rows.prefix(limit).map(json)
        let next: Int64? = rows.count > limit ? try rows[limit - 1].get("id") : nil
        return (page, next)
    }

    /// One delivery with the body sent and its attempts, oldest first.
    static func entry(_ db: Database, id: Int64) throws -> JSONValue {
        guard let row = try db.queryRow(columns + " WHERE d.id = ?", [id]) else {
            throw HTTPError.notFound("No webhook delivery \(id).", code: "delivery_not_found")
        }
        guard case .object(var object) = try json(row) else { return .null }
        let body = try db.scalar("SELECT body FROM webhook_event WHERE id = ?", [try row.get("event_id", as: Int64.self)], as: String.self)
        object["body"] = .string(body ?? "")
        object["attemptLog"] = .array(
            try db.query(
                "SELECT number, started_at, finished_at, outcome, status_code, response, duration_ms FROM webhook_attempt WHERE delivery_id = ? ORDER BY id",
                [id]
            ).map { attempt in
                .object([
                    "number": .int(try attempt.get("number")), "startedAt": .string(try attempt.get("started_at")),
                    "finishedAt": text(attempt["finished_at"]), "outcome": text(attempt["outcome"]),
                    "statusCode": integer(attempt["status_code"]), "response": text(attempt["response"]),
                    "durationMs": integer(attempt["duration_ms"]),
                ])
            })
        return .object(object)
    }

    /// Queues the delivery's event again for its subscription, as a new delivery that names
    /// the one it repeats; returns the new delivery.
    static func redeliver(_ db: Database, id: Int64) throws -> (id: Int64, delivery: JSONValue) {
        guard let row = try db.queryRow("SELECT event_id, subscription_id FROM webhook_delivery WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No webhook delivery \(id).", code: "delivery_not_found")
        }
        guard case .integer(let subscription) = row["subscription_id"],
            let url = try db.scalar("SELECT url FROM webhook_subscription WHERE id = ?", [subscription], as: String.self)
        else {
            throw HTTPError.conflict(
                "The subscription of delivery \(id) was deleted; there is nowhere to send it.", code: "webhook_deleted")
        }
        try db.execute(
            "INSERT INTO webhook_delivery(event_id, subscription_id, url, redelivery_of, created_at) VALUES(?, ?, ?, ?, ?)",
            [try row.get("event_id", as: Int64.self), subscription, url, id, Timestamp.now()])
        let newID = db.lastInsertRowID
        return (newID, try entry(db, id: newID))
    }

    private static func json(_ row: Row) throws -> JSONValue {
        .object([
            "id": .int(try row.get("id")), "eventId": .int(try row.get("event_id")), "event": .string(try row.get("event")),
            "webhookId": integer(row["subscription_id"]), "url": .string(try row.get("url")), "status": .string(try row.get("status")),
            "attempts": .int(try row.get("attempts")), "nextAttemptAt": text(row["next_attempt_at"]),
            "statusCode": integer(row["status_code"]), "error": text(row["error"]), "redeliveryOf": integer(row["redelivery_of"]),
            "createdAt": .string(try row.get("created_at")), "deliveredAt": text(row["delivered_at"]),
        ])
    }

    private static func text(_ value: SQLValue) -> JSONValue { value.textValue.map { .string($0) } ?? .null }
    private static func integer(_ value: SQLValue) -> JSONValue {
        if case .integer(let number) = value { return .int(number) }
        return .null
    }
}
