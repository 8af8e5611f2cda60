import Synchronization

/// The sorted key lists of object shapes the JSON writer has met, so that a page of fifty
/// customer records sorts its fifty keys once rather than fifty times (sorting was a quarter
/// of a search page's CPU). A shape is the key count and an order-independent sum over the
/// keys' lengths and end bytes; the writer still finds every remembered key in the object
/// before trusting the order, so two key sets that happen to share a shape only cost a sort.
enum JSONKeyOrder {
    /// Objects smaller than this sort faster than they hash.
    static let minimumCount = 8
    private static let capacity = 512
    private static let orders = Mutex<[Shape: [String]]>([:])

    struct Shape: Hashable {
        let count: Int
        let signature: Int

        /// From the keys' lengths and first and last bytes, without hashing them: a shape only
        /// picks a candidate order, which the writer checks key by key.
        init(_ object: [String: JSONValue]) {
            var signature = 0
            for key in object.keys {
                let bytes = key.utf8
                let ends = Int(bytes.first ?? 0) &* 31 &+ Int(bytes.last ?? 0)
                signature = signature &+ (bytes.count &* 1_000_003 ^ ends &* 7_919)
            }
            count = object.count
            self.signature = signature
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
