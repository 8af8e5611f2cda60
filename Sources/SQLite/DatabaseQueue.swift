import Dispatch
import Synchronization

/// The serial owner of one `Database`: every access runs on its own `DispatchQueue`.
///
/// One connection per file (MEASURED.md: SQLite 3.40.1's WAL-reset race needs two), reached
/// only through `read { db in }` and `write { db in }`. The async variants suspend the caller
/// with a continuation while the queue's own thread does the blocking SQLite work, so the
/// cooperative thread pool is never blocked by an fsync.
///
/// Concurrent `write`s share transactions (group commit): with synchronous=FULL every COMMIT is
/// an fsync (about 0.5 ms here), which would cap a shop at about 2,000 writes/s if each write had
/// its own. Each write still runs in its own savepoint and its caller is resumed only after the
/// COMMIT that holds it (see `write`).
///
/// ```swift
/// let queue = try DatabaseQueue(path: shopPath)
/// let id = try await queue.write { db in
///     try db.execute("INSERT INTO customers(email) VALUES(?)", [email])
///     return db.lastInsertRowID
/// }
/// ```
public final class DatabaseQueue: Sendable {
    /// The database file.
    public let path: String

    // Internal for the group commit facet (DatabaseQueue+GroupCommit.swift).
    let queue: DispatchQueue
    let connection: ConnectionBox
    let backlog = WriteBacklog()
    let limits: GroupCommitLimits
    private let closed = Atomic<Bool>(false)
    // Marks the queue so a nested readSync/writeSync (a certain deadlock) traps with a message.
    private let queueKey = DispatchSpecificKey<ObjectIdentifier>()

    /// Opens the database on the queue.
    /// - Parameters:
    ///   - path: the database file.
    ///   - options: how to open it (request paths never create).
    /// - Throws: the `SQLiteError` of `Database.init`.
    public convenience init(path: String, options: OpenOptions = OpenOptions()) throws {
        try self.init(path: path, options: options, limits: .standard)
    }

