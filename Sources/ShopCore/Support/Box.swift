import Synchronization

/// A value set once after construction and read by many threads (a route's answer that
/// can only be computed after the router that contains the route is built).
final class Box<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)

    var value: Value? { storage.withLock { $0 } }

    func set(_ value: Value) { storage.withLock { $0 = value } }
}
