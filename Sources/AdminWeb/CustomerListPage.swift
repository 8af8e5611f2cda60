import Foundation
import HTTPServer
import ShopCore

/// The customers list: the search box, filters (status, store, registration dates), sortable
/// columns, keyset pages with the total, and the columns the shop's modules add. Everything is
/// the API's `GET /customers` (the core's list query); the page only maps its own parameters.
/// For a role that may write, the rows carry tick boxes inside the bulk form (`CustomerBulkBar`).
enum CustomerListPage {
    /// The core's columns of DOMAIN.md, with the API's sort key where the list sorts on it.
    static let columns: [(key: String, text: AdminText, sort: String?)] = [
        ("id", .id, "id"), ("socialTitle", .socialTitle, nil), ("firstName", .firstName, "firstName"),
        ("lastName", .lastName, "lastName"), ("email", .email, "email"), ("totalSales", .sales, "totalSales"),
        ("enabled", .enabled, nil), ("newsletter", .newsletter, nil), ("partnerOffers", .partnerOffers, nil),
        ("registeredAt", .registered, "registeredAt"), ("lastVisitAt", .lastVisit, "lastVisitAt"),
    ]
    /// Members of a list row that are the core's, so every other scalar member is a module's column.
    static let coreMembers: Set<String> = [
        "id", "customerNumber", "socialTitle", "firstName", "lastName", "email", "company", "phone", "enabled", "activation",
        "newsletter", "partnerOffers", "smsMarketing", "totalSales", "orderCount", "registeredAt", "lastVisitAt", "hasAccount",
        "storeId", "defaultGroupId", "groupIds", "version", "blockedReason", "updatedAt", "blocked",
    ]
    /// Module columns that are amounts in minor units.
    static let moneyColumns: Set<String> = ["creditLimit", "creditUsed", "creditAvailable", "balance"]
    static let statuses: [(value: String, text: AdminText, filter: (String, String)?)] = [
        ("", .filterAll, nil), ("enabled", .filterEnabled, ("enabled", "true")), ("disabled", .filterDisabled, ("enabled", "false")),
        ("blocked", .filterBlocked, ("blocked", "true")), ("pending", .filterPending, ("pending", "true")),
    ]
    /// The page's own parameters, kept across sorting and paging.
    static let parameters = ["q", "status", "storeId", "registeredFrom", "registeredTo", "sort"]

    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/customers", gate.signedIn { page in try await render(page) })
    }

    static func render(_ page: AdminPage) async throws -> HTTPResponse {
        let strings = page.strings
        let input = page.request.queryItems
        var query: [(String, String)] = [("limit", "50")] + apiQuery(input)
        if let cursor = input["cursor"], !cursor.isEmpty { query.append(("cursor", cursor)) }
        let stores = try await page.api.get("/stores")["stores"]?.elements ?? []
        let answer = await page.api.call(.get, "/customers", query: query)
        // A bad filter value (a date typed wrong) is shown above an empty list, not as an error page.
        let problem: HTML =
            answer.succeeded ? .empty : "<p class=\"notice error\" role=\"alert\">\(answer.error?["message"]?.stringValue ?? "")</p>"
        let rows = answer.json["customers"]?.elements ?? []
        let total = answer.json["total"]?.int64 ?? 0
        let moduleColumns =
            rows.first.map { row in
                row.members.filter { !coreMembers.contains($0.key) && !isStructured($0.value) }.keys.sorted()
            } ?? []
        let kept = Self.kept(input)

        let storeOptions = HTML.join(
            [option("", strings[.filterAll], selected: input["storeId"] ?? "")]
                + stores.map { store in
                    option(String(store["id"]?.int64 ?? 0), store["name"]?.stringValue ?? "", selected: input["storeId"] ?? "")
                })
        let statusOptions = HTML.join(statuses.map { option($0.value, strings[$0.text], selected: input["status"] ?? "") })
        let filters: HTML = """
            <form method="get" action="\(page.base)/customers" class="filters" role="search">
            <label>\(strings[.search])<input type="search" name="q" id="q" value="\(input["q"])" placeholder="\(strings[.searchPlaceholder])"></label>
            <label>\(strings[.status])<select name="status" id="status">\(statusOptions)</select></label>
            <label>\(strings[.store])<select name="storeId" id="storeId">\(storeOptions)</select></label>
            <label>\(strings[.registered]) ≥<input type="date" name="registeredFrom" value="\(input["registeredFrom"])"></label>
            <label>\(strings[.registered]) ≤<input type="date" name="registeredTo" value="\(input["registeredTo"])"></label>
            \(input["sort"].map { "<input type=\"hidden\" name=\"sort\" value=\"\($0)\">" as HTML })
            <button type="submit">\(strings[.filter])</button>
            </form>
            """
        let currentSort = input["sort"] ?? "-id"
        // Bulk actions need customers.write; a read-only member sees the list without them.
        let bulk: HTML? = page.may(.customersWrite) ? CustomerBulkBar.controls(page, total: total) : nil
        let selectAll: HTML =
            bulk == nil
            ? .empty : "<th><input type=\"checkbox\" id=\"select-page\" aria-label=\"\(strings[CustomerWorkText.selectPage])\"></th>"
        let headings = HTML.join(
            columns.map { column in
                let numeric = column.key == "totalSales"
                guard let key = column.sort else { return "<th>\(strings[column.text])</th>" }
                let next = currentSort == key ? "-\(key)" : key
                let marker = currentSort == key ? " ▲" : currentSort == "-\(key)" ? " ▼" : ""
                let link = link(page, kept.filter { $0.0 != "sort" } + [("sort", next)])
                let sorted = currentSort == key || currentSort == "-\(key)"
                return
                    "<th\(numeric ? " class=\"number\"" as HTML : .empty)><a href=\"\(link)\"\(sorted ? " class=\"sorted\"" as HTML : .empty) data-sort=\"\(key)\">\(strings[column.text])\(marker)</a></th>"
            }
                + moduleColumns.map { key in
                    "<th data-module-column=\"\(key)\">\(AdminText.listColumn(key).map { strings[$0] } ?? key)</th>"
                })
        let body = HTML.join(
            rows.map { row in
                let id = row["id"]?.int64 ?? 0
                let cells = HTML.join(
                    columns.map { column in
                        let value = row[column.key] ?? .null
                        switch column.key {
                        case "id": return "<td><a href=\"\(page.base)/customers/\(id)\">\(id)</a></td>"
                        case "email": return "<td><a href=\"\(page.base)/customers/\(id)\">\(value.display(strings))</a></td>"
                        case "totalSales": return "<td class=\"number\">\(AdminFormat.money(value))</td>"
                        case "registeredAt", "lastVisitAt": return "<td>\(AdminFormat.day(value))</td>"
                        default: return "<td>\(value.display(strings))</td>"
                        }
                    }
                        + moduleColumns.map { key in
                            moneyColumns.contains(key)
                                ? "<td class=\"number\">\(AdminFormat.money(row[key] ?? .null))</td>"
                                : "<td>\((row[key] ?? .null).display(strings))</td>"
                        })
                let tick: HTML =
                    bulk == nil
                    ? .empty
                    : "<td><input type=\"checkbox\" class=\"select-row\" name=\"customer.\(id)\" aria-label=\"\(strings[CustomerWorkText.select]) \(id)\"></td>"
                return "<tr data-customer-id=\"\(id)\">\(tick)\(cells)</tr>"
            })
        let empty: HTML =
            rows.isEmpty
            ? "<tr><td colspan=\"\(columns.count + moduleColumns.count + (bulk == nil ? 0 : 1))\" class=\"muted\">\(strings[.noCustomers])</td></tr>"
            : .empty
        let next: HTML =
            (answer.json["nextCursor"]?.stringValue).map { cursor in
                "<a class=\"button secondary\" id=\"next-page\" href=\"\(link(page, kept + [("cursor", cursor)]))\">\(strings[.nextPage]) →</a>"
            } ?? .empty
        let first: HTML =
            input["cursor"] != nil ? "<a class=\"button secondary\" href=\"\(link(page, kept))\">← \(strings[.firstPage])</a>" : .empty
        let newCustomer: HTML =
            page.may(.customersWrite)
            ? "<a class=\"button\" id=\"new-customer\" href=\"\(page.base)/customers/new\">\(strings[.newCustomer])</a>" : .empty
        let export: HTML =
            page.may(.customersExport)
            ? "<a class=\"button secondary\" id=\"export\" href=\"\(link(page, kept, path: "/customers/export"))\">\(strings[CustomerWorkText.export])</a>"
            : .empty
        let tagged = input["tagged"].flatMap { Int64($0) }
        return page.respond(
            title: strings[.customers],
            """
            <main>
            <div class="actions"><h1>\(strings[.customers])</h1>\(newCustomer)\(export)</div>
            \(filters)
            \(problem)
            \(AdminPage.outcome(tagged.map { strings.format(.tagsChanged, $0) }))
            <p class="muted"><strong id="total">\(total)</strong> \(strings[.customersInTotal])</p>
            \(bulk.map { bar in "<form method=\"post\" action=\"\(link(page, kept, path: "/customers/bulk"))\" id=\"bulk-form\">\(page.csrfField)\(bar)" as HTML })
            <table class="customers"><thead><tr>\(selectAll)\(headings)</tr></thead><tbody>\(body)\(empty)</tbody></table>
            \(bulk == nil ? HTML.empty : "</form>")
            <div class="pager">\(first)\(next)</div>
            </main>
            """)
    }

    static func isStructured(_ value: JSONValue) -> Bool {
        switch value {
        case .object: return true
        case .array(let values): return values.contains { if case .object = $0 { return true } else { return false } }
        default: return false
        }
    }

    static func option(_ value: String, _ label: String, selected: String) -> HTML {
        "<option value=\"\(value)\"\(value == selected ? " selected" as HTML : .empty)>\(label)</option>"
    }

    static func link(_ page: AdminPage, _ items: [(String, String)], path: String = "/customers") -> String {
        "\(page.base)\(path)" + (items.isEmpty ? "" : "?" + URLQuery.encode(items))
    }

    /// The page's own parameters (search, status, store, dates, sort) that are set.
    static func kept(_ input: [String: String]) -> [(String, String)] {
        parameters.compactMap { name in input[name].flatMap { $0.isEmpty ? nil : (name, $0) } }
    }

    /// The API's list parameters for the page's search, filters and sort (no page size, no
    /// cursor): what the list shows, a bulk action's "all matching" and an export select.
    static func apiQuery(_ input: [String: String]) -> [(String, String)] {
        var query: [(String, String)] = []
        if let text = input["q"], !text.isEmpty { query.append(("q", text)) }
        if let filter = statuses.first(where: { $0.value == input["status"] })?.filter { query.append(filter) }
        for name in ["storeId", "registeredFrom", "registeredTo", "sort"] {
            if let value = input[name], !value.isEmpty { query.append((name, value)) }
        }
        return query
    }
}
