import HTTPServer
import ShopCore

/// The customers a bulk action applies to: rows ticked in the list (`customer.<id>` fields, or
/// the confirmation form's `ids`), or every customer the list's search and filters match
/// (`scope=all`, the filters in the form's action URL).
///
/// The API's mass actions select "all matching" themselves (`filter`: the list's own
/// parameters, or `all`), in SQL, however many match. The tags module's assignment takes a
/// filter of the search (and tags) only; with any other filter its "all matching" is turned
/// into ids by walking the list API's keyset pages (500 a call, up to that API's own limit).
struct CustomerBulkSelection: Sendable {
    /// Ticked ids, sorted; nil for all matching.
    var ids: [Int64]?
    /// The API's list parameters of the page the action came from.
    var listQuery: [(String, String)]

    /// The most ids the tags module's assignment takes in one call (its `customerIds` limit).
    static let maximumTagIDs = 100_000

    /// Too many customers match for one call that takes ids.
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

    /// The selection as a mass action names it (`POST /customers/mass-actions`): the ticked
    /// `customerIds`, or all matching as the list's own parameters (`filter`, without the sort,
    /// which does not change who matches), or `all` when the list has no search or filter.
    var massSelection: [String: JSONValue] {
        if let ids { return ["customerIds": .array(ids.map { .int($0) })] }
        let parameters = listQuery.filter { $0.0 != "sort" }
        guard !parameters.isEmpty else { return ["all": .bool(true)] }
        return ["filter": .object(Dictionary(parameters.map { ($0.0, JSONValue.string($0.1)) }) { _, last in last })]
    }

    /// Every id of the selection, through the list API's pages for all matching (for the tag
    /// assignment of a list with filters it cannot take; at most `maximumTagIDs`).
    func collectIDs(_ api: AdminAPI) async throws -> [Int64] {
        if let ids { return ids }
        var collected: [Int64] = []
        var cursor: String?
        let query = listQuery.filter { $0.0 != "sort" } + [("sort", "id"), ("limit", "500")]
        repeat {
            let page = try await api.get("/customers", query: query + (cursor.map { [("cursor", $0)] } ?? []))
            collected += (page["customers"]?.elements ?? []).compactMap { $0["id"]?.int64 }
            guard collected.count <= Self.maximumTagIDs else { throw TooMany() }
            cursor = page["nextCursor"]?.stringValue
        } while cursor != nil
        return collected
    }
}
