import Dispatch

/// How much one group commit may gather before it commits.
///
/// There is no waiting window: a batch holds the writes already queued when it starts plus those
/// arriving while it runs, so a lone writer pays one fsync and no more. The limits bound how long
/// reads queued behind a batch wait, and how long the first write of a batch waits for its COMMIT.
struct GroupCommitLimits: Sendable {
    /// The most writes in one transaction.
    var maximumWrites = 64
    /// After this much time since BEGIN, no further write joins the batch.
    var maximumNanoseconds: UInt64 = 15_000_000

    /// What `DatabaseQueue` uses unless a test or benchmark says otherwise.
    static let standard = GroupCommitLimits()
    /// One transaction (one fsync) per write: the baseline benchmarks compare against.
    static let oneWritePerTransaction = GroupCommitLimits(maximumWrites: 1)
}

extension ConnectionBox {
    /// Runs waiting writes in one transaction (`BEGIN IMMEDIATE`), each in its own savepoint, then
    /// one COMMIT (one fsync), and only then resumes their callers; called on the serial queue.
    ///
    /// The contract the callers see:
    /// - a write whose body throws is rolled back to its savepoint alone and its caller gets its
    ///   own error; its neighbours are unaffected;
    /// - a caller whose body succeeded is resumed after the COMMIT that holds its write succeeded,
    ///   so its changes are durable (WAL + synchronous=FULL) when `write` returns;
    /// - if the COMMIT fails, every write of the batch gets its error and none of them is kept;
    /// - if SQLite rolls the whole transaction back midway (I/O error, full disk), the write that
    ///   was running gets its own error and the writes before it `groupCommitRolledBack`.
    /// - Parameters:
    ///   - path: the database path, for the "database is closed" error.
    ///   - limits: how many writes, and how much time, one transaction may take.
    ///   - next: takes the oldest waiting write from the backlog.
    func commitBatch(path: String, limits: GroupCommitLimits, next: () -> PendingWrite?) {
        guard let first = next() else { return }
        guard let database else {
            let closed = SQLiteError.databaseClosed(path: path)
            first.cancel(closed)
            while let write = next() { write.cancel(closed) }
            return
        }
        do {
            try database.execute("BEGIN IMMEDIATE")
            database.beforeCommitActions.removeAll()  // none may outlive a transaction SQLite ended on its own
        } catch {
            // Only this write is taken; the others stay queued for the next drain.
            first.cancel(error)
            return
        }
        let deadline = DispatchTime.now().uptimeNanoseconds + limits.maximumNanoseconds
        var outcomes: [PendingWrite.Outcome] = []
        outcomes.reserveCapacity(limits.maximumWrites)
        var write: PendingWrite? = first
        while let current = write {
            outcomes.append(current.run(database))
            guard database.isInsideTransaction else {
                // SQLite rolled the transaction back on its own (or the body ran ROLLBACK, which
                // `write` bodies must not do): the earlier writes are gone with it, so nobody in
                // this batch may hear "done". This write gets its own error; those still waiting
                // go into the next transaction.
                database.beforeCommitActions.removeAll()
                for outcome in outcomes { outcome.resume(SQLiteError.groupCommitRolledBack()) }
                return
            }
            guard outcomes.count < limits.maximumWrites, DispatchTime.now().uptimeNanoseconds < deadline else { break }
            write = next()
        }
        do {
            try database.runBeforeCommitActions()
            try database.execute("COMMIT")
        } catch {
            // Deferred constraints are settled per write, so this is an I/O error, a full disk,
            // SQLITE_BUSY, or a commit hook; the batch is undone as a whole.
            database.rollbackIgnoringErrors()
            for outcome in outcomes { outcome.resume(error) }
            return
        }
        // Counted before anyone is resumed, so a caller that returned sees its commit counted.
        groupCommits.add(1, ordering: .relaxed)
        for outcome in outcomes { outcome.resume(nil) }
    }
}
