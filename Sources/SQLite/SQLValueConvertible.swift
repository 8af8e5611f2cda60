/// A Swift type that can be bound as a statement argument and read back from a column.
///
/// Conversions are explicit and lossless: reading returns `nil` when the stored value cannot
/// become `Self` without loss (a text where an integer is expected, an out-of-range integer),
/// and `Row.get` turns that `nil` into a `SQLiteError` naming the column.
///
/// ```swift
/// extension CustomerID: SQLValueConvertible {
///     var sqlValue: SQLValue { .integer(rawValue) }
///     static func fromSQL(_ value: SQLValue) -> CustomerID? {
///         guard case .integer(let raw) = value else { return nil }
///         return CustomerID(rawValue: raw)
///     }
/// }
/// ```
public protocol SQLValueConvertible: Sendable {
    /// The value to bind for this Swift value.
    var sqlValue: SQLValue { get }

    /// The Swift value for a stored value, or `nil` when it does not convert without loss.
    /// - Parameter value: the value read from a column.
    static func fromSQL(_ value: SQLValue) -> Self?
}

extension SQLValue: SQLValueConvertible {
    /// The value itself, so raw values can be bound and read like any other type.
    public var sqlValue: SQLValue { self }

    /// Always succeeds: any stored value is a `SQLValue`.
    public static func fromSQL(_ value: SQLValue) -> SQLValue? { value }
}

extension Int64: SQLValueConvertible {
    /// Binds as INTEGER.
    public var sqlValue: SQLValue { .integer(self) }

    /// Reads INTEGER, or a REAL holding an exact integer (SQLite may store 3.0 for 3).
    public static func fromSQL(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let integer): return integer
        case .real(let real): return Int64(exactly: real)
        default: return nil
        }
    }
}

extension Int: SQLValueConvertible {
    /// Binds as INTEGER.
    public var sqlValue: SQLValue { .integer(Int64(self)) }

    /// Reads INTEGER (or an exact-integer REAL) that fits in `Int`.
    public static func fromSQL(_ value: SQLValue) -> Int? {
        Int64.fromSQL(value).flatMap { Int(exactly: $0) }
    }
}

extension Int32: SQLValueConvertible {
    /// Binds as INTEGER.
    public var sqlValue: SQLValue { .integer(Int64(self)) }

    /// Reads INTEGER (or an exact-integer REAL) that fits in `Int32`; larger values are `nil`,
    /// never truncated.
    public static func fromSQL(_ value: SQLValue) -> Int32? {
        Int64.fromSQL(value).flatMap { Int32(exactly: $0) }
    }
}

extension Double: SQLValueConvertible {
    /// Binds as REAL.
    public var sqlValue: SQLValue { .real(self) }

    /// Reads REAL, or INTEGER converted to the nearest double.
    public static func fromSQL(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let real): return real
        case .integer(let integer): return Double(integer)
        default: return nil
        }
    }
}

extension Bool: SQLValueConvertible {
    /// Binds as INTEGER 1 or 0, SQLite's own boolean convention.
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }

    /// Reads INTEGER: zero is false, anything else true (as SQLite's own `WHERE flag` does).
    public static func fromSQL(_ value: SQLValue) -> Bool? {
        guard case .integer(let integer) = value else { return nil }
        return integer != 0
    }
}

extension String: SQLValueConvertible {
    /// Binds as TEXT.
    public var sqlValue: SQLValue { .text(self) }

    /// Reads TEXT only; numbers are not silently turned into strings.
    public static func fromSQL(_ value: SQLValue) -> String? {
        guard case .text(let text) = value else { return nil }
        return text
    }
}

extension Array: SQLValueConvertible where Element == UInt8 {
    /// Binds as BLOB (an empty array binds an empty blob, not NULL).
    public var sqlValue: SQLValue { .blob(self) }

    /// Reads BLOB only.
    public static func fromSQL(_ value: SQLValue) -> [UInt8]? {
        guard case .blob(let bytes) = value else { return nil }
        return bytes
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    /// Binds `nil` as NULL and a wrapped value as that value.
    public var sqlValue: SQLValue {
        switch self {
        case .none: return .null
        case .some(let wrapped): return wrapped.sqlValue
        }
    }

    /// Reads NULL as `.some(nil)`; any other value must convert to `Wrapped`.
    public static func fromSQL(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        guard let wrapped = Wrapped.fromSQL(value) else { return nil }
        return .some(wrapped)
    }
}
