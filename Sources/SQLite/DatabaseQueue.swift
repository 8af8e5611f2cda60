import Dispatch
import Synchronization

/// The serial owner of one `Database`: every access runs on its own `DispatchQueue`.
///
/// One connection per file (MEASURED.md: SQLite 3.40.1's WAL-reset race needs two), reached
/// only through `read { db in }` and `write { db in }`. The async variants suspend the caller
/// with a continuation while the queue's own thread does the blocking SQLite work, so the
/// cooperative thread pool is never blocked by an fsync.
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

    private let queue: DispatchQueue
    private let connection: ConnectionBox
    private let closed = Atomic<Bool>(false)
    // Marks the queue so a nested readSync/writeSync (a certain deadlock) traps with a message.
    private let queueKey = DispatchSpecificKey<ObjectIdentifier>()

    /// Opens the database on the queue.
    /// - Parameters:
    ///   - path: the database file.
    ///   - options: how to open it (request paths never create).
    /// - Throws: the `SQLiteError` of `Database.init`.
    public init(path: String, options: OpenOptions = OpenOptions()) throws {
        self.path = path
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

    /// Runs `body` on the queue inside a transaction (`BEGIN IMMEDIATE ... COMMIT`), rolled
    /// back when it throws.
    ///
    /// Every write goes through this one funnel, so group commit (several queued writes in one
    /// transaction, each in its own savepoint, one fsync) can be added here later without
    /// changing callers.
    /// - Parameter body: the writes; its result is returned after the commit.
    /// - Throws: what `body` threw (after the rollback), a COMMIT error, or "database is closed".
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let connection = self.connection
        let path = self.path
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try connection.write(path: path, body) })
            }
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

    /// Blocking `write`, for the command line and tests; same rules as `readSync`.
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

    /// Checkpoints the WAL into the database file and closes the connection, after the work
    /// already queued. Later calls throw "database is closed"; closing twice is harmless.
    public func close() async {
        let connection = self.connection
        closed.store(true, ordering: .releasing)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                connection.close()
                continuation.resume()
            }
        }
    }

    /// Blocking `close`, for the command line and tests.
    public func closeSync() {
        preconditionNotOnQueue()
        closed.store(true, ordering: .releasing)
        let connection = self.connection
        queue.sync { connection.close() }
    }

    private func preconditionNotOnQueue() {
        precondition(
            DispatchQueue.getSpecific(key: queueKey) != ObjectIdentifier(connection),
            "DatabaseQueue is not reentrant: readSync/writeSync/closeSync called from inside a read or write"
        )
    }
}

/// Holds the queue's connection.
// @unchecked Sendable: `database` is only touched on the owning DatabaseQueue's serial queue
// (and in deinit, when no other reference is left).
private final class ConnectionBox: @unchecked Sendable {
    var database: Database?

    func read<T>(path: String, _ body: (Database) throws -> T) throws -> T {
        guard let database else { throw SQLiteError.databaseClosed(path: path) }
        let wasReadOnly = database.isReadOnlyAccess
        database.isReadOnlyAccess = true
        defer { database.isReadOnlyAccess = wasReadOnly }
        return try body(database)
    }

    func write<T>(path: String, _ body: (Database) throws -> T) throws -> T {
        guard let database else { throw SQLiteError.databaseClosed(path: path) }
        return try database.transaction { try body(database) }
    }

    func migrate(path: String, _ migrator: DatabaseMigrator) throws -> [String] {
        guard let database else { throw SQLiteError.databaseClosed(path: path) }
        return try migrator.migrate(database)
    }

    func close() {
        guard let database else { return }
        // Best effort: a failed checkpoint leaves the WAL in place, which SQLite replays on
        // the next open; nothing is lost.
        try? database.checkpoint(truncate: true)
        database.close()
        self.database = nil
    }
}
