/// One customer read from an import file: the body a create or update takes, the records it
/// came from (a Magento composite customer spans its address rows) and what was wrong with
/// its cells before any write.
public struct CustomerImportRow: Sendable {
    /// The record number of its first row (the header is 1).
    public var row: Int
    /// The record number of its last row: a batch that commits it may resume after this.
    public var lastRow: Int
    public var input: [String: JSONValue]
    /// Names of groups and the store code, resolved against the shop at write time.
    var groupNames: [String] = []
    var defaultGroupName: String?
    var storeCode: String?
    /// The cells of the modules' CSV columns (`tags`), by native name; empty cells left out.
    var moduleCells: [String: String] = [:]
    public var problems: [CustomerImportProblem]
}

/// One line of an import report: the row, the column as the file names it, and the problem.
public struct CustomerImportProblem: Sendable, Equatable {
    public var row: Int
    public var column: String?
    public var code: String
    public var message: String

    public init(row: Int, column: String?, code: String, message: String) {
        self.row = row
        self.column = column
        self.code = code
        self.message = message
    }

    public var json: JSONValue {
        .object([
            "row": .int(Int64(row)), "column": column.map { .string($0) } ?? .null, "code": .string(code), "message": .string(message),
        ])
    }
}
