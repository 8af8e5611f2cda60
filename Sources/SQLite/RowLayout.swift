/// The column names of one prepared query, shared by every row it returns.
///
/// Rows hold a reference to this instead of a dictionary each, so a query returning a million
/// rows allocates one name table, not a million.
final class RowLayout: Sendable {
    /// Column names in result order.
    let columns: [String]
    /// The query text, for errors raised while reading a row.
    let sql: String
    // Lowercased name -> first index, for the case-insensitive fallback (SQL names are
    // case-insensitive; `SELECT ID` should answer to "id").
    private let lowercasedIndex: [String: Int]

    init(columns: [String], sql: String) {
        self.columns = columns
        self.sql = sql
        var index: [String: Int] = [:]
        for (position, name) in columns.enumerated() where index[name.lowercased()] == nil {
            index[name.lowercased()] = position
        }
        self.lowercasedIndex = index
    }

    /// The first column with that name: exact match first (a short linear scan, no hashing),
    /// then case-insensitive.
    func index(of name: String) -> Int? {
        if let position = columns.firstIndex(of: name) { return position }
        return lowercasedIndex[name.lowercased()]
    }
}
