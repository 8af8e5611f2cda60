import SQLite

extension CustomerListQuery {
    /// The ids of every customer the list shows for this query (its search and filters, no
    /// page): one statement selecting a column `id`, for a job that freezes its set at start
    /// (`INSERT … SELECT`) without holding the ids in memory.
    var selection: (sql: String, arguments: [(any SQLValueConvertible)?]) {
        var conditions = self.conditions
        var arguments = self.arguments
        if let search {
            if let match = CustomerSearchIndex.matchExpression(search) {
                conditions.append("customer.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)")
                arguments.append(match)
            } else {
                // Nothing searchable: the list shows no one, so neither does the selection.
                conditions.append("0")
            }
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return ("SELECT customer.id AS id FROM customer\(whereClause)", arguments)
    }
}
