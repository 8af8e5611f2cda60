import Synchronization

/// Holds the queue's connection.
// @unchecked Sendable: `database` is only touched on the owning DatabaseQueue's serial queue
// (and in deinit, when no other reference is left).
final class ConnectionBox: @unchecked Sendable {  // safe: used on one serial queue (see above)
    var database: Database?
    /// Successful group commits (each one fsync); an atomic, read from any thread by tests.
    let groupCommits = Atomic<Int>(0)

    func read<T>(path: String, _ body: (Database) throws -> T) throws -> T {
        guard let database else { throw SQLiteError.databaseClosed(path: path) }
        let wasReadOnly = database.isReadOnlyAccess
        database.isReadOnlyAccess = true
        defer { database.isReadOnlyAccess = wasReadOnly }
        return try body(database)
    }

    /// One write in a transaction of its own (`writeSync`; `write` goes through `commitBatch`).
    func write<T>(path: String, _ body: (Database) throws -> T) throws -> T {
        guard let database else { throw SQLiteError.databaseClosed(path: path) }
        return try database.transaction { try body(database) }
    }

    func migrate(path: String, _ migrator: DatabaseMigrator) throws -> [String] {
        guard let database else { throw SQLiteError.databaseClosed(path: path) }
        return try migrator.migrate(database)
    }

    /// Runs work that manages its own transactions (FTS maintenance, checkpoints): never
    /// inside a batch, since it runs as its own block on the serial queue.
    func maintain<T>(path: String, _ body: (Database) throws -> T) throws -> T {
        guard let database else { throw SQLiteError.databaseClosed(path: path) }
        return try body(database)
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
