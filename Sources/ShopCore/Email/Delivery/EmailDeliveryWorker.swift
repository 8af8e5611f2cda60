import Foundation
import Synchronization

/// Sends every shop's outbox: over the shop's SMTP relay when it has one, else into its
/// maildir. `serve` starts it; tests start it with short delays.
///
/// At start it looks once at every shop for waiting email; afterwards it hears of new email
/// through `ShopService.outboxSignal` and keeps each shop's next due time in memory, so an
/// idle shop costs nothing. Up to `concurrentShops` shops are served at once, one pass per
/// shop at a time. SMTP conversations run on the SMTP sessions' own threads and database work
/// on the shops' queues: the loop itself never blocks the cooperative pool.
public final class EmailDeliveryWorker: Sendable {
    private let service: ShopService
    private let log: LogSink
    private let schedule = Mutex(DeliverySchedule())
    private let wake = WakeSignal()
    private let loop = Mutex<Task<Void, Never>?>(nil)
    private let stopping = Atomic<Bool>(false)

    public init(service: ShopService, log: LogSink) {
        self.service = service
        self.log = log
    }

    /// Starts delivering; a second call does nothing.
    public func start(_ configuration: EmailDeliveryConfiguration = EmailDeliveryConfiguration()) {
        loop.withLock { loop in
            guard loop == nil else { return }
            service.outboxSignal.listen("email") { [weak self] slug, settingsChanged in
                self?.notify(slug, settingsChanged: settingsChanged)
            }
            loop = Task { await self.run(configuration) }
        }
    }

    /// Stops: no new pass starts and passes in flight are cancelled (a blocked SMTP call ends at
    /// once; an attempt cut short is recorded as a transient failure and tried again later).
    /// Call before the shop databases are closed.
    public func stop() async {
        stopping.store(true, ordering: .releasing)
        service.outboxSignal.listen("email", nil)
        let task = loop.withLock { $0 }
        task?.cancel()
        wake.signal()
        await task?.value
    }

    /// The shop may have new email (or new settings): look at it now.
    func notify(_ slug: ShopSlug, settingsChanged: Bool = false) {
        schedule.withLock { $0.markDue(slug, at: .now, clearingBlock: settingsChanged) }
        wake.signal()
    }

    private func run(_ configuration: EmailDeliveryConfiguration) async {
        let scan = Task { await self.scanAllShops() }
        await withDiscardingTaskGroup { group in
            while !stopping.load(ordering: .acquiring) && !Task.isCancelled {
                let now = ContinuousClock.now
                let ready = schedule.withLock { schedule in
                    schedule.takeReady(now: now, limit: configuration.concurrentShops - schedule.running.count)
                }
                for slug in ready {
                    let recover = !schedule.withLock { $0.isRecovered(slug) }
                    group.addTask {
                        let result = await OutboxPass(
                            slug: slug, service: self.service, configuration: configuration, log: self.log, recover: recover
                        ).run()
                        let now = ContinuousClock.now
                        let next = result.next.map { now + .milliseconds(Int64(max(0, $0.timeIntervalSinceNow) * 1000)) }
                        let block = result.blockFor.map { now + .milliseconds(Int64($0 * 1000)) }
                        self.schedule.withLock { $0.finish(slug, next: next, blockUntil: block, now: now, recovered: result.recovered) }
                        self.wake.signal()
                    }
                }
                let sleep = schedule.withLock { $0.sleep(now: ContinuousClock.now) }
                await wake.wait(upTo: sleep.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 })
            }
            group.cancelAll()
        }
        scan.cancel()
        await scan.value
    }

    /// Marks every shop with waiting email as due: the one look at all shops, at start (email
    /// queued while no server ran, or left by a crash).
    private func scanAllShops() async {
        await service.forEachShop(where: "SELECT EXISTS(SELECT 1 FROM email_outbox WHERE status = 'queued')") { notify($0) }
    }
}
