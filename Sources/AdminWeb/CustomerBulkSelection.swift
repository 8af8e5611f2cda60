import HTTPServer
import ShopCore

/// The customers a bulk action applies to: rows ticked in the list (`customer.<id>` fields, or
/// the confirmation form's `ids`), or every customer the list's search and filters match
/// (`scope=all`, the filters in the form's action URL).
///
/// The API's mass actions take customer ids, and its tag assignment a filter of the search and
/// tags only; so "all matching" with any other filter is turned into ids by walking the list
/// API's keyset pages (500 ids a call, at most `maximumIDs`).
struct CustomerBulkSelection: Sendable {
    /// Ticked ids, sorted; nil for all matching.
    var ids: [Int64]?
    /// The API's list parameters of the page the action came from.
    var listQuery: [(String, String)]

    /// The most customers one action reaches (the API's limit of a mass action).
    static let maximumIDs = 100_000

    /// Too many customers match for one action.
    struct TooMany: Error {}

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

    /// The selection as the tag assignment's `filter`, when the list has only a search (the
    /// API selects those customers itself, in SQL); nil otherwise.
    var tagFilter: JSONValue? {
        guard ids == nil, let search = listQuery.first(where: { $0.0 == "q" })?.1,
            listQuery.allSatisfy({ $0.0 == "q" || $0.0 == "sort" })
        else { return nil }
        return .object(["q": .string(search)])
    }

    /// Every id of the selection, through the list API's pages for all matching.
    func collectIDs(_ api: AdminAPI) async throws -> [Int64] {
        if let ids { return ids }
        var collected: [Int64] = []
        var cursor: String?
        let query = listQuery.filter { $0.0 != "sort" } + [("sort", "id"), ("limit", "500")]
        repeat {
            let page = try await api.get("/customers", query: query + (cursor.map { [("cursor", $0)] } ?? []))
            collected += (page["customers"]?.elements ?? []).compactMap { $0["id"]?.int64 }
            guard collected.count <= Self.maximumIDs else { throw TooMany() }
            cursor = page["nextCursor"]?.stringValue
        } while cursor != nil
        return collected
    }
}
