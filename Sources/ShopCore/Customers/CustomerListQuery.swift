import Cryptography
import Foundation
import SQLite

/// The customer list: one search box, filters, a sort on any list column, keyset
/// pagination (a cursor, never an offset, so page 1,000 costs what page 1 does) and the total.
struct CustomerListQuery {
    /// List columns that can be sorted on: JSON key to column.
    static let sortable: [String: String] = [
        "id": "id", "lastName": "last_name", "firstName": "first_name", "email": "email_key", "company": "company",
        "registeredAt": "registered_at", "lastVisitAt": "last_visit_at", "totalSales": "total_sales",
        "orderCount": "order_count", "customerNumber": "customer_number",
    ]
    /// The index of each sortable column that has one (besides the id), `(column, id)`.
    static let sortIndexes: [String: String] = [
        "first_name": "customer_first_name", "last_name": "customer_last_name", "email_key": "customer_email_key",
        "total_sales": "customer_total_sales", "last_visit_at": "customer_last_visit", "registered_at": "customer_registered",
    ]
    /// From how many matches a filtered, sorted page walks the sort column's index: sorting a
    /// few thousand matches costs about what finding a page's 50 among them in the index does.
    static let sortIndexThreshold: Int64 = 2_000
    static let listFields = [
        "customerNumber", "socialTitle", "firstName", "lastName", "email", "company", "phone", "enabled", "activation",
        "newsletter", "partnerOffers", "smsMarketing", "totalSales", "orderCount", "registeredAt", "lastVisitAt", "hasAccount",
    ]

    /// The core's query parameters; modules add their filters' parameters.
    static let parameters: Set<String> = [
        "q", "sort", "limit", "cursor", "storeId", "groupId", "enabled", "blocked", "pending", "hasAccount", "registeredFrom",
        "registeredTo", "lastVisitFrom", "lastVisitTo",
    ]

    var search: String?
    var sortKey = "id"
    var descending = true
    var limit = 50
    var cursor: String?
    var conditions: [String] = []
    var arguments: [(any SQLValueConvertible)?] = []
    /// The filters among `conditions` the stored tally can count, kept apart: a list filtered
    /// by these alone takes its total from `customer_tally`, never by reading the rows.
    var tallied = CustomerTally.Filter()
    /// The group filter, kept apart likewise: alone, its total is the group's stored count.
    var groupFilter: Int64?

    /// Reads the query string; every bad parameter is a 400 naming it. `filters` are the
    /// enabled modules' list filters, `moduleFields` the customer fields those modules add.
    /// `extraParameters` are the caller's own parameters (an export's `format`), not filters.
    init(
        _ request: Request, filters: [CustomerListFilter] = [], moduleFields: [CustomerFieldDefinition] = [],
        extraParameters: Set<String> = []
    ) throws {
        try self.init(items: request.queryItems, filters: filters, moduleFields: moduleFields, extraParameters: extraParameters)
    }

