import CSQLite

/// An error from SQLite or from this layer, with a result code callers can match on.
///
/// The message is SQLite's own (`sqlite3_errmsg`) or a fixed text of this layer; `sql` is the
/// statement text with its `?` placeholders. Bound values are never part of either, so the
/// error can be logged as is without leaking passwords, emails or card data.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, ...).
    public let resultCode: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, ...); equals `resultCode` when
    /// SQLite gave no detail.
    public let extendedResultCode: Int32
    /// What went wrong, without any bound value.
    public let message: String
    /// The statement that failed, with placeholders, or `nil` when no statement was involved.
    public let sql: String?

    /// Creates an error from its parts; prefer the static constructors for layer errors.
    /// - Parameters:
    ///   - extendedResultCode: the extended code; its low byte is the primary code.
    ///   - message: a text that must not contain bound values.
    ///   - sql: the statement text, if any.
    public init(extendedResultCode: Int32, message: String, sql: String? = nil) {
        self.resultCode = extendedResultCode & 0xFF
        self.extendedResultCode = extendedResultCode
        self.message = message
        self.sql = sql
    }

    /// Any constraint failed (UNIQUE, CHECK, NOT NULL, FOREIGN KEY, ...): the caller's input
    /// conflicts with data, usually a 409 or 422 rather than a 500.
    public var isConstraintViolation: Bool { resultCode == SQLITE_CONSTRAINT }

    /// A UNIQUE or PRIMARY KEY constraint failed: "already exists".
    public var isUniqueViolation: Bool {
        extendedResultCode == SQLITE_CONSTRAINT_UNIQUE_CODE
            || extendedResultCode == SQLITE_CONSTRAINT_PRIMARYKEY_CODE
    }

    /// A FOREIGN KEY constraint failed: the row refers to something missing, or is still referred to.
    public var isForeignKeyViolation: Bool { extendedResultCode == SQLITE_CONSTRAINT_FOREIGNKEY_CODE }

    /// The database was locked past the busy timeout; the operation may be retried.
    public var isBusy: Bool { resultCode == SQLITE_BUSY || resultCode == SQLITE_LOCKED }

    /// `SQLite error 19 (2067): UNIQUE constraint failed: customers.email; SQL: INSERT ...`
    public var description: String {
        var text = "SQLite error \(resultCode)"
        if extendedResultCode != resultCode { text += " (\(extendedResultCode))" }
        text += ": \(message)"
        if let sql { text += "; SQL: \(sql)" }
        return text
    }
}

// The extended codes are C macros built from shifts that Swift does not import.
let SQLITE_CONSTRAINT_UNIQUE_CODE: Int32 = SQLITE_CONSTRAINT | (8 << 8)
let SQLITE_CONSTRAINT_PRIMARYKEY_CODE: Int32 = SQLITE_CONSTRAINT | (6 << 8)
let SQLITE_CONSTRAINT_FOREIGNKEY_CODE: Int32 = SQLITE_CONSTRAINT | (3 << 8)
let SQLITE_ABORT_ROLLBACK_CODE: Int32 = SQLITE_ABORT | (2 << 8)

extension SQLiteError {
    /// The database (or its queue) was closed before this call.
    /// - Parameter path: the database path, to tell which tenant's file it was.
    public static func databaseClosed(path: String) -> SQLiteError {
        SQLiteError(extendedResultCode: SQLITE_MISUSE, message: "database is closed: \(path)")
    }

    /// A row has no column of that name.
    /// - Parameters:
    ///   - column: the requested name.
    ///   - sql: the query that produced the row.
    public static func missingColumn(_ column: String, sql: String?) -> SQLiteError {
        SQLiteError(extendedResultCode: SQLITE_ERROR, message: "no column named \(column) in the result row", sql: sql)
    }

    /// A column's stored value does not convert to the requested Swift type.
    /// Names the storage class found, never the value.
    /// - Parameters:
    ///   - column: the column name.
    ///   - expected: the requested Swift type.
    ///   - found: the stored value (only its storage class is reported).
    ///   - sql: the query that produced the row.
    public static func typeMismatch(column: String, expected: Any.Type, found: SQLValue, sql: String?) -> SQLiteError {
        SQLiteError(
            extendedResultCode: SQLITE_MISMATCH,
            message: "column \(column) holds \(found.storageClassName), which does not convert to \(expected)",
            sql: sql
        )
    }

    /// A statement got a different number of arguments than it has `?` placeholders.
    public static func argumentCountMismatch(expected: Int, got: Int, sql: String) -> SQLiteError {
        SQLiteError(extendedResultCode: SQLITE_RANGE, message: "statement takes \(expected) arguments, got \(got)", sql: sql)
    }

    /// `execute` and the query methods take exactly one statement; scripts go to `executeScript`.
    public static func multipleStatements(sql: String) -> SQLiteError {
        SQLiteError(
            extendedResultCode: SQLITE_MISUSE,
            message: "more than one statement; use executeScript for scripts without arguments",
            sql: sql
        )
    }

    /// A migration threw; it was rolled back and the ones before it stay applied.
    /// - Parameters:
    ///   - migration: `owner/id`.
    ///   - underlying: what the migration threw; a `SQLiteError` keeps its codes and SQL.
    public static func migrationFailed(_ migration: String, underlying: any Error) -> SQLiteError {
        if let error = underlying as? SQLiteError {
            return SQLiteError(
                extendedResultCode: error.extendedResultCode,
                message: "migration \(migration) failed: \(error.message)",
                sql: error.sql
            )
        }
        return SQLiteError(extendedResultCode: SQLITE_ERROR, message: "migration \(migration) failed: \(underlying)")
    }

    /// A migration left rows whose foreign keys point nowhere; it was rolled back.
    /// - Parameters:
    ///   - migration: `owner/id`.
    ///   - tables: the tables holding violating rows, with the tables they refer to.
    public static func migrationForeignKeyViolation(_ migration: String, tables: [String]) -> SQLiteError {
        SQLiteError(
            extendedResultCode: SQLITE_CONSTRAINT_FOREIGNKEY_CODE,
            message: "migration \(migration) leaves foreign key violations: \(tables.joined(separator: ", "))"
        )
    }

    /// A durability setting did not take effect after open (MEASURED.md: with anything less
    /// than WAL + synchronous=FULL a power cut loses acknowledged commits).
    /// - Parameters:
    ///   - setting: the pragma name.
    ///   - expected: the value we set.
    ///   - actual: the value read back.
    public static func durabilityNotInForce(setting: String, expected: String, actual: String) -> SQLiteError {
        SQLiteError(
            extendedResultCode: SQLITE_ERROR,
            message: "PRAGMA \(setting) is \(actual) after setting it to \(expected); refusing to use the database"
        )
    }

    /// A write left a deferred foreign key unresolved; it was rolled back alone. The same code and
    /// message as the COMMIT of a transaction of its own would have failed with.
    static func deferredForeignKeyViolation() -> SQLiteError {
        SQLiteError(extendedResultCode: SQLITE_CONSTRAINT_FOREIGNKEY_CODE, message: "FOREIGN KEY constraint failed")
    }

    /// SQLite rolled back a group commit's whole transaction while one of its writes ran (I/O
    /// error, full disk, or the write ended the transaction itself); the writes before it in the
    /// same transaction are lost and get this error (the write that ran gets its own). Retrying
    /// is safe: nothing of theirs was committed.
    static func groupCommitRolledBack() -> SQLiteError {
        SQLiteError(
            extendedResultCode: SQLITE_ABORT_ROLLBACK_CODE,
            message: "the transaction holding this write was rolled back by a later write in the same group commit"
        )
    }
}
