import Synchronization

/// An async counting semaphore: at most `limit` holders at once, later callers suspended (not
/// blocked) and admitted in arrival order.
///
/// Waiting suspends the task through a continuation, so a queue of thousands of sign-ins costs
/// a few bytes each and no threads.
final class ConcurrencyLimiter: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var available: Int
        var nextID: UInt64 = 0
        /// FIFO queue: slots before `head` are consumed; a cancelled waiter leaves a `nil` hole.
        var waiters: [Waiter?] = []
        var head = 0
        var waitingCount = 0

        /// Takes the oldest live waiter, compacting the array once half of it is consumed.
        mutating func popFirst() -> Waiter? {
            while head < waiters.count {
                let waiter = waiters[head]
                waiters[head] = nil
                head += 1
                if let waiter {
                    waitingCount -= 1
                    compactIfNeeded()
                    return waiter
                }
            }
            compactIfNeeded()
            return nil
        }

        mutating func remove(id: UInt64) -> Waiter? {
            guard let index = waiters[head...].firstIndex(where: { $0?.id == id }) else {
                return nil
            }
            let waiter = waiters[index]
            waiters[index] = nil
            waitingCount -= 1
            if waitingCount == 0 {
                waiters.removeAll(keepingCapacity: true)
                head = 0
            }
            return waiter
        }

        private mutating func compactIfNeeded() {
            if head == waiters.count {
                waiters.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 64, head * 2 > waiters.count {
                waiters.removeFirst(head)
                head = 0
            }
        }
    }

    /// The most holders at once.
    let limit: Int
    private let state: Mutex<State>

    /// - Parameter limit: The most holders at once; at least 1.
    init(limit: Int) {
        precondition(limit >= 1, "ConcurrencyLimiter needs a limit of at least 1")
        self.limit = limit
        state = Mutex(State(available: limit))
    }

    /// How many tasks are suspended waiting for a permit (for tests and metrics).
    var waitingCount: Int { state.withLock { $0.waitingCount } }

    /// Runs `body` while holding a permit, waiting in line for one first.
    /// - Throws: `CancellationError` if the task is cancelled before it gets a permit (the body
    ///   does not run), or whatever `body` throws.
    func withPermit<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<Void, any Error>) in
                enum Outcome { case granted, cancelled, queued }
                let outcome = state.withLock { state -> Outcome in
                    // The task flag is set before the cancellation handler runs, so a handler
                    // that found nothing to remove is always seen here.
                    if Task.isCancelled { return .cancelled }
                    if state.available > 0 {
                        state.available -= 1
                        return .granted
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    state.waitingCount += 1
                    return .queued
                }
                switch outcome {
                case .granted: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: break
                }
            }
        } onCancel: {
            // If the waiter was already admitted it is no longer queued and keeps its permit.
            let waiter = state.withLock { $0.remove(id: id) }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func release() {
        // Hand the permit straight to the oldest waiter, or return it to the pool.
        let next = state.withLock { state -> Waiter? in
            if let waiter = state.popFirst() { return waiter }
            state.available += 1
            return nil
        }
        next?.continuation.resume()
    }
}
