import Foundation
import SQLite

/// The shop's outbound events: what changed, queued for the merchant's webhook subscriptions
/// inside the transaction of the change, so a rolled-back change sends nothing and a committed
/// one is never lost. The core emits customer and order events; modules emit their own
/// (`company.created` from b2b) through the same call.
///
/// ```swift
/// try ShopEvents.emit(db, "company.created", ["company": company])
/// ```
public enum ShopEvents {
    /// Every event a subscription may name, core and modules alike (a subscription may also
    /// name `prefix.*` or `*`).
    public static let known: [String] = [
        "customer.created", "customer.updated", "customer.deleted",
        "company.created", "company.updated", "company.deleted",
        "order.placed",
        "b2b.application.submitted", "b2b.application.approved", "b2b.application.rejected",
    ]

    /// Queues `event` with `data` for every active subscription that wants it: one
    /// `webhook_event` row (the exact body that is signed and sent) and one delivery per
    /// subscription. With no subscription nothing is written. Call inside the write
    /// transaction of the change. An event whose data holds a `customer` with an `id` is filed
    /// under that customer: erasing the customer (GDPR) deletes it and its deliveries.
    /// - Parameters:
    ///   - event: a name from `known` (`customer.updated`).
    ///   - data: the event's object (`{"customer": {...}}`), sent as the body's `data`.
    /// - Returns: the event's id, or nil when no subscription wanted it.
    @discardableResult
    public static func emit(_ db: Database, _ event: String, _ data: [String: JSONValue]) throws -> Int64? {
        let subscriptions = try db.query("SELECT id, url, events FROM webhook_subscription WHERE active = 1 ORDER BY id").filter {
            matches(patterns: WebhookSubscription.decodeEvents(try $0.get("events")), event)
        }
        guard !subscriptions.isEmpty else { return nil }
        let now = Timestamp.now()
        var customerID: Int64?
        if case .int(let id)? = data["customer"]?["id"] { customerID = id }
        try db.execute(
            "INSERT INTO webhook_event(event, body, created_at, customer_id) VALUES(?, '', ?, ?)", [event, now, customerID])
        let id = db.lastInsertRowID
        let body = JSONValue.object([
            "id": .int(id), "event": .string(event), "createdAt": .string(now), "data": .object(data),
        ])
        try db.execute("UPDATE webhook_event SET body = ? WHERE id = ?", [String(decoding: body.serialized(), as: UTF8.self), id])
        for subscription in subscriptions {
            try db.execute(
                "INSERT INTO webhook_delivery(event_id, subscription_id, url, created_at) VALUES(?, ?, ?, ?)",
                [id, try subscription.get("id", as: Int64.self), try subscription.get("url", as: String.self), now])
        }
        return id
    }

    /// Deletes the events whose data holds `key` with this `id` (`"application"`, 12), with their
    /// deliveries and attempts: for a module's GDPR erasure (`eraseCustomerData`) of events
    /// about a person that are not filed under a customer, such as a B2B application made before
    /// the applicant was one. Call inside the erasure's transaction.
    /// - Parameters:
    ///   - key: the member of the event's `data` (a plain name, no dots).
    ///   - id: the `id` of that member's object.
    public static func erase(_ db: Database, about key: String, id: Int64) throws {
        try db.execute("DELETE FROM webhook_event WHERE json_extract(body, '$.data.' || ? || '.id') = ?", [key, id])
    }

    /// Whether a subscription's patterns take `event`: a name, `prefix.*` or `*`.
    static func matches(patterns: [String], _ event: String) -> Bool {
        patterns.contains { pattern in
            pattern == "*" || pattern == event || (pattern.hasSuffix(".*") && event.hasPrefix(String(pattern.dropLast())))
        }
    }
}
