/// The API description of the webhook routes (subscriptions, the delivery log, redelivery)
/// and of the ERP customer API, merged into `APIOperations` like the email routes' table.
enum WebhookAPIOperations {
    static let time = JSONSchema.string(format: "date-time")
    static let events = JSONSchema.array(
        .string(description: "an event (\(ShopEvents.known.joined(separator: ", "))), a prefix such as customer.*, or *"))

    static let webhook = JSONSchema.object(
        [
            "id": .integer(), "url": .string(format: "uri"), "events": events, "description": .nullable(.string()), "active": .boolean,
            "createdAt": time, "updatedAt": time,
            "secret": .string(description: "only in the answer that made or replaced it; signs X-ShopAdmin-Hmac-SHA256"),
        ], required: ["id", "url", "events", "active"])

    static let input = JSONSchema.object(
        [
            "url": .string(format: "uri", description: "an http:// URL"), "events": events,
            "secret": .string(description: "at least 16 characters; generated when left out"), "description": .nullable(.string()),
            "active": .boolean,
        ])

    static let attempt = JSONSchema.object(
        [
            "number": .integer(), "startedAt": time, "finishedAt": .nullable(time),
            "outcome": .nullable(.string(enumeration: ["sent", "transient", "permanent", "interrupted"])),
            "statusCode": .nullable(.integer()), "response": .nullable(.string(description: "the start of the receiver's answer")),
            "durationMs": .nullable(.integer()),
        ], required: ["number", "startedAt"])

    static let delivery = JSONSchema.object(
        [
            "id": .integer(), "eventId": .integer(description: "X-ShopAdmin-Event-Id: the same for every delivery of one event"),
            "event": .string(), "webhookId": .nullable(.integer()), "url": .string(), "status": .string(enumeration: WebhookLog.statuses),
            "attempts": .integer(), "nextAttemptAt": .nullable(time), "statusCode": .nullable(.integer()), "error": .nullable(.string()),
            "redeliveryOf": .nullable(.integer()), "createdAt": time, "deliveredAt": .nullable(time),
            "body": .string(description: "the exact bytes sent and signed"), "attemptLog": .array(attempt),
        ], required: ["id", "eventId", "event", "url", "status", "attempts", "createdAt"])

    static var table: [String: APIOperation] {
        let root = "/shops/{shop}/api"
        let one = APIOperations.wrap("webhook", webhook)
        return [
            "GET \(root)/webhooks": APIOperation(
                response: .object(["webhooks": .array(webhook), "events": .array(.string())], required: ["webhooks", "events"])),
            "POST \(root)/webhooks": APIOperation(request: input, response: one, status: 201),
            "GET \(root)/webhooks/{id}": APIOperation(response: one),
            "PATCH \(root)/webhooks/{id}": APIOperation(request: input, response: one),
            "DELETE \(root)/webhooks/{id}": APIOperation(response: .object(["deleted": .integer()], required: ["deleted"])),
            "GET \(root)/webhooks/deliveries": APIOperation(
                response: .object(["deliveries": .array(delivery), "nextBefore": .nullable(.integer())], required: ["deliveries"])),
            "GET \(root)/webhooks/deliveries/{id}": APIOperation(response: APIOperations.wrap("delivery", delivery)),
            "POST \(root)/webhooks/deliveries/{id}/redeliver": APIOperation(
                response: APIOperations.wrap("delivery", delivery), status: 202),
        ]
    }
}
