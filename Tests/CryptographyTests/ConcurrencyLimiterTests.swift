import Synchronization
import Testing

@testable import Cryptography

/// A latch the test opens by hand, so permit holders stay inside their body until told to leave.
private actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}

/// Counts bodies inside the limiter now and the most ever at once; a class so tasks can share it.
private final class Occupancy: Sendable {
    let inside = Atomic<Int>(0)
    let peak = Atomic<Int>(0)

    func enter() {
        let now = inside.wrappingAdd(1, ordering: .relaxed).newValue
        var seen = peak.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = peak.compareExchange(
                expected: seen, desired: now, ordering: .relaxed)
            if exchanged { return }
            seen = original
        }
    }

    func leave() { inside.wrappingSubtract(1, ordering: .relaxed) }
    var current: Int { inside.load(ordering: .relaxed) }
    var highest: Int { peak.load(ordering: .relaxed) }
}

/// Arrival order of bodies, shared between tasks.
private final class Log: Sendable {
    private let entries = Mutex<[Int]>([])
    func append(_ value: Int) { entries.withLock { $0.append(value) } }
    var values: [Int] { entries.withLock { $0 } }
}

/// A flag shared between tasks.
private final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}

/// Polls until `condition` holds; the tests are counting, not timing, so the wait is unbounded
/// except for the test runner's own time limit.
private func eventually(_ condition: () -> Bool) async throws {
    while !condition() { try await Task.sleep(for: .milliseconds(1)) }
}

@Suite struct ConcurrencyLimiterTests {
    @Test(arguments: [1, 2, 3])
    func admitsExactlyTheLimitAtOnce(_ limit: Int) async throws {
        let limiter = ConcurrencyLimiter(limit: limit)
        let gate = Gate()
        let occupancy = Occupancy()
        let total = 10
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<total {
                group.addTask {
                    try await limiter.withPermit {
                        occupancy.enter()
                        await gate.wait()
                        occupancy.leave()
                    }
                }
            }
            // Every task is either inside (at most `limit`) or queued; none gets past the gate.
            try await eventually { limiter.waitingCount == total - limit }
            try await eventually { occupancy.current == limit }
            #expect(occupancy.highest == limit)
            await gate.open()
            try await group.waitForAll()
        }
        #expect(occupancy.highest == limit)
        #expect(limiter.waitingCount == 0)
    }

    @Test func admitsWaitersInArrivalOrder() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        let gate = Gate()
        let order = Log()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await limiter.withPermit { await gate.wait() } }
            try await eventually { limiter.waitingCount == 0 }
            for index in 0..<8 {
                group.addTask {
                    try await limiter.withPermit { order.append(index) }
                }
                // Queue them one at a time so arrival order is known.
                try await eventually { limiter.waitingCount == index + 1 }
            }
            await gate.open()
            try await group.waitForAll()
        }
        #expect(order.values == Array(0..<8))
    }

    @Test func cancelledWaiterLeavesTheQueueWithoutLeakingAPermit() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        let gate = Gate()
        let holder = Task { try await limiter.withPermit { await gate.wait() } }
        let ranBody = Flag()
        let waiter = Task { try await limiter.withPermit { ranBody.set() } }
        try await eventually { limiter.waitingCount == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(limiter.waitingCount == 0)
        #expect(!ranBody.isSet)

        await gate.open()
        try await holder.value
        // The single permit came back: two more rounds get it in turn.
        #expect(try await limiter.withPermit { 1 } == 1)
        #expect(try await limiter.withPermit { 2 } == 2)
    }

    @Test func alreadyCancelledTaskDoesNotRunTheBody() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        let ran = Flag()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await limiter.withPermit { ran.set() }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(!ran.isSet)
        #expect(try await limiter.withPermit { true })
    }

    @Test func permitIsReturnedWhenTheBodyThrows() async throws {
        struct Boom: Error {}
        let limiter = ConcurrencyLimiter(limit: 1)
        await #expect(throws: Boom.self) { try await limiter.withPermit { throw Boom() } }
        #expect(try await limiter.withPermit { true })
    }
}
