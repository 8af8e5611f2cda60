import Foundation
import HTTPClient
import SQLite

/// One pass over one shop's webhook outbox: close attempts an earlier process left open (the
/// first pass only), then claim, POST and record each due delivery in turn, up to a batch.
/// The database is leased from the pool for each step only, never across a request.
struct WebhookPass {
    let slug: ShopSlug
    let service: ShopService
    let configuration: WebhookDeliveryConfiguration
    let log: LogSink
    let recover: Bool

    /// When the shop's next delivery is due (nil: none waits), and whether open attempts are closed.
    func run() async -> (next: Date?, recovered: Bool) {
        guard let record = service.registry.shop(slug) else { return (nil, true) }
        guard record.status == .active else { return (Date().addingTimeInterval(configuration.suspendedRecheck), !recover) }
        let modules = service.catalog.enabledModules(for: record)
        do {
            let (recover, batch, slug) = (self.recover, configuration.batchSize, self.slug)
            let log = self.log
            let due = try await write(modules) { db in
                if recover {
                    let interrupted = try WebhookDeliveryStore.recoverInterrupted(db, now: Date())
                    if interrupted > 0 { log.log("webhooks \(slug): \(interrupted) attempts interrupted by a stop; sending again") }
                }
                return try WebhookDeliveryStore.dueIDs(db, now: Date(), limit: batch)
            }
            for id in due where !Task.isCancelled {
                try await deliver(id, modules: modules)
            }
            let next = try await service.pool.withDatabase(slug, modules: modules) { queue in
                try await queue.read { db in try WebhookDeliveryStore.nextDue(db, now: Date()) }
            }
            return (next, true)
        } catch {
            log.log("webhooks \(slug): delivery pass failed: \(error)")
            return (service.registry.shop(slug) == nil ? nil : Date().addingTimeInterval(60), !recover)
        }
    }

    private func deliver(_ id: Int64, modules: [String]) async throws {
        let lease = configuration.claimLease
        guard let claimed = try await write(modules, { db in try WebhookDeliveryStore.claim(db, id: id, now: Date(), lease: lease) })
        else { return }
        let started = ContinuousClock.now
        let outcome = await send(claimed)
        let elapsed = ContinuousClock.now - started
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let policy = configuration
        try await write(modules) { db in
            try WebhookDeliveryStore.record(db, claimed, outcome: outcome, durationMS: milliseconds, now: Date(), policy: policy)
        }
        log.log("webhook \(slug)#\(id) \(claimed.event) attempt \(claimed.attempt): \(outcome)")
    }

    /// POSTs the signed body; any 2xx is success, any other answer or no answer is retried.
    private func send(_ claimed: WebhookDeliveryStore.Claimed) async -> WebhookDeliveryStore.Outcome {
        let url: HTTPClientURL
        do {
            url = try HTTPClientURL(claimed.url)
        } catch {
            return .permanent(error.message)
        }
        let headers = [
            ("Content-Type", "application/json"), ("User-Agent", "ShopAdmin-Webhooks/1"),
            (WebhookSignature.header, WebhookSignature.sign(claimed.body, secret: claimed.secret)),
            ("X-ShopAdmin-Topic", claimed.event), ("X-ShopAdmin-Shop", slug.value),
            ("X-ShopAdmin-Event-Id", String(claimed.eventID)), ("X-ShopAdmin-Delivery-Id", String(claimed.id)),
            ("X-ShopAdmin-Attempt", String(claimed.attempt)),
        ]
        do {
            let response = try await HTTPClient.post(
                url, headers: headers, body: claimed.body, connectTimeout: configuration.connectTimeout, timeout: configuration.timeout,
                maxBodyBytes: 2000, verification: configuration.trustedCertificates.map { .trusting(pemFile: $0) } ?? .system)
            let snippet = String(decoding: response.body, as: UTF8.self)
            if (200..<300).contains(response.status) { return .sent(statusCode: response.status, response: snippet) }
            return .transient(statusCode: response.status, response: snippet)
        } catch {
            return .transient(statusCode: nil, response: "\(error.kind.rawValue): \(error.message)")
        }
    }

    private func write<T: Sendable>(_ modules: [String], _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await service.pool.withDatabase(slug, modules: modules) { queue in try await queue.write(body) }
    }
}
