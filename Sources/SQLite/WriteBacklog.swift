import Synchronization

/// The writes waiting for a group commit, in arrival order, and whether a drain of them is
/// already queued on the `DatabaseQueue`'s serial queue.
///
/// Writers append from any thread; the queue takes them one by one while a batch runs, so
/// writes that arrive while the batch is still running join it instead of waiting for the next
/// fsync. At most one drain is queued at a time: the flag is cleared only by `finishBatch`,
/// under the same lock as the emptiness check, so a write is never left without a drain coming.
final class WriteBacklog: Sendable {
    private struct State {
        var writes: [PendingWrite] = []
        // Index of the oldest write still waiting: taking one is O(1) without a deque.
        var head = 0
        var drainQueued = false
    }

    private let state = Mutex(State())

    /// Adds a write at the back.
    /// - Returns: whether the caller must queue a drain (none was queued).
    func append(_ write: PendingWrite) -> Bool {
        state.withLock { state in
            state.writes.append(write)
            if state.drainQueued { return false }
            state.drainQueued = true
            return true
        }
    }

    /// Takes the oldest waiting write, if any; called on the serial queue while a batch runs.
    func next() -> PendingWrite? {
        state.withLock { state in
            guard state.head < state.writes.count else { return nil }
            let write = state.writes[state.head]
            state.head += 1
            if state.head == state.writes.count {
                state.writes.removeAll(keepingCapacity: true)
                state.head = 0
            }
            return write
        }
    }

    /// Ends a drain after its batch committed.
    /// - Returns: whether writes are still waiting, in which case the caller must queue another
    ///   drain (the flag stays set); otherwise the flag is cleared and the next `append` queues one.
    func finishBatch() -> Bool {
        state.withLock { state in
            if state.head < state.writes.count { return true }
            state.drainQueued = false
            return false
        }
    }

    /// How many writes are waiting (`close` commits them first; tests wait for a full batch).
    var count: Int {
        state.withLock { $0.writes.count - $0.head }
    }
}
