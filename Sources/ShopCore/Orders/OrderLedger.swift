import SQLite

/// What modules may read of a customer's orders (credit limit: the outstanding amount),
/// in the company currency. Runs inside the caller's transaction.
public enum OrderLedger {
    /// The sum of the customer's open orders: placed or invoiced, not yet paid or cancelled.
    public static func outstanding(_ db: Database, customerID: Int64) throws -> Int64 {
        try db.scalar("SELECT \(outstandingExpression(customerID: "?"))", [customerID], as: Int64.self) ?? 0
    }

    /// The same sum as an SQL expression over a customer id expression (`l.customer_id`), for a
    /// module's list filter ("over 80 % of the credit limit"), so the two never disagree.
    public static func outstandingExpression(customerID expression: String) -> String {
        "(SELECT coalesce(sum(o.total_company), 0) FROM sales_order o"
            + " WHERE o.customer_id = \(expression) AND o.status IN ('placed','invoiced'))"
    }

    /// The outstanding amounts of many customers at once (for list columns), keyed by customer id.
    public static func outstanding(_ db: Database, customerIDs: [Int64]) throws -> [Int64: Int64] {
        guard !customerIDs.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: customerIDs.count).joined(separator: ",")
        var result: [Int64: Int64] = [:]
        for row in try db.query(
            """
            SELECT customer_id, sum(total_company) FROM sales_order
            WHERE customer_id IN (\(marks)) AND status IN ('placed','invoiced') GROUP BY customer_id
            """, customerIDs)
        {
            if case .integer(let id) = row[0], case .integer(let amount) = row[1] { result[id] = amount }
        }
        return result
    }

    /// The shop's company currency (limits and sales totals are kept in it).
    public static func companyCurrency(_ db: Database) throws -> String { try PriceBookLoader.companyCurrency(db) }
}
