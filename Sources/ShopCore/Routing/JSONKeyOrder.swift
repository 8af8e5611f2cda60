import Synchronization

/// The sorted key lists of object shapes the JSON writer has met, so that a page of fifty
/// customer records sorts its fifty keys once rather than fifty times (sorting was a quarter
/// of a search page's CPU). A shape is the key count and an order-independent sum of the
/// keys' hashes; the writer still finds every remembered key in the object before trusting
/// the order, so two key sets that happen to share a shape only cost a sort.
enum JSONKeyOrder {
    /// Objects smaller than this sort faster than they hash.
    static let minimumCount = 8
    private static let capacity = 512
    private static let orders = Mutex<[Shape: [String]]>([:])

    struct Shape: Hashable {
        let count: Int
        let signature: Int

        init(_ object: [String: JSONValue]) {
            var sum = 0
            var mixed = 0
            for key in object.keys {
                let hash = key.hashValue
                sum &+= hash
                mixed ^= hash &* 0x9E37_79B9
            }
            count = object.count
            signature = sum ^ (mixed << 1)
        }
    }

    static func keys(for shape: Shape) -> [String]? {
        orders.withLock { $0[shape] }
    }

    static func remember(_ keys: [String], for shape: Shape) {
        orders.withLock { orders in
            // Full: start over. Shapes are few (records, rows, errors), so this is rare.
            if orders.count >= capacity { orders.removeAll(keepingCapacity: true) }
            orders[shape] = keys
        }
    }
}
