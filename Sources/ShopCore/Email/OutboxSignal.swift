import Synchronization

/// How the delivery worker hears that a shop may have new email, without the code that queues
/// email knowing the worker: shop resolution calls `notify` after every successful write request
/// to a shop (core and module emails alike are queued inside such requests), and anything that
/// queues email outside a request (a background job) calls it too. Before the worker starts,
/// and in tools without one, a notification costs a lock and nothing else.
public final class OutboxSignal: Sendable {
    private let listener = Mutex<(@Sendable (ShopSlug, _ settingsChanged: Bool) -> Void)?>(nil)

    public init() {}

    /// The shop may have queued email: the worker looks at its outbox soon.
    public func notify(_ slug: ShopSlug) {
        listener.withLock { $0 }?(slug, false)
    }

    /// The shop's sender settings changed: waiting email is tried now, not after a backoff
    /// that was meant for the old settings.
    public func settingsChanged(_ slug: ShopSlug) {
        listener.withLock { $0 }?(slug, true)
    }

    func listen(_ body: (@Sendable (ShopSlug, Bool) -> Void)?) {
        listener.withLock { $0 = body }
    }
}
