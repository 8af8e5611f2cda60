import SQLite

/// A column a module adds to the customer CSV (the tags module's `tags`): exported with every
/// native export that picks it (and in another platform's layout where that layout has the
/// column, such as Shopify's `Tags`), and read back by the import. The module keeps the data
/// in its own tables, so the core reaches it only through `FeatureModule.customerCSVValues`
/// and `FeatureModule.importCustomerCSVValue`.
///
/// ```swift
/// var customerCSVColumns: [CustomerCSVColumn] { [CustomerCSVColumn(name: "tags", otherNames: [.shopify: "Tags"])] }
/// ```
public struct CustomerCSVColumn: Sendable, Equatable {
    /// The column's name in the native layout (`tags`); unique among the shop's columns.
    public let name: String
    /// The header another platform's layout gives the same data (`[.shopify: "Tags"]`): the
    /// export fills that layout's column with it and the import reads that header too.
    public let otherNames: [CustomerCSVFormat: String]

    public init(name: String, otherNames: [CustomerCSVFormat: String] = [:]) {
        self.name = name
        self.otherNames = otherNames
    }
}

/// One cell of a module's CSV column on its way into the shop: which customer (created or
/// matched by the import a moment before, in the same savepoint), the cell as the file has
/// it, and who imports, for the module's audit entry.
public struct CustomerCSVCell: Sendable {
    /// The column's native name (`tags`), also for errors: a `HTTPError.invalid` naming it is
    /// reported against the file's own header for the column.
    public let column: String
    public let customerID: Int64
    /// The cell's text, trimmed and never empty (an empty cell keeps what the customer has).
    public let text: String
    public let actor: AuditActor
    public let requestID: String?

    public init(column: String, customerID: Int64, text: String, actor: AuditActor, requestID: String?) {
        self.column = column
        self.customerID = customerID
        self.text = text
        self.actor = actor
        self.requestID = requestID
    }
}
