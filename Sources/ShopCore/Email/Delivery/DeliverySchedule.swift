/// When each shop's outbox is due next, in memory: built at start from one look at every shop,
/// kept up by notifications and by each pass's answer. One pass per shop runs at a time; a
/// notification during a pass makes another pass follow it.
struct DeliverySchedule {
    typealias Instant = ContinuousClock.Instant

    private(set) var due: [ShopSlug: Instant] = [:]
    /// Shops whose relay failed as a whole (connect, TLS, AUTH): left alone until then, even
    /// when notified, so a dead relay is not hammered by every new email.
    private var blockedUntil: [ShopSlug: Instant] = [:]
    private(set) var running: Set<ShopSlug> = []
    private var dirty: Set<ShopSlug> = []
    /// Shops whose attempts left open by an earlier process have been closed in this one.
    private(set) var recovered: Set<ShopSlug> = []

    /// The shop may have email: due at `at` (or sooner if it already was).
    mutating func markDue(_ slug: ShopSlug, at instant: Instant, clearingBlock: Bool = false) {
        if clearingBlock { blockedUntil[slug] = nil }
        if running.contains(slug) {
            dirty.insert(slug)
            return
        }
        let time = max(instant, blockedUntil[slug] ?? instant)
        due[slug] = min(due[slug] ?? time, time)
    }

    /// Up to `limit` shops due by `now`, earliest first, now marked running.
    mutating func takeReady(now: Instant, limit: Int) -> [ShopSlug] {
        guard limit > 0 else { return [] }
        let ready = due.filter { $0.value <= now }.sorted { $0.value < $1.value }.prefix(limit).map(\.key)
        for slug in ready {
            due[slug] = nil
            running.insert(slug)
        }
        return ready
    }

    /// A pass ended: the shop is due again at `next` (nil: nothing waits), not before
    /// `blockUntil`, or at once when it was notified meanwhile.
    mutating func finish(_ slug: ShopSlug, next: Instant?, blockUntil: Instant?, now: Instant, recovered didRecover: Bool) {
        running.remove(slug)
        if didRecover { recovered.insert(slug) }
        if let blockUntil {
            blockedUntil[slug] = blockUntil
        } else if let block = blockedUntil[slug], block <= now {
            blockedUntil[slug] = nil
        }
        if dirty.remove(slug) != nil {
            markDue(slug, at: now)
        } else if let next {
            markDue(slug, at: next)
        }
    }

    /// How long the loop may sleep: until the earliest due shop; nil when none is due.
    func sleep(now: Instant) -> Duration? {
        guard let earliest = due.values.min() else { return nil }
        return max(.zero, earliest - now)
    }

    func isRecovered(_ slug: ShopSlug) -> Bool { recovered.contains(slug) }
}
