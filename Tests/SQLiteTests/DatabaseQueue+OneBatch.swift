import Dispatch

@testable import SQLite

extension DatabaseQueue {
    /// A queue whose batches are bounded by count only, so `inOneBatch` is deterministic even on
    /// a loaded machine (the standard 5 ms budget could split a slow debug-build batch).
    static func make(path: String, maximumWrites: Int = 64) throws -> DatabaseQueue {
        try DatabaseQueue(
            path: path, options: OpenOptions(create: true),
            limits: GroupCommitLimits(maximumWrites: maximumWrites, maximumNanoseconds: 60_000_000_000))
    }

    /// Runs `count` writes that are all waiting in the backlog before the first one starts, so
    /// they form one group commit (when `count` is within the queue's limit).
    ///
    /// The serial queue is held by a blocked block until the backlog holds every write.
    /// - Returns: each write's result, in index order.
    func inOneBatch<T: Sendable>(
        _ count: Int, _ body: @escaping @Sendable (Int, Database) throws -> T
    ) async -> [Result<T, any Error>] {
        let gate = DispatchSemaphore(value: 0)
        queue.async { gate.wait() }
        return await withTaskGroup(of: (Int, Result<T, any Error>).self) { group in
            for index in 0..<count {
                group.addTask {
                    do {
                        return (index, .success(try await self.write { db in try body(index, db) }))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            while backlog.count < count {
                try? await Task.sleep(for: .milliseconds(1))
            }
            gate.signal()
            var results = [Result<T, any Error>?](repeating: nil, count: count)
            for await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }
}

extension Result {
    /// The error, or nil on success (for `#expect`).
    var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
