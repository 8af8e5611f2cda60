import ShopCore

/// The customer list's `incomplete` filter: `true` lists the customers who lack a field their
/// store requires, `false` the others. The same SQL as the check after a write and the list
/// of incomplete customers, so the three never disagree.
enum IncompleteListFilter {
    static let filter = CustomerListFilter(
        parameter: "incomplete", summary: "Customers who lack a field their store requires (true) or who lack none (false)",
        fieldAwareCondition: { text, moduleFields in
            let condition = MissingFields(catalog: RequirableCatalog(moduleFields: moduleFields)).incompleteCondition
            switch text {
            case "true", "1": return (condition, [])
            case "false", "0": return ("NOT (\(condition))", [])
            default:
                throw HTTPError.badRequest("incomplete must be true or false.", code: "invalid_query", field: "incomplete")
            }
        })
}
