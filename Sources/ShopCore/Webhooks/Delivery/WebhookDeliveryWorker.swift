import Foundation
import Synchronization

/// Sends every shop's webhook outbox to the merchants' receivers. `serve` starts it; tests
/// start it with short delays. Built like `EmailDeliveryWorker`: one look at every shop at
/// start, then `ShopService.outboxSignal` after each write request, each shop's next due time
/// kept in memory (`DeliverySchedule`), up to `concurrentShops` shops at once, one pass per
/// shop at a time. HTTP runs on dispatch threads; the loop never blocks the cooperative pool.
public final class WebhookDeliveryWorker: Sendable {
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
    public func start(_ configuration: WebhookDeliveryConfiguration = WebhookDeliveryConfiguration()) {
        loop.withLock { loop in
            guard loop == nil else { return }
            service.outboxSignal.listen("webhooks") { [weak self] slug, _ in self?.notify(slug) }
            loop = Task { await self.run(configuration) }
        }
    }

    /// Stops: no new pass starts; a request in flight ends within its timeout, and an attempt
    /// cut short is closed as interrupted at the next start. Call before the databases close.
    public func stop() async {
        stopping.store(true, ordering: .releasing)
        service.outboxSignal.listen("webhooks", nil)
        let task = loop.withLock { $0 }
        task?.cancel()
        wake.signal()
        await task?.value
    }

    /// The shop may have new deliveries: look at it now.
    func notify(_ slug: ShopSlug) {
        schedule.withLock { $0.markDue(slug, at: .now) }
        wake.signal()
    }

    private func run(_ configuration: WebhookDeliveryConfiguration) async {
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
                        let result = await WebhookPass(
                            slug: slug, service: self.service, configuration: configuration, log: self.log, recover: recover
                        ).run()
                        let now = ContinuousClock.now
                        let next = result.next.map { now + .milliseconds(Int64(max(0, $0.timeIntervalSinceNow) * 1000)) }
                        self.schedule.withLock { $0.finish(slug, next: next, blockUntil: nil, now: now, recovered: result.recovered) }
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

    /// Marks every shop with queued deliveries as due: the one look at all shops, at start.
    private func scanAllShops() async {
        await service.forEachShop(where: "SELECT EXISTS(SELECT 1 FROM webhook_delivery WHERE status = 'queued')") { notify($0) }
    }
}
