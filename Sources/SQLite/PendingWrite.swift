/// One caller's `DatabaseQueue.write`, waiting in the backlog for the next group commit.
///
/// Type-erased so that writes with different result types share one transaction. The caller's
/// continuation is resumed only through `Outcome.resume` once the fate of the COMMIT is known
/// (or through `cancel` when the write never ran), so no caller hears "done" before its write is
/// durable.
struct PendingWrite: Sendable {
    /// What one write did inside the batch's transaction, and how to tell its caller.
    struct Outcome: Sendable {
        /// The error the write's body threw (its savepoint is already rolled back), nil if it succeeded.
        let failure: (any Error)?
        /// Resumes the caller. With `nil` (the COMMIT succeeded) the caller gets its own result or
        /// error; with an error, a write whose body succeeded gets that error instead, as none of
        /// its changes were kept.
        let resume: @Sendable (_ batchError: (any Error)?) -> Void
    }

    /// Runs the body in its own savepoint inside the open transaction; the caller is not resumed yet.
    let run: @Sendable (Database) -> Outcome
    /// Resumes the caller with `error` without running the body (closed database, failed BEGIN).
    let cancel: @Sendable (any Error) -> Void

    /// Wraps a caller's body and continuation.
    /// - Parameters:
    ///   - body: the write, as given to `DatabaseQueue.write`.
    ///   - continuation: the suspended caller.
    init<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        run = { db in
            let result = Result { try db.groupCommitSavepoint { try body(db) } }
            var failure: (any Error)?
            if case .failure(let error) = result { failure = error }
            return Outcome(failure: failure) { batchError in
                if let batchError, case .success = result {
                    continuation.resume(throwing: batchError)
                } else {
                    continuation.resume(with: result)
                }
            }
        }
        cancel = { error in continuation.resume(throwing: error) }
    }
}
