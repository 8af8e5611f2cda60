import Synchronization

/// Counts hashing jobs running at this moment and the most ever seen at once, so tests can check
/// that ``PasswordHasher`` honours its concurrency cap without relying on timing.
final class WorkGauge: Sendable {
    private let running = Atomic<Int>(0)
    private let highWater = Atomic<Int>(0)

    /// Jobs running now.
    var current: Int { running.load(ordering: .relaxed) }
    /// The most jobs that ever ran at once.
    var peak: Int { highWater.load(ordering: .relaxed) }

    /// Records one job around `body`.
    func measure<T>(_ body: () throws -> T) rethrows -> T {
        let now = running.wrappingAdd(1, ordering: .relaxed).newValue
        var seen = highWater.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = highWater.compareExchange(
                expected: seen, desired: now, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
        defer { running.wrappingSubtract(1, ordering: .relaxed) }
        return try body()
    }
}
