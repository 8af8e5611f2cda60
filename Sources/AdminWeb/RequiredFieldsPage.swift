import HTTPServer
import ShopCore

/// The required-fields settings (the required-fields module's API): per store, which core
/// and module fields its customers must have, and the shop's custom fields with where they
/// apply and where they are required. Saving replaces the store's set
/// (`PUT /required-fields/stores/{code}`); fields that cannot be required are shown with why.
enum RequiredFieldsPage {
    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/required-fields", gate.signedIn { page in try await render(page, store: page.request.query("store")) })
        addCustomFieldRoutes(to: pages, gate: gate)
        pages.post(
            "/required-fields/stores/{store}", bodyLimit: 64 * 1024,
            gate.signedIn { page in
                let code = page.parameters["store"] ?? ""
                // Every ticked box is a `required` field of the form, decoded in order.
                let ticked = formPairs(String(decoding: page.request.body, as: UTF8.self)).filter { $0.0 == "required" }
                let body: JSONValue = .object(["required": .array(ticked.map { .string($0.1) })])
                let answer = await page.api.call(.put, "/required-fields/stores/\(URLQuery.component(code))", body: body)
                guard answer.succeeded else {
                    return try await render(
                        page, store: code, problem: AdminPage.fieldErrors(answer).values.sorted().joined(separator: " "),
                        status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/required-fields?store=\(URLQuery.component(code))&saved=1")
            })
    }

    /// Every name-value pair of a form body in order, repeated names included (the checkboxes).
    static func formPairs(_ body: String) -> [(String, String)] {
        body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = QueryString.percentDecode(String(parts[0]), plusIsSpace: true) else { return nil }
            let value = parts.count > 1 ? QueryString.percentDecode(String(parts[1]), plusIsSpace: true) ?? "" : ""
            return (name, value)
        }
    }

    static func render(
        _ page: AdminPage, store wanted: String?, problem: String? = nil, customErrors: [String: String] = [:], status: HTTPStatus = .ok
    ) async throws
        -> HTTPResponse
    {
        let strings = page.strings
        let title = strings[settings: .requiredFields]
        let answer = await page.api.call(.get, "/required-fields")
        if answer.status == 404 { return page.moduleOff(title: title) }
        guard answer.succeeded else { throw AdminAPIFailure(answer: answer) }
        let stores = answer.json["stores"]?.elements ?? []
        let fields = answer.json["fields"]?.elements ?? []
        let customFields = answer.json["customFields"]?.elements ?? []
        guard let current = stores.first(where: { $0["store"]?["code"]?.stringValue == wanted }) ?? stores.first else {
            return page.settingsPage(title: title, "<p class=\"muted\">\(strings[.none])</p>")
        }
        let code = current["store"]?["code"]?.stringValue ?? ""
        let required = Set((current["required"]?.elements ?? []).compactMap(\.stringValue))
        let manage = page.may(.settingsManage)
        let storeLinks = HTML.join(
            stores.map { store -> HTML in
                let storeCode = store["store"]?["code"]?.stringValue ?? ""
                return
                    "<a href=\"\(page.base)/required-fields?store=\(URLQuery.component(storeCode))\"\(storeCode == code ? " class=\"sorted\"" : "" as HTML)>\(store["store"]?["name"]?.stringValue)</a>"
            }, separator: " · ")
        func label(_ key: String) -> String {
            switch key {
            case "firstName": return strings[.firstName]
            case "lastName": return strings[.lastName]
            case "email": return strings[.email]
            case "phone": return strings[.phone]
            case "company": return strings[.company]
            case "businessId": return strings[.businessId]
            case "customerNumber": return strings[.customerNumber]
            case "addresses": return strings[.addresses]
            case "socialTitle": return strings[.socialTitle]
            default: return key
            }
        }
        func box(_ field: JSONValue) -> HTML {
            let key = field["key"]?.stringValue ?? ""
            let requirable = field["requirable"]?.bool == true
            let checked: HTML = required.contains(key) ? " checked" : ""
            let disabled: HTML = requirable && manage ? "" : " disabled"
            let reason: HTML = requirable ? .empty : " <span class=\"muted\">(\(field["reason"]?.stringValue))</span>"
            return """
                <label class="field check" data-field="\(key)"><input type="checkbox" name="required" value="\(key)"\(checked)\(disabled)> \(label(key))\(reason)</label>
                """
        }
        // What can be required first; the rest, with why not, folded away.
        let requirable = fields.filter { $0["requirable"]?.bool == true }
        let core = requirable.filter { $0["owner"]?.stringValue == "core" }
        let modules = requirable.filter { $0["owner"]?.stringValue != "core" }
        let fixed = fields.filter { $0["requirable"]?.bool != true }
        let customRows = HTML.join(
            customFields.map { field -> HTML in
                let storesText = (field["stores"]?.elements ?? []).compactMap(\.stringValue)
                return """
                    <tr data-custom-field="\(field["key"]?.stringValue)"><td>\(field["label"]?.stringValue) <span class="muted">\(field["key"]?.stringValue)</span></td>\
                    <td>\(field["kind"]?.stringValue)</td><td>\(storesText.isEmpty ? strings[settings: .allStores] : storesText.joined(separator: ", "))</td>\
                    <td>\(field["required"]?.bool == true ? strings[.yes] : strings[.no])</td>\
                    <td>\(manage ? deleteCustomFieldForm(page, field) : .empty)</td></tr>
                    """
            })
        let saved: HTML =
            page.request.query("saved") == "1" && problem == nil ? AdminPage.notice(strings[settings: .saved], error: false) : .empty
        return page.settingsPage(
            title: title, status: status, notice: HTML.join([AdminPage.notice(problem), saved]),
            """
            <p class="tabs">\(storeLinks)</p>
            <form method="post" action="\(page.base)/required-fields/stores/\(code)" id="required-fields">\(page.csrfField)
            <section class="card"><h2>\(strings[settings: .requiredIn]) \(current["store"]?["name"]?.stringValue)</h2>
            <h3>\(strings[settings: .coreFields])</h3><div class="form-grid">\(HTML.join(core.map(box)))</div>
            \(modules.isEmpty ? .empty : "<h3>\(strings[settings: .moduleFields])</h3><div class=\"form-grid\">\(HTML.join(modules.map(box)))</div>" as HTML)
            \(fixed.isEmpty ? .empty : "<details><summary>\(strings[settings: .notRequirable])</summary><div class=\"form-grid\">\(HTML.join(fixed.map(box)))</div></details>" as HTML)
            \(manage ? "<button type=\"submit\" id=\"save-required\">\(strings[.save])</button>" as HTML : .empty)
            </section></form>
            <section class="card"><h2>\(strings[settings: .customFields])</h2>
            \(customFields.isEmpty ? "<p class=\"muted\">\(strings[.none])</p>" as HTML : """
            <table id="custom-fields"><thead><tr><th>\(strings[settings: .name])</th><th>\(strings[settings: .kind])</th>\
            <th>\(strings[settings: .appliesTo])</th><th>\(strings[settings: .requiredHere])</th><th></th></tr></thead><tbody>\(customRows)</tbody></table>
            """)
            \(manage ? newCustomFieldForm(page, stores: stores, errors: customErrors) : .empty)
            </section>
            """)
    }
}
