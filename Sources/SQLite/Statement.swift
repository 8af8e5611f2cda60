import CSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One prepared statement: binds arguments, steps, and reads columns into `SQLValue`s.
///
/// Internal and not Sendable: it lives in its connection's statement cache and is only used on
/// the connection's serial owner. Callers reach it through `Database.withStatement`, which
/// always resets and clears it afterwards, even when stepping or the caller's body threw.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    let parameterCount: Int
    /// Set while a caller is stepping it, so a nested use of the same SQL (a query inside a
    /// `forEachRow` body) gets a fresh statement instead of resetting this one midway.
    var isInUse = false

    private var layout: RowLayout?
    // The C names the layout was built from; compared on each execution because a schema
    // change makes SQLite re-prepare the statement and `SELECT *` may then yield other columns.
    private var layoutNames: [ContiguousArray<CChar>] = []
    /// Whether the layout was checked against this execution's names: they cannot change
    /// between the rows of one execution, so the check runs once per execution, not once per
    /// row (per row it was a fifth of a CSV export's time: a name and a strcmp per cell).
    private var layoutCheckedThisExecution = false

    /// Prepares exactly one statement.
    /// - Throws: SQLite's error, or `multipleStatements` when `sql` holds more than one.
    init(connection: OpaquePointer, sql: String, persistent: Bool) throws {
        var prepared: OpaquePointer?
        var hasMoreStatements = false
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, text, -1, flags, &prepared, &tail)
            if code == SQLITE_OK, let tail, tail.pointee != 0 {
                // Whitespace and comments prepare to no statement; anything else is a second one.
                var next: OpaquePointer?
                let nextCode = sqlite3_prepare_v2(connection, tail, -1, &next, nil)
                hasMoreStatements = nextCode != SQLITE_OK || next != nil
                sqlite3_finalize(next)
            }
            return code
        }
        guard code == SQLITE_OK else {
            let error = SQLiteError(connection: connection, code: code, sql: sql)
            sqlite3_finalize(prepared)
            throw error
        }
        guard let prepared else {
            throw SQLiteError(extendedResultCode: SQLITE_MISUSE, message: "no statement in the SQL text", sql: sql)
        }
        if hasMoreStatements {
            sqlite3_finalize(prepared)
            throw SQLiteError.multipleStatements(sql: sql)
        }
        self.handle = prepared
        self.sql = sql
        self.parameterCount = Int(sqlite3_bind_parameter_count(prepared))
    }

    deinit {
        // Legal after sqlite3_close_v2: the connection stays a zombie until its last statement goes.
        sqlite3_finalize(handle)
    }

    /// Binds arguments to `?1...?n` in order; `nil` binds NULL.
    func bind(_ arguments: [(any SQLValueConvertible)?]) throws {
        guard arguments.count == parameterCount else {
            throw SQLiteError.argumentCountMismatch(expected: parameterCount, got: arguments.count, sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            let code = bind(argument?.sqlValue ?? .null, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    /// Binds values to `?1...?n` in order.
    func bind(values: [SQLValue]) throws {
        guard values.count == parameterCount else {
            throw SQLiteError.argumentCountMismatch(expected: parameterCount, got: values.count, sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let code = bind(value, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            return sqlite3_bind_double(handle, index, real)
        case .text(var text):
            return text.withUTF8 { bytes in
                guard let base = bytes.baseAddress, bytes.count > 0 else {
                    // A nil pointer would bind NULL; an empty string must stay an empty string.
                    return sqlite3_bind_text64(handle, index, "", 0, csqlite_transient(), UInt8(SQLITE_UTF8))
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text64(handle, index, $0, UInt64(bytes.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            guard !bytes.isEmpty else {
                // sqlite3_bind_blob with a nil pointer binds NULL; a zero-length zeroblob is an empty blob.
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return bytes.withUnsafeBytes {
                sqlite3_bind_blob64(handle, index, $0.baseAddress, UInt64($0.count), csqlite_transient())
            }
        }
    }

    /// Advances to the next row.
    /// - Returns: `true` when a row is available, `false` when the statement is done.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw error(code)
    }

    /// Makes the statement ready for its next use and drops the bound values (so no argument
    /// outlives the call in SQLite's memory).
    func reset() {
        // sqlite3_reset repeats the last step error; that error was already thrown.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        layoutCheckedThisExecution = false
    }

    /// The current row, after `step()` returned `true`.
    func row() -> Row {
        let layout = currentLayout()
        let count = Int32(layout.columns.count)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for index in 0..<count {
            values.append(value(at: index))
        }
        return Row(layout: layout, values: values)
    }

    /// The value of one column of the current row.
    func value(at index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            // column_text before column_bytes, as the SQLite docs require.
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let blob = sqlite3_column_blob(handle, index)
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let blob, count > 0 else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default:
            return .null
        }
    }

    /// The shared column-name table, rebuilt only when the result columns changed.
    func currentLayout() -> RowLayout {
        if layoutCheckedThisExecution, let layout { return layout }
        let count = Int(sqlite3_column_count(handle))
        if let layout, layoutNames.count == count, namesUnchanged() {
            layoutCheckedThisExecution = true
            return layout
        }
        var names: [String] = []
        var cNames: [ContiguousArray<CChar>] = []
        for index in 0..<Int32(count) {
            let name = sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
            names.append(name)
            cNames.append(ContiguousArray(name.utf8CString))
        }
        let fresh = RowLayout(columns: names, sql: sql)
        layout = fresh
        layoutNames = cNames
        layoutCheckedThisExecution = true
        return fresh
    }

    private func namesUnchanged() -> Bool {
        for (index, cached) in layoutNames.enumerated() {
            guard let current = sqlite3_column_name(handle, Int32(index)) else { return false }
            let same = cached.withUnsafeBufferPointer { strcmp(current, $0.baseAddress!) == 0 }
            if !same { return false }
        }
        return true
    }

    private func error(_ code: Int32) -> SQLiteError {
        SQLiteError(connection: sqlite3_db_handle(handle), code: code, sql: sql)
    }
}

extension SQLiteError {
    /// The connection's current error, preferring its extended code when it matches `code`.
    init(connection: OpaquePointer?, code: Int32, sql: String?) {
        guard let connection else {
            self.init(extendedResultCode: code, message: String(cString: sqlite3_errstr(code)), sql: sql)
            return
        }
        let extended = sqlite3_extended_errcode(connection)
        let message = sqlite3_errmsg(connection).map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        self.init(extendedResultCode: (extended & 0xFF) == (code & 0xFF) ? extended : code, message: message, sql: sql)
    }
}
