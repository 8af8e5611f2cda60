import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// Outbound webhooks end to end over real sockets: subscriptions made through the staff API,
/// events emitted in the transaction of the change, the worker POSTing signed bodies to a
/// listener in the test, retries, the delivery log and redelivery by hand.
@Suite struct WebhookDeliveryTests {
    /// Retries after 0.2 s, 0.4 s, … up to 1 s; five attempts at most; short timeouts.
    static var fastDelivery: WebhookDeliveryConfiguration {
        var configuration = WebhookDeliveryConfiguration()
        configuration.initialDelay = 0.2
        configuration.maximumDelay = 1
        configuration.maximumAttempts = 5
        configuration.connectTimeout = 2
        configuration.timeout = 5
        return configuration
    }

    /// Subscribes `url` to `events`; returns the subscription with its one-time secret.
    static func subscribe(_ shop: CustomerShop, _ url: String, events: [String]) async throws -> (id: Int, secret: String) {
        let response = try await shop.api("POST", "/webhooks", json: ["url": url, "events": events, "description": "ERP"])
        try #require(response.status == 201, "\(response.text)")
        let webhook = try #require(response.jsonObject?["webhook"] as? [String: Any])
        return (try #require(webhook["id"] as? Int), try #require(webhook["secret"] as? String))
    }

    /// The delivery log, newest first.
    static func deliveries(_ shop: CustomerShop) async throws -> [[String: Any]] {
        let response = try await shop.api("GET", "/webhooks/deliveries")
        try #require(response.status == 200, "\(response.text)")
        return try #require(response.jsonObject?["deliveries"] as? [[String: Any]])
    }

    /// Waits until every delivery has left `queued`; returns the log.
    static func settled(_ shop: CustomerShop, count: Int, timeout: Double = 15) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(timeout)
        var log: [[String: Any]] = []
        while Date() < deadline {
            log = try await deliveries(shop)
            if log.count >= count, log.allSatisfy({ $0["status"] as? String != "queued" }) { return log }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("deliveries did not settle: \(log)")
        return log
    }

    @Test func customerEventsArriveSignedWithTheirHeaders() async throws {
        try await WebhookReceiver.with { receiver in
            try await CustomerShop.with { shop in
                shop.server.app.webhookDelivery.start(Self.fastDelivery)
                let (webhookID, secret) = try await Self.subscribe(shop, receiver.url, events: ["customer.*"])
                #expect(secret.hasPrefix("whsec_"))
                let listed = try await shop.api("GET", "/webhooks")
                #expect(listed.status == 200)
                #expect(!listed.text.contains(secret), "the secret is shown once, never listed")

                let customer = try await shop.create(CustomerShop.minimal("hooked"))
                let id = try #require(customer["id"] as? Int)
                let patched = try await shop.api("PATCH", "/customers/\(id)", json: ["lastName": "Virtanen"])
                #expect(patched.status == 200)

                let received = try await receiver.waitFor(2)
                #expect(received.map { $0.header("X-ShopAdmin-Topic") } == ["customer.created", "customer.updated"])
                for request in received {
                    let signature = try #require(request.header(WebhookSignature.header))
                    #expect(WebhookSignature.verify(request.body, secret: secret, signature: signature))
                    #expect(!WebhookSignature.verify(request.body, secret: secret + "x", signature: signature))
                    #expect(request.header("X-ShopAdmin-Shop") == shop.slug)
                    #expect(request.header("Content-Type") == "application/json")
                    #expect(request.header("X-ShopAdmin-Event-Id") != nil && request.header("X-ShopAdmin-Delivery-Id") != nil)
                    #expect(request.path == "/hooks")
                }
                let created = try #require(received[0].json)
                #expect(created["event"] as? String == "customer.created")
                #expect(((created["data"] as? [String: Any])?["customer"] as? [String: Any])?["id"] as? Int == id)
                let updated = try #require(received[1].json?["data"] as? [String: Any])
                #expect(updated["changed"] as? [String] == ["lastName"])

                let log = try await Self.settled(shop, count: 2)
                #expect(log.count == 2)
                for delivery in log {
                    #expect(delivery["status"] as? String == "sent")
                    #expect(delivery["statusCode"] as? Int == 200)
                    #expect(delivery["attempts"] as? Int == 1)
                    #expect(delivery["webhookId"] as? Int == webhookID)
                }
                let audit = try await shop.api("GET", "/audit?entity=webhook")
                #expect((audit.jsonObject?["entries"] as? [[String: Any]])?.first?["action"] as? String == "webhook.created")
                #expect(!audit.text.contains(secret), "the audit never holds the secret")
            }
        }
    }

    /// An `https` receiver with a certificate of a private CA (here self-signed): refused while
    /// only the system's authorities are trusted, delivered once the CA file is set.
    @Test func httpsReceiversGetSignedEventsOverVerifiedTLS() async throws {
        let certificate = try await SelfSignedCertificate.make()
        let receiver = try await HTTPSReceiver.start(certificate: certificate)
        defer { receiver.stop() }
        try await CustomerShop.with { shop in
            var untrusting = Self.fastDelivery
            untrusting.maximumAttempts = 1
            shop.server.app.webhookDelivery.start(untrusting)
            _ = try await Self.subscribe(shop, "https://localhost:\(receiver.port)/hooks", events: ["customer.created"])
            try await shop.create(CustomerShop.minimal("tls-untrusted"))
            let refused = try await Self.settled(shop, count: 1)
            #expect(refused.first?["status"] as? String == "failed", "\(refused)")
            let detail = try await shop.api("GET", "/webhooks/deliveries/\(refused.first?["id"] as? Int ?? 0)")
            #expect(detail.text.contains("self-signed"), "\(detail.text)")
            #expect(receiver.posts().isEmpty)
        }
        try await CustomerShop.with { shop in
            var trusting = Self.fastDelivery
            trusting.trustedCertificates = certificate.certificate
            shop.server.app.webhookDelivery.start(trusting)
            let (_, secret) = try await Self.subscribe(shop, "https://localhost:\(receiver.port)/hooks", events: ["customer.created"])
            let customer = try await shop.create(CustomerShop.minimal("tls-trusted"))
            let posts = try await receiver.waitForPosts(1)
            try #require(posts.count == 1)
            #expect(posts[0].path == "/hooks")
            let signature = try #require(posts[0].headers[WebhookSignature.header])
            #expect(WebhookSignature.verify(Array(posts[0].body.utf8), secret: secret, signature: signature))
            #expect(posts[0].body.contains("\"id\":\(customer["id"] as? Int ?? -1)"), "\(posts[0].body)")
            let log = try await Self.settled(shop, count: 1)
            #expect(log.first?["status"] as? String == "sent", "\(log)")
        }
    }

    @Test func aFailedAttemptIsRetriedAndOneSuccessIsRecorded() async throws {
        try await WebhookReceiver.with(failures: 1) { receiver in
            try await CustomerShop.with { shop in
                shop.server.app.webhookDelivery.start(Self.fastDelivery)
                let (_, secret) = try await Self.subscribe(shop, receiver.url, events: ["customer.created"])
                try await shop.create(CustomerShop.minimal("retried"))
                let received = try await receiver.waitFor(2)
                #expect(received.count == 2)
                #expect(received.map { $0.header("X-ShopAdmin-Attempt") } == ["1", "2"])
                #expect(received[0].body == received[1].body, "a retry sends the same bytes")
                #expect(received[0].header("X-ShopAdmin-Event-Id") == received[1].header("X-ShopAdmin-Event-Id"))
                #expect(
                    WebhookSignature.verify(received[1].body, secret: secret, signature: received[1].header(WebhookSignature.header) ?? ""))

                let log = try await Self.settled(shop, count: 1)
                #expect(log.count == 1)
                #expect(log.filter { $0["status"] as? String == "sent" }.count == 1)
                let deliveryID = try #require(log.first?["id"] as? Int)
                let detail = try await shop.api("GET", "/webhooks/deliveries/\(deliveryID)")
                let delivery = try #require(detail.jsonObject?["delivery"] as? [String: Any])
                #expect(delivery["attempts"] as? Int == 2)
                let attempts = try #require(delivery["attemptLog"] as? [[String: Any]])
                #expect(attempts.map { $0["outcome"] as? String } == ["transient", "sent"])
                #expect(attempts.map { $0["statusCode"] as? Int } == [500, 200])
                #expect(attempts.first?["response"] as? String == "receiver broke")
                #expect(attempts.allSatisfy { $0["durationMs"] is Int })
                #expect(delivery["body"] as? String == String(decoding: received[1].body, as: UTF8.self))
                try await Task.sleep(for: .milliseconds(600))
                #expect(receiver.received.count == 2, "nothing is sent after the success")
            }
        }
    }

