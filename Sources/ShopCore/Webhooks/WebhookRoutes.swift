import HTTPServer

/// `/shops/{shop}/api/webhooks`: the merchant's subscriptions (create, list, change, delete),
/// the delivery log and redelivery by hand, for owners and admins (`settings.manage`). Every
/// change is audited without the secret, which is shown once when made or replaced.
public struct WebhookRoutes {
    let service: ShopService

    public init(service: ShopService) { self.service = service }

    public func addRoutes(to routes: RouteGroup) {
        let service = self.service
        let manage = routes.requiring(.settingsManage)
        manage.get("/webhooks", summary: "The shop's webhook subscriptions (never their secrets) and the events on offer") { _, context in
            let shop = try context.requireShop()
            let all = try await shop.database.read { db in try WebhookSubscription.all(db).map { $0.json() } }
            return .json(.object(["webhooks": .array(all), "events": .array(ShopEvents.known.map { .string($0) })]))
        }

        manage.post("/webhooks", summary: "Subscribe a URL to events; the secret (given or generated) is shown once") {
            request, context in
            let shop = try context.requireShop()
            let body = try JSONBody(request, allowing: WebhookSubscription.fields)
            let (parsed, _) = try WebhookSubscription.parse(new: body)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let json = try await shop.database.write { db -> JSONValue in
                var subscription = parsed
                let id = try subscription.save(db)
                try AuditLog.record(
                    db, actor: actor, action: "webhook.created", entity: "webhook", entityID: String(id), after: subscription.json(),
                    requestID: requestID)
                return subscription.json(revealing: true)
            }
            return .json(.object(["webhook": json]), status: .created)
        }

        manage.get("/webhooks/{id}", summary: "One webhook subscription") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            return .json(.object(["webhook": try await shop.database.read { db in try WebhookSubscription.load(db, id: id).json() }]))
        }

        manage.patch("/webhooks/{id}", summary: "Change a subscription: URL, events, description, active, or a new secret (shown once)") {
            request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let body = try JSONBody(request, allowing: WebhookSubscription.fields)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let json = try await shop.database.write { db -> JSONValue in
                var subscription = try WebhookSubscription.load(db, id: id)
                let before = subscription.json()
                try subscription.apply(body)
                try subscription.save(db)
                var after = subscription.json()
                if body.has("secret"), case .object(var members) = after {
                    members["secretReplaced"] = .bool(true)
                    after = .object(members)
                }
                try AuditLog.record(
                    db, actor: actor, action: "webhook.updated", entity: "webhook", entityID: String(id), before: before, after: after,
                    requestID: requestID)
                return subscription.json(revealing: body.has("secret"))
            }
            return .json(.object(["webhook": json]))
        }

        manage.delete("/webhooks/{id}", summary: "Delete a subscription; its queued deliveries fail unsent, the log stays") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            try await shop.database.write { db in
                let subscription = try WebhookSubscription.load(db, id: id)
                try db.execute(
                    """
                    UPDATE webhook_delivery SET status = 'failed', next_attempt_at = NULL, error = 'The subscription was deleted.'
                    WHERE subscription_id = ? AND status = 'queued'
                    """, [id])
                try db.execute("DELETE FROM webhook_subscription WHERE id = ?", [id])
                try AuditLog.record(
                    db, actor: actor, action: "webhook.deleted", entity: "webhook", entityID: String(id), before: subscription.json(),
                    requestID: requestID)
            }
            return .json(.object(["deleted": .int(id)]))
        }

        manage.get("/webhooks/deliveries", summary: "The webhook delivery log, newest first (?status=, ?webhookId=, ?before=)") {
            request, context in
            let shop = try context.requireShop()
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            let status = request.query("status")
            if let status, !WebhookLog.statuses.contains(status) {
                throw HTTPError.badRequest(
                    "status must be one of \(WebhookLog.statuses.joined(separator: ", ")).", code: "invalid_query", field: "status")
            }
            let subscription = try WebhookRoutes.positiveID(request, "webhookId")
            let before = try WebhookRoutes.positiveID(request, "before")
            let page = try await shop.database.read { db in
                try WebhookLog.list(db, status: status, subscription: subscription, before: before, limit: limit)
            }
            return .json(.object(["deliveries": .array(page.deliveries), "nextBefore": page.next.map(JSONValue.int) ?? .null]))
        }

        manage.get("/webhooks/deliveries/{id}", summary: "One delivery: the body sent and every attempt (status, response, timing)") {
            _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            return .json(.object(["delivery": try await shop.database.read { db in try WebhookLog.entry(db, id: id) }]))
        }

        manage.post("/webhooks/deliveries/{id}/redeliver", summary: "Send a delivery's event again to its subscription, as a new delivery")
        {
            _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            let delivery = try await shop.database.write { db -> JSONValue in
                let (newID, delivery) = try WebhookLog.redeliver(db, id: id)
                try AuditLog.record(
                    db, actor: actor, action: "webhook.redelivered", entity: "webhook_delivery", entityID: String(newID),
                    after: .object(["redeliveryOf": .int(id)]), requestID: requestID)
                return delivery
            }
            service.outboxSignal.notify(shop.slug)
            return .json(.object(["delivery": delivery]), status: .accepted)
        }
    }

    static func positiveID(_ request: Request, _ name: String) throws -> Int64? {
        try request.query(name).map { text -> Int64 in
            guard let id = Int64(text), id > 0 else {
                throw HTTPError.badRequest("\(name) must be a positive id.", code: "invalid_query", field: name)
            }
            return id
        }
    }
}
