/// One SQLite value, exactly as SQLite stores it (its five storage classes).
///
/// Every value that crosses the layer is converted to or from this enum, so the rest of the
/// program never sees a C type and the binding code has one switch to get right.
public enum SQLValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A 64-bit signed integer (SQLite's INTEGER storage class).
    case integer(Int64)
    /// An IEEE 754 double (SQLite's REAL storage class). NaN is stored by SQLite as NULL.
    case real(Double)
    /// UTF-8 text (SQLite's TEXT storage class).
    case text(String)
    /// Raw bytes (SQLite's BLOB storage class); an empty blob stays an empty blob, not NULL.
    case blob([UInt8])

    /// Whether the value is SQL NULL; saves a `case` pattern at call sites.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The storage class name, used in error messages instead of the value itself
    /// (bound and stored values never appear in error text).
    public var storageClassName: String {
        switch self {
        case .null: return "null"
        case .integer: return "integer"
        case .real: return "real"
        case .text: return "text"
        case .blob: return "blob"
        }
    }
}