    @Test func theEventOfARolledBackChangeIsNeverSent() async throws {
        struct Abort: Error {}
        try await WebhookReceiver.with { receiver in
            try await CustomerShop.with { shop in
                shop.server.app.webhookDelivery.start(Self.fastDelivery)
                _ = try await Self.subscribe(shop, receiver.url, events: ["*"])
                // A change that emits its event, then fails: the transaction takes both back.
                await #expect(throws: Abort.self) {
                    try await shop.server.withShopDatabase(shop.slug) { db in
                        try db.execute("UPDATE customer SET last_name = 'Never' WHERE 0")
                        try ShopEvents.emit(db, "customer.updated", ["customer": .object(["id": .int(999)])])
                        throw Abort()
                    }
                }
                // Through the API: a create refused by validation emits nothing either.
                let refused = try await shop.api(
                    "POST", "/customers", json: ["firstName": "No", "lastName": "Body", "email": "not-an-email"])
                #expect(refused.status == 422)
                try await shop.create(CustomerShop.minimal("committed"))
                let received = try await receiver.waitFor(1)
                try await Task.sleep(for: .milliseconds(500))
                #expect(receiver.received.count == 1)
                #expect(received.first?.header("X-ShopAdmin-Topic") == "customer.created")
                let events = try await shop.server.withShopDatabase(shop.slug) { db in
                    try db.scalar("SELECT count(*) FROM webhook_event", as: Int.self)
                }
                #expect(events == 1)
            }
        }
    }

    @Test func aDeliveryIsRedeliveredByHand() async throws {
        try await WebhookReceiver.with { receiver in
            try await CustomerShop.with { shop in
                shop.server.app.webhookDelivery.start(Self.fastDelivery)
                let (_, secret) = try await Self.subscribe(shop, receiver.url, events: ["customer.created"])
                try await shop.create(CustomerShop.minimal("again"))
                let first = try await receiver.waitFor(1)
                let original = try #require(try await Self.settled(shop, count: 1).first?["id"] as? Int)
                let redeliver = try await shop.api("POST", "/webhooks/deliveries/\(original)/redeliver")
                #expect(redeliver.status == 202, "\(redeliver.text)")
                let copy = try #require(redeliver.jsonObject?["delivery"] as? [String: Any])
                #expect(copy["redeliveryOf"] as? Int == original)
                let both = try await receiver.waitFor(2)
                #expect(both.count == 2)
                #expect(both[1].body == first[0].body)
                #expect(both[1].header("X-ShopAdmin-Event-Id") == first[0].header("X-ShopAdmin-Event-Id"))
                #expect(both[1].header("X-ShopAdmin-Delivery-Id") == String(try #require(copy["id"] as? Int)))
                #expect(WebhookSignature.verify(both[1].body, secret: secret, signature: both[1].header(WebhookSignature.header) ?? ""))
                let log = try await Self.settled(shop, count: 2)
                #expect(log.map { $0["status"] as? String } == ["sent", "sent"])
                #expect(try await shop.api("POST", "/webhooks/deliveries/99999/redeliver").status == 404)
            }
        }
    }

    @Test func erasingACustomerDeletesTheirEventsAndDeliveries() async throws {
        try await CustomerShop.with { shop in
            // No worker: the deliveries stay queued, as they would while a receiver is down.
            _ = try await Self.subscribe(shop, "http://127.0.0.1:9/hooks", events: ["customer.*"])
            let erased = try await shop.create(CustomerShop.minimal("forget-me"))
            try await shop.create(CustomerShop.minimal("keep-me"))
            let id = try #require(erased["id"] as? Int)
            #expect(try await shop.api("PATCH", "/customers/\(id)", json: ["lastName": "Unohdettava"]).status == 200)
            #expect(try await Self.deliveries(shop).count == 3)
            let number = try #require(erased["customerNumber"] as? String)
            let erase = try await shop.api("POST", "/customers/\(id)/gdpr-erase", json: ["confirmCustomerNumber": number])
            #expect(erase.status == 200, "\(erase.text)")
            let log = try await Self.deliveries(shop)
            #expect(log.count == 1, "only the other customer's event is left")
            let bodies = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.query("SELECT body FROM webhook_event").map { try $0.get("body", as: String.self) }
            }
            #expect(bodies.count == 1)
            #expect(bodies.allSatisfy { !$0.contains("forget-me") && !$0.contains("Unohdettava") })
            #expect(bodies.first?.contains("keep-me") == true)
        }
    }

    @Test func badSubscriptionsAreRefusedByField() async throws {
        try await CustomerShop.with { shop in
            let cases: [([String: Any], String)] = [
                (["url": "ftp://example.com", "events": ["customer.created"]], "url"),
                (["url": "https://", "events": ["customer.created"]], "url"),
                (["url": "http://example.com/hook", "events": ["customer.exploded"]], "events[0]"),
                (["url": "http://example.com/hook", "events": []], "events"),
                (["url": "http://example.com/hook"], "events"),
                (["url": "http://example.com/hook", "events": ["*"], "secret": "short"], "secret"),
                (["url": "http://example.com/hook", "events": ["*"], "colour": "red"], "colour"),
            ]
            for (body, field) in cases {
                let response = try await shop.api("POST", "/webhooks", json: body)
                #expect(response.status == 422, "\(body): \(response.text)")
                #expect(response.errorField == field, "\(body): \(response.text)")
            }
            let made = try await shop.api(
                "POST", "/webhooks", json: ["url": "http://127.0.0.1:9/x", "events": ["order.placed"], "secret": "a-secret-of-my-own-1"])
            #expect(made.status == 201)
            let id = try #require((made.jsonObject?["webhook"] as? [String: Any])?["id"] as? Int)
            let off = try await shop.api("PATCH", "/webhooks/\(id)", json: ["active": false])
            #expect((off.jsonObject?["webhook"] as? [String: Any])?["active"] as? Bool == false)
            #expect(off.jsonObject?["webhook"].flatMap { ($0 as? [String: Any])?["secret"] } == nil)
            #expect(try await shop.api("DELETE", "/webhooks/\(id)").status == 200)
            #expect(try await shop.api("GET", "/webhooks/\(id)").status == 404)
        }
    }
}
