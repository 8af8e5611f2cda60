import Foundation
import SQLite

/// One pass over one shop's outbox: close attempts an earlier process left open (the first
/// pass only), then claim, send and record each due email in turn, up to a batch. The
/// database is leased from the pool for each step only, never across a send.
struct OutboxPass {
    /// What the schedule should do next with the shop.
    struct Result {
        /// When the shop's next email is due; nil when none waits (or the shop is gone).
        var next: Date?
        /// Seconds the shop is left alone because its relay failed as a whole.
        var blockFor: Double?
        /// Whether interrupted attempts have been closed (so later passes skip it).
        var recovered: Bool
    }

    let slug: ShopSlug
    let service: ShopService
    let configuration: EmailDeliveryConfiguration
    let log: LogSink
    /// Whether this is the shop's first pass in this process.
    let recover: Bool

    func run() async -> Result {
        guard let record = service.registry.shop(slug) else { return Result(next: nil, recovered: true) }
        // A suspended shop sends nothing; its email waits until it is resumed.
        guard record.status == .active else {
            return Result(next: Date().addingTimeInterval(configuration.suspendedRecheck), recovered: !recover)
        }
        let modules = service.catalog.enabledModules(for: record)
        do {
            if recover {
                let interrupted = try await write(modules) { db in try OutboxDeliveryStore.recoverInterrupted(db, now: Date()) }
                if interrupted > 0 { log.log("email \(slug): \(interrupted) attempts interrupted by a stop; sending again") }
            }
            // A read: most passes (one follows every write request) find nothing due.
            let batch = configuration.batchSize
            let (settings, due) = try await service.pool.withDatabase(slug, modules: modules) { queue in
                try await queue.read { db in
                    (try EmailSettings.load(db), try OutboxDeliveryStore.dueIDs(db, now: Date(), limit: batch))
                }
            }
            let blockFor = try await deliver(due, settings: settings, modules: modules)
            let next = try await service.pool.withDatabase(slug, modules: modules) { queue in
                try await queue.read { db in try OutboxDeliveryStore.nextDue(db, now: Date()) }
            }
            return Result(next: next, blockFor: blockFor, recovered: true)
        } catch {
            // The database itself failed (a full disk, a shop deleted mid-pass): try again later.
            log.log("email \(slug): delivery pass failed: \(error)")
            return Result(next: service.registry.shop(slug) == nil ? nil : Date().addingTimeInterval(60), recovered: !recover)
        }
    }

    /// Sends the due emails; returns the backoff when the relay failed as a whole.
    private func deliver(_ due: [Int64], settings: EmailSettings, modules: [String]) async throws -> Double? {
        guard !due.isEmpty else { return nil }
        let maildir = Maildir(databasePath: service.databasePath(slug))
        var channel = DeliveryChannel(
            settings: settings, configuration: configuration, maildir: maildir,
            sender: settings.sender(shop: slug, shopName: service.registry.shop(slug)?.name ?? slug.value))
        let (transport, domain, lease, slug) = (
            channel.transport, settings.messageIDDomain(shop: slug), configuration.claimLease, self.slug
        )
        var blockFor: Double?
        for id in due where !Task.isCancelled {
            guard
                let claimed = try await write(
                    modules,
                    { db in
                        try OutboxDeliveryStore.claim(
                            db, id: id, transport: transport, messageIDDomain: domain, shop: slug, now: Date(), lease: lease)
                    })
            else { continue }
            let result = await channel.deliver(claimed)
            let policy = configuration
            let exists = try await write(modules) { db in
                try OutboxDeliveryStore.record(db, claimed, outcome: result.outcome, now: Date(), policy: policy)
            }
            if case .sent(_, let file?) = result.outcome, !exists { maildir.remove([file]) }
            log.log("email \(slug)#\(id) attempt \(claimed.attempt) via \(transport): \(Self.describe(result.outcome))")
            if result.relayFailed {
                blockFor = configuration.delay(afterAttempts: claimed.attempt)
                break
            }
        }
        await channel.close()
        return blockFor
    }

    private func write<T: Sendable>(_ modules: [String], _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await service.pool.withDatabase(slug, modules: modules) { queue in try await queue.write(body) }
    }

    private static func describe(_ outcome: OutboxDeliveryStore.Outcome) -> String {
        switch outcome {
        case .sent(let reply, _): return "sent (\(reply))"
        case .transient(let error): return "will retry (\(error))"
        case .permanent(let error): return "failed (\(error))"
        }
    }
}
