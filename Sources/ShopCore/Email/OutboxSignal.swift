import Synchronization

/// How the delivery workers (email, webhooks) hear that a shop may have new email or webhook
/// events, without the code that queues them knowing the workers: shop resolution calls `notify` after every successful write request
/// to a shop (core and module emails alike are queued inside such requests), and anything that
/// queues email outside a request (a background job) calls it too. Before the worker starts,
/// and in tools without one, a notification costs a lock and nothing else.
public final class OutboxSignal: Sendable {
    private let listeners = Mutex<[String: @Sendable (ShopSlug, _ settingsChanged: Bool) -> Void]>([:])

    public init() {}

    /// The shop may have queued email: the worker looks at its outbox soon.
    public func notify(_ slug: ShopSlug) {
        for listener in listeners.withLock({ Array($0.values) }) { listener(slug, false) }
    }

    /// The shop's sender settings changed: waiting email is tried now, not after a backoff
    /// that was meant for the old settings.
    public func settingsChanged(_ slug: ShopSlug) {
        for listener in listeners.withLock({ Array($0.values) }) { listener(slug, true) }
    }

    /// Sets (or, with nil, removes) the listener named `key`: one per worker.
    func listen(_ key: String, _ body: (@Sendable (ShopSlug, Bool) -> Void)?) {
        listeners.withLock { $0[key] = body }
    }
}
