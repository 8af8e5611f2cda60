import CSQLite

extension Database {
    /// Runs `body` in a transaction: `BEGIN IMMEDIATE`, then `COMMIT`, or `ROLLBACK` and
    /// rethrow when `body` throws.
    ///
    /// IMMEDIATE takes the write lock up front, so a transaction never fails halfway with
    /// `SQLITE_BUSY` when it first writes. Called inside a transaction, it becomes a savepoint,
    /// so helpers can demand atomicity without knowing whether their caller already has it.
    /// - Parameter body: the work; its result is returned after the commit.
    /// - Throws: what `body` threw, or the error of BEGIN/COMMIT (after rolling back).
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if isInsideTransaction { return try savepoint(body) }
        try execute("BEGIN IMMEDIATE")
        let result: T
        do {
            result = try body()
        } catch {
            rollbackIgnoringErrors()
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            // A failed COMMIT (deferred foreign keys, I/O error) may leave the transaction open.
            rollbackIgnoringErrors()
            throw error
        }
        return result
    }

    /// Runs `body` in a savepoint: its changes are undone when it throws, while the enclosing
    /// transaction's earlier work stays. Outside a transaction it starts one (`transaction`).
    /// - Parameter body: the work.
    /// - Throws: what `body` threw, after rolling back to the savepoint.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        guard isInsideTransaction else { return try transaction(body) }
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "sp\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        let result: T
        do {
            result = try body()
        } catch {
            // If SQLite already rolled the whole transaction back (I/O error, SQLITE_FULL),
            // the savepoint is gone and these fail harmlessly; the original error matters.
            if isInsideTransaction {
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
            }
            throw error
        }
        try execute("RELEASE \(name)")
        return result
    }

    /// Ends the open transaction, if SQLite has not already ended it.
    func rollbackIgnoringErrors() {
        // After some errors SQLite has rolled back on its own; ROLLBACK would then fail with
        // "no transaction is active" and hide the real error.
        if isInsideTransaction {
            try? execute("ROLLBACK")
        }
    }
}
