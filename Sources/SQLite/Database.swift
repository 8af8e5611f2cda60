import CSQLite
import Synchronization

/// One SQLite connection, opened with the durability settings checked.
///
/// Not Sendable: SQLite is opened with `SQLITE_OPEN_NOMUTEX`, so a connection must be used by
/// one thread at a time. Share it through `DatabaseQueue`, whose serial queue is its only owner.
/// The C handle never leaves this layer.
///
/// ```swift
/// let db = try Database(path: "/srv/shops/acme.sqlite")
/// try db.execute("INSERT INTO customers(email, name) VALUES(?, ?)", [email, name])
/// let count = try db.scalar("SELECT count(*) FROM customers", as: Int.self)
/// ```
public final class Database {
    /// The path the connection was opened with.
    public let path: String
    /// Unique among the connections this process has opened, unlike the object's address,
    /// which a later connection may reuse: a key for caches tied to one connection.
    public let serialNumber: Int = Database.serialNumbers.wrappingAdd(1, ordering: .relaxed).newValue
    private static let serialNumbers = Atomic<Int>(0)

    // nil once closed; every entry point checks it through `connection()`.
    private var handle: OpaquePointer?
    var statementCache = StatementCache(capacity: 128)
    // Savepoint names must be unique among those open; depth gives `sp1`, `sp2`, ...
    var savepointDepth = 0
    /// Set by `DatabaseQueue.read`: statements that would write are refused before they run.
    /// A flag checked with `sqlite3_stmt_readonly` costs nothing per read, unlike toggling
    /// `PRAGMA query_only` around each one.
    var isReadOnlyAccess = false
    // Backs `vetoesCommitsForTesting`.
    var hasCommitVeto = false
    // Work registered with `beforeCommit`, run once at the outermost level just before COMMIT.
    // Each remembers the savepoint depth it was registered at, so a rolled-back savepoint drops its own.
    var beforeCommitActions: [(key: String, depth: Int, action: (Database) throws -> Void)] = []
    /// How many statements were prepared (cache misses); lets tests prove the cache works.
    private(set) var preparedStatementCount = 0

    /// Opens (or with `options.create`, creates) a database file and puts it in the durable mode.
    ///
    /// Opens with `SQLITE_OPEN_NOFOLLOW` so a symlink planted in a tenant directory cannot
    /// redirect writes, then sets `journal_mode=WAL`, `synchronous=FULL`, `foreign_keys=ON` and
    /// the busy timeout, and reads each back: MEASURED.md shows that anything weaker than
    /// WAL + FULL loses acknowledged commits on power loss. `":memory:"` is allowed for tests
    /// (its journal mode is then `memory`).
    /// - Parameters:
    ///   - path: the database file.
    ///   - options: create, read-only, busy timeout, secure delete.
    /// - Throws: `SQLiteError` when the file is missing (without `create`), is a symlink, is not
    ///   a database, or a setting did not take effect.
    public init(path: String, options: OpenOptions = OpenOptions()) throws {
        self.path = path
        var flags = SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        if options.readOnly {
            flags |= SQLITE_OPEN_READONLY
        } else {
            flags |= SQLITE_OPEN_READWRITE
            if options.create { flags |= SQLITE_OPEN_CREATE }
        }
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            // sqlite3_open_v2 allocates a handle even on failure; read its message, then free it.
            let error = SQLiteError(connection: opened, code: code, sql: nil)
            sqlite3_close_v2(opened)
            throw SQLiteError(
                extendedResultCode: error.extendedResultCode,
                message: "cannot open \(path): \(error.message)"
            )
        }
        handle = opened
        do {
            try configure(options)
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    private func configure(_ options: OpenOptions) throws {
        guard let handle else { throw SQLiteError.databaseClosed(path: path) }
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, options.busyTimeoutMilliseconds)

        let isMemory = path == ":memory:"
        if options.exclusiveLocking {
            // Before WAL is entered, so the WAL index lives in heap memory: no -shm file and
            // no fcntl lock per transaction. Only for files one connection owns.
            let mode = try scalar("PRAGMA locking_mode = EXCLUSIVE", as: String.self)?.lowercased() ?? ""
            guard mode == "exclusive" else {
                throw SQLiteError.durabilityNotInForce(setting: "locking_mode", expected: "exclusive", actual: mode)
            }
        }
        let journalMode = try scalar("PRAGMA journal_mode = WAL", as: String.self)?.lowercased() ?? ""
        if journalMode != "wal" && !(isMemory && journalMode == "memory") {
            throw SQLiteError.durabilityNotInForce(setting: "journal_mode", expected: "wal", actual: journalMode)
        }
        try execute("PRAGMA synchronous = FULL")
        try require("synchronous", equals: 2, label: "FULL")
        try execute("PRAGMA foreign_keys = ON")
        try require("foreign_keys", equals: 1, label: "ON")
        try require("busy_timeout", equals: Int64(options.busyTimeoutMilliseconds), label: "\(options.busyTimeoutMilliseconds)")
        if options.memoryMapBytes > 0 {
            // Reads through the OS page cache without a read() per page; pages stay evictable.
            try execute("PRAGMA mmap_size = \(options.memoryMapBytes)")
        }
        if options.secureDelete {
            try execute("PRAGMA secure_delete = ON")
            try require("secure_delete", equals: 1, label: "ON")
        }
    }

    private func require(_ pragma: String, equals expected: Int64, label: String) throws {
        let actual = try scalar("PRAGMA \(pragma)", as: Int64.self)
        guard actual == expected else {
            throw SQLiteError.durabilityNotInForce(
                setting: pragma, expected: label, actual: actual.map(String.init) ?? "unset")
        }
    }

    /// The open C handle, or the "database is closed" error every call after `close()` gets.
    func connection() throws -> OpaquePointer {
        guard let handle else { throw SQLiteError.databaseClosed(path: path) }
        return handle
    }

    /// Whether `close()` has run.
    public var isClosed: Bool { handle == nil }

    /// Rows changed by the last INSERT, UPDATE or DELETE (0 once closed).
    public var changes: Int {
        guard let handle else { return 0 }
        return Int(sqlite3_changes64(handle))
    }

    /// The rowid of the last successful INSERT on this connection (0 if none or closed).
    public var lastInsertRowID: Int64 {
        guard let handle else { return 0 }
        return sqlite3_last_insert_rowid(handle)
    }

    /// Whether a transaction is open (SQLite is not in autocommit mode); `transaction` then
    /// nests as a savepoint.
    public var isInsideTransaction: Bool {
        guard let handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// Finalizes the cached statements and closes the connection. Idempotent; `deinit` calls it.
    ///
    /// Uses `sqlite3_close_v2`, which defers the real close until statements still held (a
    /// cursor in flight) are finalized, instead of failing with `SQLITE_BUSY` and leaking.
    public func close() {
        guard let handle else { return }
        statementCache.removeAll()
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// The cached statement for `sql`, or a fresh one (cached unless the cached one is busy).
    func statement(for sql: String) throws -> Statement {
        let connection = try connection()
        if let cached = statementCache.statement(for: sql), !cached.isInUse {
            return cached
        }
        let isNested = statementCache.statement(for: sql) != nil
        let statement = try Statement(connection: connection, sql: sql, persistent: !isNested)
        preparedStatementCount += 1
        if !isNested { statementCache.insert(statement) }
        return statement
    }

    /// Number of statements currently cached; for tests and diagnostics.
    var cachedStatementCount: Int { statementCache.count }
}
