/// One result row: its values, plus the column names shared with the other rows of the query.
///
/// A value type that can leave the database queue (it holds no SQLite handle).
public struct Row: Sendable {
    let layout: RowLayout
    /// The values in column order.
    public let values: [SQLValue]

    init(layout: RowLayout, values: [SQLValue]) {
        self.layout = layout
        self.values = values
    }

    /// The column names in result order.
    public var columns: [String] { layout.columns }

    /// The value of the named column, or `.null` if the row has no such column.
    /// Use `get` when a missing column should be an error.
    public subscript(_ column: String) -> SQLValue {
        guard let index = layout.index(of: column) else { return .null }
        return values[index]
    }

    /// The value at a column position; traps when out of range, like an array.
    public subscript(_ index: Int) -> SQLValue { values[index] }

    /// The named column converted to `T`.
    ///
    /// Read a nullable column as an optional (`as: String?.self`): a NULL read as a
    /// non-optional type is a type mismatch.
    /// - Parameters:
    ///   - column: the column name (case-insensitive, first match).
    ///   - type: the Swift type to convert to.
    /// - Throws: `SQLiteError.missingColumn` or `SQLiteError.typeMismatch`, naming the column.
    public func get<T: SQLValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let index = layout.index(of: column) else {
            throw SQLiteError.missingColumn(column, sql: layout.sql)
        }
        let value = values[index]
        guard let converted = T.fromSQL(value) else {
            throw SQLiteError.typeMismatch(column: column, expected: T.self, found: value, sql: layout.sql)
        }
        return converted
    }

    /// The column at a position converted to `T`.
    /// - Throws: `SQLiteError.missingColumn` when out of range, `SQLiteError.typeMismatch`.
    public func get<T: SQLValueConvertible>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(index) else {
            throw SQLiteError.missingColumn("#\(index)", sql: layout.sql)
        }
        let value = values[index]
        guard let converted = T.fromSQL(value) else {
            throw SQLiteError.typeMismatch(column: layout.columns[index], expected: T.self, found: value, sql: layout.sql)
        }
        return converted
    }
}
