import SQLite

extension CustomerCSVExport {
    /// The export's own parameters, besides the customer list's search and filters.
    static let ownParameters: Set<String> = ["format", "fields", "separator", "bom", "ids"]

    /// An export from query parameters, as `GET /customers/export.csv` takes them (format,
    /// fields, separator, bom, the ticked rows' `ids`, and the list's `q` and filters); an export job keeps them and
    /// builds the same export again when it resumes after a restart. Bad values are a 400
    /// naming the parameter.
    static func make(
        parameters items: [String: String], filters: [CustomerListFilter], moduleFields: [CustomerFieldDefinition],
        modules: [any FeatureModule]
    ) throws -> CustomerCSVExport {
        let formatText = items["format"] ?? "native"
        guard let format = CustomerCSVFormat(rawValue: formatText) else {
            throw HTTPError.badRequest(
                "format must be one of \(CustomerCSVFormat.allCases.map(\.rawValue).joined(separator: ", ")).", code: "invalid_query",
                field: "format")
        }
        let fields = items["fields"].map { $0.split(separator: ",").map { String($0).trimmedWhitespace() } }
        var query = try CustomerListQuery(items: items, filters: filters, moduleFields: moduleFields, extraParameters: ownParameters)
        // The rows a merchant ticked: within the search and filters, if any are given too.
        if let ids = try CustomerCSVRoutes.selectedIDs(items["ids"]) {
            query.conditions.append("customer.id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))")
            query.arguments.append(contentsOf: ids.map { $0 as (any SQLValueConvertible)? })
        }
        let bom: Bool
        switch items["bom"] {
        case nil, "false", "0": bom = false
        case "true", "1": bom = true
        default: throw HTTPError.badRequest("bom must be true or false.", code: "invalid_query", field: "bom")
        }
        return try CustomerCSVExport(
            format: format, fields: fields, separator: try CustomerCSVRoutes.separator(items["separator"]), byteOrderMark: bom,
            modules: modules, query: query)
    }
}
