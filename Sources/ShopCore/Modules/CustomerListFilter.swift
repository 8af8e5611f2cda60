import SQLite

/// A filter a module adds to the customer list (tags: "has all of", "over 80 % of the
/// credit limit"): a query parameter and the SQL condition it becomes. The condition is
/// written against `customer.id` and the other `customer` columns, in the shop's own
/// database, and gets its values as bound arguments only.
public struct CustomerListFilter: Sendable {
    /// The query parameter, e.g. `tagsAll`.
    public let parameter: String
    /// What the parameter means, for the API description.
    public let summary: String
    /// Turns the parameter's text into a condition and its arguments, or throws an
    /// `HTTPError` naming the parameter.
    public let condition: @Sendable (String) throws -> (sql: String, arguments: [SQLValue])

    public init(
        parameter: String, summary: String, condition: @escaping @Sendable (String) throws -> (sql: String, arguments: [SQLValue])
    ) {
        self.parameter = parameter
        self.summary = summary
        self.condition = condition
    }
}
