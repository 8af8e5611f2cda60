import Synchronization

/// A counter shared between tasks.
public final class AtomicCounter: Sendable {
    private let storage = Atomic<Int>(0)

    public init() {}

    public var value: Int { storage.load(ordering: .relaxed) }

    /// Adds and returns the new value.
    @discardableResult
    public func add(_ amount: Int = 1) -> Int {
        storage.wrappingAdd(amount, ordering: .relaxed).newValue
    }
}
