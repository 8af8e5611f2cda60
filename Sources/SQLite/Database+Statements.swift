import CSQLite

extension Database {
    /// Runs a prepared statement from the cache with `arguments` bound, and always resets it and
    /// clears its bindings afterwards, including when stepping or `body` threw, so a statement
    /// that failed midway is ready for its next use.
    func withStatement<T>(
        _ sql: String,
        _ arguments: [(any SQLValueConvertible)?],
        _ body: (Statement) throws -> T
    ) throws -> T {
        let statement = try statement(for: sql)
        if isReadOnlyAccess { try Self.requireReadOnly(statement.handle, sql: sql) }
        statement.isInUse = true
        defer {
            statement.reset()
            statement.isInUse = false
        }
        try statement.bind(arguments)
        return try body(statement)
    }

    static func requireReadOnly(_ statement: OpaquePointer, sql: String) throws {
        guard sqlite3_stmt_readonly(statement) != 0 else { throw readOnlyViolation(sql: sql) }
    }

    static func readOnlyViolation(sql: String) -> SQLiteError {
        SQLiteError(extendedResultCode: SQLITE_READONLY, message: "attempt to write inside a read; use write", sql: sql)
    }

    /// Runs one statement (INSERT, UPDATE, DELETE, DDL, PRAGMA) with `?` arguments bound.
    ///
    /// Any rows it returns are stepped through and ignored.
    /// - Parameters:
    ///   - sql: exactly one statement; `?` placeholders, never interpolated values.
    ///   - arguments: one value per placeholder, in order; `nil` binds NULL.
    /// - Throws: `SQLiteError` with the code, SQLite's message and `sql`, never a bound value.
    public func execute(_ sql: String, _ arguments: [(any SQLValueConvertible)?] = []) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() {}
        }
    }

    /// `execute` for values already in SQLite's types: binds them directly, sparing a cast per
    /// argument on bulk paths (seeding, imports) that run the same statement many times.
    public func execute(_ sql: String, values: [SQLValue]) throws {
        let statement = try statement(for: sql)
        if isReadOnlyAccess { try Self.requireReadOnly(statement.handle, sql: sql) }
        statement.isInUse = true
        defer {
            statement.reset()
            statement.isInUse = false
        }
        try statement.bind(values: values)
        while try statement.step() {}
    }

    /// Runs several statements separated by semicolons, without arguments (migrations, schema).
    ///
    /// Statements run one by one and are not cached; a failing one stops the script and the
    /// error names it. Wrap in `transaction` to make the script all-or-nothing.
    /// - Parameter sql: the script.
    /// - Throws: `SQLiteError` for the first statement that fails.
    public func executeScript(_ sql: String) throws {
        let connection = try connection()
        var failure: SQLiteError?
        sql.withCString { script in
            var next: UnsafePointer<CChar>? = script
            while let current = next, current.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                var code = sqlite3_prepare_v2(connection, current, -1, &statement, &tail)
                let length = tail.map { $0 - current } ?? strlenOf(current)
                let text = String(
                    decoding: UnsafeRawBufferPointer(start: current, count: length), as: UTF8.self
                ).trimmingWhitespace()
                if code == SQLITE_OK, let statement, isReadOnlyAccess, sqlite3_stmt_readonly(statement) == 0 {
                    failure = Self.readOnlyViolation(sql: text)
                } else if code == SQLITE_OK, let statement {
                    repeat { code = sqlite3_step(statement) } while code == SQLITE_ROW
                    if code == SQLITE_DONE { code = SQLITE_OK }
                }
                if code != SQLITE_OK {
                    failure = SQLiteError(connection: connection, code: code, sql: text)
                }
                sqlite3_finalize(statement)
                if failure != nil { return }
                next = tail
            }
        }
        if let failure { throw failure }
    }

    /// All rows of a query, in memory. Use `forEachRow` for results too large for memory.
    /// - Parameters:
    ///   - sql: one SELECT (or other row-returning statement) with `?` placeholders.
    ///   - arguments: one value per placeholder.
    /// - Returns: the rows; they share one column-name table.
    public func query(_ sql: String, _ arguments: [(any SQLValueConvertible)?] = []) throws -> [Row] {
        try withStatement(sql, arguments) { statement in
            var rows: [Row] = []
            while try statement.step() {
                rows.append(statement.row())
            }
            return rows
        }
    }

    /// The first row of a query, or `nil` when there is none. Stops after one row.
    /// - Parameters:
    ///   - sql: one row-returning statement with `?` placeholders.
    ///   - arguments: one value per placeholder.
    public func queryRow(_ sql: String, _ arguments: [(any SQLValueConvertible)?] = []) throws -> Row? {
        try withStatement(sql, arguments) { statement in
            try statement.step() ? statement.row() : nil
        }
    }

    /// The first column of the first row converted to `T`, or `nil` when there is no row or
    /// the value is NULL.
    /// - Parameters:
    ///   - sql: one row-returning statement with `?` placeholders.
    ///   - arguments: one value per placeholder.
    ///   - type: the Swift type to read.
    /// - Throws: `SQLiteError.typeMismatch` when the value does not convert to `T`.
    public func scalar<T: SQLValueConvertible>(
        _ sql: String,
        _ arguments: [(any SQLValueConvertible)?] = [],
        as type: T.Type = T.self
    ) throws -> T? {
        try withStatement(sql, arguments) { statement in
            guard try statement.step(), sqlite3_column_count(statement.handle) > 0 else { return nil }
            let value = statement.value(at: 0)
            if value.isNull { return nil }
            guard let converted = T.fromSQL(value) else {
                let column = statement.currentLayout().columns.first ?? "#0"
                throw SQLiteError.typeMismatch(column: column, expected: T.self, found: value, sql: sql)
            }
            return converted
        }
    }

    /// Calls `body` for each row as SQLite produces it: constant memory, for exports and
    /// large scans. Do not keep the connection busy with slow work inside `body`: the read
    /// transaction stays open until the last row.
    /// - Parameters:
    ///   - sql: one row-returning statement with `?` placeholders.
    ///   - arguments: one value per placeholder.
    ///   - body: called once per row; throwing stops the scan and is rethrown.
    public func forEachRow(
        _ sql: String,
        _ arguments: [(any SQLValueConvertible)?] = [],
        _ body: (Row) throws -> Void
    ) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() {
                try body(statement.row())
            }
        }
    }
}

private func strlenOf(_ pointer: UnsafePointer<CChar>) -> Int {
    var length = 0
    while pointer[length] != 0 { length += 1 }
    return length
}

extension String {
    // Error text only; avoids Foundation's trimmingCharacters in this layer.
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == ";" }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
