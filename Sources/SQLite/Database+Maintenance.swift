import CSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Database {
    /// Copies the whole database into a new file with SQLite's online backup API.
    ///
    /// The copy is consistent (one read transaction) and durable (synchronous=FULL on the
    /// destination). The file is created exclusively with mode 0600, so a backup never
    /// overwrites anything and is not readable by other users; on failure it is removed.
    /// - Parameter path: the destination; must not exist.
    /// - Throws: `SQLiteError` (`SQLITE_CANTOPEN` when the file exists) or the backup's error.
    public func backup(to path: String) throws {
        let source = try connection()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw SQLiteError(extendedResultCode: SQLITE_CANTOPEN, message: "cannot create backup file \(path): \(reason)")
        }
        closeDescriptor(descriptor)
        do {
            // An empty file is a valid empty database for SQLite.
            let destination = try Database(path: path, options: OpenOptions(create: false))
            defer { destination.close() }
            let target = try destination.connection()
            guard let backup = sqlite3_backup_init(target, "main", source, "main") else {
                throw SQLiteError(connection: target, code: sqlite3_errcode(target), sql: nil)
            }
            let stepCode = sqlite3_backup_step(backup, -1)
            let finishCode = sqlite3_backup_finish(backup)
            guard stepCode == SQLITE_DONE, finishCode == SQLITE_OK else {
                let code = stepCode == SQLITE_DONE ? finishCode : stepCode
                throw SQLiteError(
                    extendedResultCode: code,
                    message: "backup to \(path) failed: \(String(cString: sqlite3_errstr(code)))"
                )
            }
        } catch {
            unlink(path)
            unlink(path + "-wal")
            unlink(path + "-shm")
            throw error
        }
    }

    /// Copies the write-ahead log into the database file (`PRAGMA wal_checkpoint`).
    ///
    /// Before a close or a file copy, so the `.sqlite` file alone holds everything.
    /// - Parameter truncate: `TRUNCATE` (wait for readers, empty the WAL file) when `true`,
    ///   `PASSIVE` (never wait) when `false`.
    /// - Throws: `SQLITE_BUSY` when a truncating checkpoint could not complete.
    public func checkpoint(truncate: Bool = true) throws {
        let connection = try connection()
        let mode = truncate ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE
        let code = sqlite3_wal_checkpoint_v2(connection, nil, mode, nil, nil)
        guard code == SQLITE_OK else {
            throw SQLiteError(connection: connection, code: code, sql: "PRAGMA wal_checkpoint")
        }
    }
}

// Outside the extension so `close` means the system call, not `Database.close()`.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
