import ShopCore

/// The customer-list filter "over N % of the credit limit" (DOMAIN.md 004): customers with a
/// limit of their own whose outstanding amount is more than N % of it. N is 0 to 1000 with at
/// most two decimals (over 100 % finds limits an override went past). The outstanding amount is
/// the core's own SQL (`OrderLedger.outstandingExpression`), so the list and the guard agree.
enum CreditUsedFilter {
    static let parameter = "creditUsedOverPercent"

    static var filter: CustomerListFilter {
        CustomerListFilter(
            parameter: parameter,
            summary: "Customers whose outstanding amount is over this percentage of their own credit limit (0 to 1000)"
        ) { text in
            let hundredths = try hundredths(text)
            // outstanding / limit > N / 100  ⇔  outstanding × 10,000 > limit × (N × 100)
            return (
                "customer.id IN (SELECT l.customer_id FROM credit_limit_customer l WHERE "
                    + "\(OrderLedger.outstandingExpression(customerID: "l.customer_id")) * 10000 > l.amount * ?)",
                [.integer(hundredths)]
            )
        }
    }

    /// `80` or `80.5` as hundredths of a percent (8000, 8050); a 400 naming the parameter otherwise.
    static func hundredths(_ text: String) throws -> Int64 {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let digits = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard parts.count <= 2, parts.allSatisfy(digits), parts[0].count <= 4, parts.count == 1 || parts[1].count <= 2,
            let whole = Int64(parts[0])
        else {
            throw HTTPError.badRequest(
                "\(parameter) must be a percentage from 0 to 1000 with at most two decimals, such as 80 or 92.5.", code: "invalid_query",
                field: parameter)
        }
        // "92.5" is 92.50: one decimal counts tens of hundredths.
        let fraction = parts.count == 2 ? (Int64(parts[1]) ?? 0) * (parts[1].count == 1 ? 10 : 1) : 0
        let value = whole * 100 + fraction
        guard value <= 100_000 else {
            throw HTTPError.badRequest("\(parameter) must be at most 1000.", code: "invalid_query", field: parameter)
        }
        return value
    }
}
