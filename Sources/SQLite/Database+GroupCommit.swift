import CSQLite

extension Database {
    /// Runs one write of a group commit in its own savepoint, so that it behaves as if it had
    /// the transaction to itself: when it throws, only its own changes are undone.
    ///
    /// Two things would otherwise leak between the writes sharing a transaction, and both are
    /// settled here, before the next write starts:
    /// - a deferred foreign key violation (`PRAGMA defer_foreign_keys`, or a `DEFERRABLE
    ///   INITIALLY DEFERRED` key) is only checked at COMMIT, so one write could fail the whole
    ///   batch; a write that leaves one is rolled back and fails alone, with the error its own
    ///   COMMIT would have given;
    /// - `PRAGMA defer_foreign_keys` stays on until COMMIT; it is switched off again so that it
    ///   does not apply to the neighbours.
    /// - Parameter body: the caller's write.
    /// - Throws: what `body` threw, or a FOREIGN KEY `SQLiteError`, after rolling back to the savepoint.
    func groupCommitSavepoint<T>(_ body: () throws -> T) throws -> T {
        defer {
            // Not transactional, so it needs resetting whether the savepoint was kept or not.
            if isInsideTransaction { try? execute("PRAGMA defer_foreign_keys = OFF") }
        }
        return try savepoint {
            let result = try body()
            // The savepoint started with none (the previous write left none), so any now are this write's.
            if hasDeferredForeignKeyViolations { throw SQLiteError.deferredForeignKeyViolation() }
            return result
        }
    }

    /// Whether the open transaction holds foreign key violations that COMMIT would refuse.
    var hasDeferredForeignKeyViolations: Bool {
        guard let handle = try? connection() else { return false }
        var current: Int32 = 0
        var highWater: Int32 = 0
        guard sqlite3_db_status(handle, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highWater, 0) == SQLITE_OK else {
            return false
        }
        return current != 0
    }

    /// Test hook: while on, every COMMIT fails (`SQLITE_CONSTRAINT_COMMITHOOK`) and SQLite rolls
    /// the transaction back, which is how tests reach the "the COMMIT itself failed" path.
    var vetoesCommitsForTesting: Bool {
        get { hasCommitVeto }
        set {
            guard let handle = try? connection() else { return }
            // A non-capturing closure: the veto needs no context.
            sqlite3_commit_hook(handle, newValue ? { _ in 1 } : nil, nil)
            hasCommitVeto = newValue
        }
    }
}
