import Dispatch
import Synchronization

/// Wakes the delivery loop when there is something to do, or when its wait times out. A
/// signal that arrives while nobody waits is kept, so none is lost between two waits.
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        var generation: UInt64 = 0
    }
    private let state = Mutex(State())
    /// Runs the wait's timer; its own queue, so a busy global queue cannot delay a wake-up.
    private let timers = DispatchQueue(label: "shopadmin.email-delivery.wake")

    /// Wakes the waiter, or the next one to wait.
    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer { state.waiter = nil }
            if state.waiter == nil { state.pending = true }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits for a signal or `seconds`, whichever comes first (nil: only a signal).
    func wait(upTo seconds: Double?) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let generation = state.withLock { state -> UInt64? in
                if state.pending {
                    state.pending = false
                    return nil
                }
                state.generation &+= 1
                state.waiter = continuation
                return state.generation
            }
            guard let generation else { return continuation.resume() }
            if let seconds {
                timers.asyncAfter(deadline: .now() + max(0, min(seconds, 86_400))) {
                    let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
                        guard state.generation == generation else { return nil }
                        defer { state.waiter = nil }
                        return state.waiter
                    }
                    waiter?.resume()
                }
            }
        }
    }
}
