extension DatabaseQueue {
    /// Successful group commits so far (each one fsync); for tests and diagnostics.
    var groupCommitCount: Int { connection.groupCommits.load(ordering: .relaxed) }

    /// Adds a write to the backlog and, unless one is already queued, queues a drain.
    ///
    /// A drain is one block on the serial queue, so a batch's transaction never spans two
    /// blocks: reads, `writeSync` and migrations queued meanwhile run after its COMMIT.
    func enqueue(_ write: PendingWrite) {
        if backlog.append(write) { queueDrain() }
    }

    private func queueDrain() {
        queue.async { [self] in
            commitOneBatch()
            // Writes left over (limits reached, or arrived during the COMMIT) get a drain of their
            // own, queued behind whatever reads came in meanwhile, so reads are not starved.
            if backlog.finishBatch() { queueDrain() }
        }
    }

    // On the queue.
    private func commitOneBatch() {
        connection.commitBatch(path: path, limits: limits, next: backlog.next)
    }

    /// Commits every waiting write, then checkpoints and closes (`close`, `closeSync`); on the queue.
    ///
    /// A write that was called before `close` is thus committed, as it was before group commit,
    /// instead of failing with "database is closed" because its drain was queued behind the close.
    func commitWaitingWritesAndClose() {
        while backlog.count > 0 { commitOneBatch() }
        connection.close()
    }
}
