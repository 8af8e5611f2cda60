import Foundation
import HTTPServer
import ShopCore

/// The export of the customers list: the page (`GET /customers/export`) offers the format and
/// the fields for the list's current search and filters, or for the rows ticked on the list
/// (`ids`, which the API's export takes as its own selection); the download
/// (`GET /customers/export.csv`) is the API's `GET /customers/export.csv`, streamed through as
/// it comes (the API audits the export and checks `customers.export`).
enum CustomerExportPage {
    /// Formats as the API names them, with the label a merchant knows.
    static let formats: [(value: String, label: String)] = [
        ("native", "ShopAdmin"), ("shopify", "Shopify"), ("magento", "Magento 2"),
        ("magento-composite", "Magento 2 (customer_composite)"), ("prestashop", "PrestaShop"),
    ]

    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/customers/export", gate.signedIn { page in try await render(page) })
        pages.get("/customers/export.csv", gate.signedIn { page in try await download(page) })
    }

    static func render(_ page: AdminPage) async throws -> HTTPResponse {
        let strings = page.strings
        let input = page.request.queryItems
        let kept = CustomerListPage.kept(input)
        let ids = selectedIDs(input)
        // Ticked rows: their count (the API takes them within the search and filters); otherwise the list's total.
        let scope: String
        if let ids {
            scope = strings.format(.exportTicked, Int64(Set(ids.split(separator: ",")).count))
        } else {
            let total =
                try await page.api.get("/customers", query: [("limit", "1")] + CustomerListPage.apiQuery(input))["total"]?.int64 ?? 0
            scope = strings.format(.exportScope, total)
        }
        // The custom fields are the one module member of a record today; offered when the shop has them.
        let hasCustomFields = page.modules.contains("required-fields")
        let columns = CustomerCSVFormat.nativeColumns(moduleMembers: hasCustomFields ? ["customFields"] : [])
        let formatOptions = HTML.join(
            formats.map { format in
                CustomerListPage.option(format.value, format.label, selected: input["format"] ?? "native")
            })
        let fieldBoxes = HTML.join(
            columns.map { column in
                "<label class=\"check\"><input type=\"checkbox\" name=\"field.\(column)\" id=\"field-\(column)\"> \(column)</label>"
            })
        let carried = kept + (ids.map { [("ids", $0)] } ?? [])
        let hidden = HTML.join(carried.map { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\($0.1)\">" })
        return page.respond(
            title: strings[.exportTitle],
            """
            <main>
            <p><a href="\(CustomerListPage.link(page, kept))">← \(strings[.backToCustomers])</a></p>
            <h1>\(strings[.exportTitle])</h1>
            <p id="export-scope">\(scope)</p>
            <form method="get" action="\(page.base)/customers/export.csv" id="export-form" class="card">
            \(hidden)
            <label class="field">\(strings[.format])<select name="format" id="export-format">\(formatOptions)</select></label>
            <fieldset><legend>\(strings[.fields])</legend><p class="muted">\(strings[.allFieldsHint])</p>
            <div class="field-grid">\(fieldBoxes)</div></fieldset>
            <button type="submit" id="download">\(strings[.download])</button>
            </form>
            </main>
            """)
    }

    /// The rows ticked on the list (`ids=12,15`, from the bulk form's export action) as they
    /// came, nil when the export is of the list's search and filters. Passed to the API as they
    /// are, so a list it cannot take is refused there (shown as the error page), never widened
    /// to every customer.
    static func selectedIDs(_ input: [String: String]) -> String? {
        guard let ids = input["ids"], !ids.isEmpty else { return nil }
        return ids
    }

    static func download(_ page: AdminPage) async throws -> HTTPResponse {
        let input = page.request.queryItems
        var query = CustomerListPage.apiQuery(input)
        query.append(("format", input["format"] ?? "native"))
        let fields = input.keys.filter { $0.hasPrefix("field.") }.map { String($0.dropFirst("field.".count)) }.sorted()
        if !fields.isEmpty { query.append(("fields", fields.joined(separator: ","))) }
        if let ids = selectedIDs(input) { query.append(("ids", ids)) }
        return AdminResponse.download(await page.api.send(.get, "/customers/export.csv", query: query), page: page)
    }
}