    /// Opens the database from async code without blocking a cooperative thread: opening
    /// reads the file and runs pragmas (milliseconds on a busy disk), so it runs on a
    /// dispatch thread while the caller is suspended.
    /// - Parameters:
    ///   - path: the database file.
    ///   - options: how to open it (request paths never create).
    /// - Throws: the `SQLiteError` of `Database.init`.
    public static func open(path: String, options: OpenOptions = OpenOptions()) async throws -> DatabaseQueue {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try DatabaseQueue(path: path, options: options) })
            }
        }
    }

    /// Opens the database with other group commit limits (benchmarks, tests).
    init(path: String, options: OpenOptions, limits: GroupCommitLimits) throws {
        self.path = path
        self.limits = limits
        self.queue = DispatchQueue(label: "ShopAdmin.DatabaseQueue \(path)")
        self.connection = ConnectionBox()
        queue.setSpecific(key: queueKey, value: ObjectIdentifier(connection))
        let connection = self.connection
        try queue.sync {
            connection.database = try Database(path: path, options: options)
        }
    }

    /// Whether `close` has run (or started); later reads and writes throw "database is closed".
    public var isClosed: Bool { closed.load(ordering: .acquiring) }

    /// Runs `body` on the queue without a transaction. `body` must not write: any statement
    /// that would change the database fails with `SQLITE_READONLY` instead of committing
    /// outside `write`'s transaction.
    /// - Parameter body: the reads; its result crosses back to the caller.
    /// - Throws: what `body` threw, or "database is closed".
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let connection = self.connection
        let path = self.path
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try connection.read(path: path, body) })
            }
        }
    }

    /// Runs `body` on the queue, atomically, and returns once its changes are durable.
    ///
    /// Writes waiting together are committed together (group commit): one `BEGIN IMMEDIATE`,
    /// each body in its own savepoint, one COMMIT, one fsync. For the caller it is as if `body`
    /// had a transaction of its own:
    /// - when `body` throws, its changes alone are rolled back and the error is rethrown;
    ///   writes in the same batch are unaffected (a deferred foreign key left unresolved fails
    ///   this write alone, with the FOREIGN KEY error its own COMMIT would give);
    /// - `write` returns only after the COMMIT that holds the write succeeded;
    /// - if that COMMIT fails (I/O error, full disk), every write of the batch throws its error
    ///   and none of them is kept; if SQLite rolls the transaction back while a later write runs,
    ///   this one throws `SQLITE_ABORT_ROLLBACK`. Retrying is safe in both cases.
    ///
    /// There is no batching delay: a lone writer's transaction starts at once. Writes run in
    /// arrival order; `db.transaction {}` inside `body` nests as a savepoint. Reads and
    /// migrations run between batches, never inside one, so they see committed data only.
    /// - Parameter body: the writes; its result is returned after the commit.
    /// - Throws: what `body` threw (after the rollback), a COMMIT error, or "database is closed".
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(PendingWrite(body, continuation: continuation))
        }
    }

    /// Blocking `read`, for the command line and tests. Never call it from async code (it
    /// blocks the thread) nor from inside another read or write on this queue (it would deadlock).
    /// - Parameter body: the reads.
    public func readSync<T>(_ body: (Database) throws -> T) throws -> T {
        preconditionNotOnQueue()
        let connection = self.connection
        return try queue.sync { try connection.read(path: path, body) }
    }

    /// Blocking `write`, for the command line and tests; same rules as `readSync`. Not batched:
    /// `body` gets a transaction of its own, between group commits.
    /// - Parameter body: the writes, in one transaction.
    public func writeSync<T>(_ body: (Database) throws -> T) throws -> T {
        preconditionNotOnQueue()
        let connection = self.connection
        return try queue.sync { try connection.write(path: path, body) }
    }

    /// Applies a migrator's pending migrations on the queue (each in its own transaction,
    /// which is why this is neither a `read` nor a `write`).
    /// - Parameter migrator: the registered migrations.
    /// - Returns: `owner/id` of the migrations applied by this call.
    /// - Throws: the migrator's `SQLiteError`, or "database is closed".
    public func migrate(_ migrator: DatabaseMigrator) async throws -> [String] {
        let connection = self.connection
        let path = self.path
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try connection.migrate(path: path, migrator) })
            }
        }
    }

    /// Blocking `migrate`, for the command line and tests.
    /// - Parameter migrator: the registered migrations.
    public func migrateSync(_ migrator: DatabaseMigrator) throws -> [String] {
        preconditionNotOnQueue()
        let connection = self.connection
        return try queue.sync { try connection.migrate(path: path, migrator) }
    }

    /// Runs maintenance outside any transaction on the queue: a WAL checkpoint after a GDPR
    /// erasure (so the erased bytes leave the log too), an FTS merge. `body` must not leave a
    /// transaction open; reads and writes queued behind it wait, as for any block.
    /// - Parameter body: the maintenance; its result crosses back to the caller.
    public func maintenance<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let connection = self.connection
        let path = self.path
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try connection.maintain(path: path, body) })
            }
        }
    }

    /// Checkpoints the WAL into the database file and closes the connection, after the work
    /// already queued (writes waiting for a group commit are committed first). Later calls throw
    /// "database is closed"; closing twice is harmless.
    public func close() async {
        closed.store(true, ordering: .releasing)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async { [self] in
                commitWaitingWritesAndClose()
                continuation.resume()
            }
        }
    }

    /// Blocking `close`, for the command line and tests.
    public func closeSync() {
        preconditionNotOnQueue()
        closed.store(true, ordering: .releasing)
        queue.sync { commitWaitingWritesAndClose() }
    }

    private func preconditionNotOnQueue() {
        precondition(
            DispatchQueue.getSpecific(key: queueKey) != ObjectIdentifier(connection),
            "DatabaseQueue is not reentrant: readSync/writeSync/closeSync called from inside a read or write"
        )
    }
}
