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

    /// For a filter whose condition depends on the shop's other modules: gets the customer
    /// fields they add too (the required-fields module's `incomplete` must know how to tell
    /// that a module's field is empty). Nil for filters that need only the text.
    public let fieldAwareCondition: (@Sendable (String, [CustomerFieldDefinition]) throws -> (sql: String, arguments: [SQLValue]))?

    public init(
        parameter: String, summary: String, condition: @escaping @Sendable (String) throws -> (sql: String, arguments: [SQLValue])
    ) {
        self.parameter = parameter
        self.summary = summary
        self.condition = condition
        self.fieldAwareCondition = nil
    }

    /// A filter whose condition also gets the customer fields of the shop's enabled modules.
    public init(
        parameter: String, summary: String,
        fieldAwareCondition: @escaping @Sendable (String, [CustomerFieldDefinition]) throws -> (sql: String, arguments: [SQLValue])
    ) {
        self.parameter = parameter
        self.summary = summary
        self.condition = { try fieldAwareCondition($0, []) }
        self.fieldAwareCondition = fieldAwareCondition
    }

    /// The condition for `text` in a shop whose enabled modules add `moduleFields`.
    public func condition(_ text: String, moduleFields: [CustomerFieldDefinition]) throws -> (sql: String, arguments: [SQLValue]) {
        try fieldAwareCondition?(text, moduleFields) ?? condition(text)
    }
}
