import HTTPServer
import ShopCore

/// The customers a bulk action applies to: rows ticked in the list (`customer.<id>` fields, or
/// the confirmation form's `ids`), or every customer the list's search and filters match
/// (`scope=all`, the filters in the form's action URL).
///
/// The API's mass actions and the tags module's assignment select "all matching" themselves
/// (`filter`: the list's own parameters, or `all`), in SQL, however many match.
struct CustomerBulkSelection: Sendable {
    /// Ticked ids, sorted; nil for all matching.
    var ids: [Int64]?
    /// The API's list parameters of the page the action came from.
    var listQuery: [(String, String)]

    static func read(_ page: AdminPage) -> CustomerBulkSelection {
        let listQuery = CustomerListPage.apiQuery(page.request.queryItems)
        if page.form["scope"] == "all" { return CustomerBulkSelection(ids: nil, listQuery: listQuery) }
        var ids = Set<Int64>()
        for (key, value) in page.form where key.hasPrefix("customer.") && value == "on" {
            if let id = Int64(key.dropFirst("customer.".count)), id > 0 { ids.insert(id) }
        }
        for text in (page.form["ids"] ?? "").split(separator: ",") {
            if let id = Int64(text), id > 0 { ids.insert(id) }
        }
        return CustomerBulkSelection(ids: ids.sorted(), listQuery: listQuery)
    }

    var isEmpty: Bool { ids?.isEmpty ?? false }

    /// The confirmation form's fields that carry the selection on.
    var hiddenFields: HTML {
        guard let ids else { return "<input type=\"hidden\" name=\"scope\" value=\"all\">" }
        return "<input type=\"hidden\" name=\"ids\" value=\"\(ids.map(String.init).joined(separator: ","))\">"
    }

    /// How many customers the selection holds: the list's total for all matching (one call).
    func count(_ api: AdminAPI) async throws -> Int64 {
        if let ids { return Int64(ids.count) }
        return try await api.get("/customers", query: [("limit", "1")] + listQuery)["total"]?.int64 ?? 0
    }

    /// The selection as a mass action and the tag assignment name it: the ticked
    /// `customerIds`, or all matching as the list's own parameters (`filter`, without the sort,
    /// which does not change who matches), or `all` when the list has no search or filter.
    var massSelection: [String: JSONValue] {
        if let ids { return ["customerIds": .array(ids.map { .int($0) })] }
        let parameters = listQuery.filter { $0.0 != "sort" }
        guard !parameters.isEmpty else { return ["all": .bool(true)] }
        return ["filter": .object(Dictionary(parameters.map { ($0.0, JSONValue.string($0.1)) }) { _, last in last })]
    }
}