    /// The same from parameters given as a dictionary (a mass action's `filter`), so a job
    /// selects exactly the customers the list shows for them.
    init(
        items query: [String: String], filters: [CustomerListFilter] = [], moduleFields: [CustomerFieldDefinition] = [],
        extraParameters: Set<String> = []
    ) throws {
        search = query["q"].flatMap { $0.trimmedWhitespace().isEmpty ? nil : $0 }
        if let sort = query["sort"] {
            let key = sort.hasPrefix("-") ? String(sort.dropFirst()) : sort
            guard CustomerListQuery.sortable[key] != nil else {
                throw HTTPError.badRequest(
                    "sort must be one of \(CustomerListQuery.sortable.keys.sorted().joined(separator: ", ")), with - for descending.",
                    code: "invalid_query", field: "sort")
            }
            sortKey = key
            descending = sort.hasPrefix("-")
        }
        if let text = query["limit"] {
            guard let number = Int(text), (1...500).contains(number) else {
                throw HTTPError.badRequest("limit must be a whole number from 1 to 500.", code: "invalid_query", field: "limit")
            }
            limit = number
        }
        cursor = query["cursor"]
        func flag(_ name: String) throws -> Bool? {
            guard let text = query[name] else { return nil }
            switch text {
            case "true", "1": return true
            case "false", "0": return false
            default: throw HTTPError.badRequest("\(name) must be true or false.", code: "invalid_query", field: name)
            }
        }
        func id(_ name: String) throws -> Int64? {
            guard let text = query[name] else { return nil }
            guard let value = Int64(text) else { throw HTTPError.badRequest("\(name) must be an id.", code: "invalid_query", field: name) }
            return value
        }
        func day(_ name: String) throws -> String? {
            guard let text = query[name] else { return nil }
            guard CalendarDay.isValid(text) else {
                throw HTTPError.badRequest("\(name) must be a date written YYYY-MM-DD.", code: "invalid_query", field: name)
            }
            return text
        }
        let known = CustomerListQuery.parameters.union(filters.map(\.parameter)).union(extraParameters)
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            // Never ignored: an unknown filter (a module's the shop lacks, or a typo) would
            // otherwise widen a list, or an export, to every customer.
            throw HTTPError.badRequest(
                "\(unknown) is not a filter of this shop's customer list; it takes: \(known.sorted().joined(separator: ", ")).",
                code: "unknown_parameter", field: unknown)
        }
        for filter in filters {
            guard let text = query[filter.parameter] else { continue }
            let (sql, values) = try filter.condition(text, moduleFields: moduleFields)
            conditions.append("(\(sql))")
            arguments.append(contentsOf: values.map { $0 as (any SQLValueConvertible)? })
        }
        if let store = try id("storeId") {
            add("customer.store_id = ?", store)
            tallied.storeID = store
        }
        if let group = try id("groupId") {
            groupFilter = group
            add("EXISTS (SELECT 1 FROM customer_group_member m WHERE m.customer_id = customer.id AND m.group_id = ?)", group)
        }
        // Written out, not bound: SQLite matches a partial index (disabled, blocked, pending
        // customers: the few a shop looks for) only against a condition it can read.
        if let enabled = try flag("enabled") {
            conditions.append(enabled ? "customer.enabled = 1" : "customer.enabled = 0")
            tallied.enabled = enabled
        }
        if let blocked = try flag("blocked") {
            conditions.append(blocked ? "customer.blocked_reason IS NOT NULL" : "customer.blocked_reason IS NULL")
        }
        if let pending = try flag("pending") {
            conditions.append(pending ? "customer.activation = 'pending'" : "customer.activation = 'active'")
        }
        if let account = try flag("hasAccount") { add("customer.has_account = ?", account) }
        if let from = try day("registeredFrom") {
            add("customer.registered_at >= ?", from)
            tallied.registeredFrom = from
        }
        if let to = try day("registeredTo") {
            add("customer.registered_at < date(?, '+1 day')", to)
            tallied.registeredTo = to
        }
        if let from = try day("lastVisitFrom") { add("customer.last_visit_at >= ?", from) }
        if let to = try day("lastVisitTo") { add("customer.last_visit_at < date(?, '+1 day')", to) }
    }

    private mutating func add(_ condition: String, _ value: any SQLValueConvertible) {
        conditions.append(condition)
        arguments.append(value)
    }

    /// One page and the total count of the filtered set. With a search, the full-text index
    /// drives the query: sorted by id it walks the index's own order and stops after one
    /// page, however many customers match.
    /// `modules` are the shop's enabled modules; those with list columns fill them in for the page.
    /// Returns the page's rows as read; `CustomerListPage.encoded()` writes the body after the
    /// read, off the shop's database thread, which every read of the shop shares.
    func run(_ db: Database, counts: SearchCountCache? = nil, modules: [any FeatureModule] = []) throws -> CustomerListPage {
        var from = "customer"
        var filters = conditions
        var filterArguments = arguments
        var countSQL: String
        if let search {
            guard let match = CustomerSearchIndex.matchExpression(search) else {
                return CustomerListPage(rows: [], ids: [], fields: [], moduleColumns: [], nextCursor: nil, total: 0)
            }
            from = "customer_search JOIN customer ON customer.id = customer_search.rowid"
            filters.insert("customer_search MATCH ?", at: 0)
            filterArguments.insert(match, at: 0)
        }
        let whereClause = filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")
        // Every row of the index is a customer, so a bare search counts in the index alone.
        countSQL =
            search != nil && conditions.isEmpty
            ? "SELECT count(*) FROM customer_search WHERE customer_search MATCH ?" : "SELECT count(*) FROM \(from) \(whereClause)"
        let total: Int64
        if search == nil, conditions.count == tallied.conditions {
            // No filter, or only store, enabled and registration dates: the stored tally
            // answers in a sum of a few rows, where counting read every matching customer.
            total = try CustomerTally.count(db, tallied)
        } else if search == nil, conditions.count == 1, let groupFilter {
            total = try CustomerTally.groupCount(db, groupID: groupFilter)
        } else {
            total =
                try counts?.count(db, sql: countSQL, arguments: filterArguments)
                ?? (db.scalar(countSQL, filterArguments, as: Int64.self) ?? 0)
        }

        let column = CustomerListQuery.sortable[sortKey]!
        let sortExpression = column == "id" && search != nil ? "customer_search.rowid" : "customer.\(column)"
        let direction = descending ? "DESC" : "ASC"
        let comparison = descending ? "<" : ">"
        var pageFilters = filters
        var pageArguments = filterArguments
        if let cursor {
            let (value, id) = try CustomerListQuery.decodeCursor(cursor)
            if column == "id" {
                pageFilters.append("\(sortExpression) \(comparison) ?")
                pageArguments.append(id)
            } else if value == .null {
                // NULLs sort first ascending and last descending in SQLite.
                pageFilters.append(
                    descending ? "(customer.\(column) IS NULL AND customer.id < ?)" : "(customer.\(column) IS NOT NULL OR customer.id > ?)")
                pageArguments.append(id)
            } else {
                pageFilters.append(
                    "(customer.\(column) \(comparison) ? OR (customer.\(column) = ? AND customer.id \(comparison) ?)"
                        + (descending ? " OR customer.\(column) IS NULL)" : ")"))
                pageArguments.append(contentsOf: [value, value, id] as [(any SQLValueConvertible)?])
            }
        }
        let pageWhere = pageFilters.isEmpty ? "" : "WHERE " + pageFilters.joined(separator: " AND ")
        // Few matches of a filter, sorted on another column: `+` keeps SQLite off the sort
        // column's index (walking it past every customer to find the few: 45 ms a page for
        // 100,000), so it finds them by the filter's index and sorts those.
        let fewMatches = search == nil && !conditions.isEmpty && total <= CustomerListQuery.sortIndexThreshold
        let sortTerm = fewMatches ? "+customer.\(column)" : "customer.\(column)"
        let order = column == "id" ? "\(sortExpression) \(direction)" : "\(sortTerm) \(direction), customer.id \(direction)"
        // Filters that match many customers, sorted on another column: walk the sort column's
        // index and keep the matches (at least one row in a hundred matches, so a page is found
        // within a few thousand) instead of letting SQLite pick the filter's index and sort every
        // match (150 ms a page for 100,000 customers of one store sorted by sales; the shop has
        // no statistics to tell it otherwise). The largest id stands in for the table's size.
        var pageFrom = from
        if search == nil, !conditions.isEmpty, total > CustomerListQuery.sortIndexThreshold,
            let index = CustomerListQuery.sortIndexes[column],
            total * 100 >= (try db.scalar("SELECT max(id) FROM customer", as: Int64.self) ?? 0)
        {
            pageFrom = "customer INDEXED BY \(index)"
        }
        let fields = CustomerListQuery.listFields.compactMap { CustomerField.byKey[$0] }
        let rows = try db.query(
            """
            SELECT customer.id, customer.store_id, customer.default_group_id, customer.blocked_reason,
                   customer.\(column) AS sort_value, \(fields.map { "customer.\($0.column)" }.joined(separator: ", "))
            FROM \(pageFrom) \(pageWhere) ORDER BY \(order) LIMIT ?
            """, pageArguments + [limit + 1])
        let page = Array(rows.prefix(limit))
        var ids: [Int64] = []
        ids.reserveCapacity(page.count)
        for row in page { ids.append(try row.get(0)) }
        var next: String?
        if rows.count > limit, let last = page.last {
            next = CustomerListQuery.encodeCursor(last["sort_value"], try last.get("id"))
        }
        return CustomerListPage(
            rows: page, ids: ids, fields: fields, moduleColumns: try CustomerListQuery.moduleColumns(db, ids: ids, modules: modules),
            nextCursor: next, total: total)
    }

    /// The modules' list columns (`creditLimit`), one call per module for the whole page; a
    /// column a module leaves out for a customer is null, so every row has the same keys.
    static func moduleColumns(
        _ db: Database, ids: [Int64], modules: [any FeatureModule]
    ) throws -> [(keys: [String], values: [Int64: [String: JSONValue]])] {
        guard !ids.isEmpty else { return [] }
        return try modules.filter { !$0.customerListColumns.isEmpty }.map { module in
            (Array(module.customerListColumns.keys), try module.customerListValues(db, customerIDs: ids))
        }
    }

    static func encodeCursor(_ value: SQLValue, _ id: Int64) -> String {
        let json: JSONValue
        switch value {
        case .integer(let number): json = .array([.int(number), .int(id)])
        case .text(let text): json = .array([.string(text), .int(id)])
        default: json = .array([.null, .int(id)])
        }
        return Base64URL.encode(json.serialized())
    }

    static func decodeCursor(_ text: String) throws -> (SQLValue, Int64) {
        guard let bytes = Base64URL.decode(text),
            case .array(let items)? = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)), items.count == 2,
            case .int(let id) = items[1]
        else { throw HTTPError.badRequest("cursor is not one this list gave out.", code: "invalid_query", field: "cursor") }
        switch items[0] {
        case .int(let number): return (.integer(number), id)
        case .string(let text): return (.text(text), id)
        default: return (.null, id)
        }
    }
}
