import HTTPServer
import ShopCore

/// The shop's stores (`/stores` of the API): the list, a new store, and editing one. A
/// refused save comes back with the values as typed and each error beside its field.
enum StoresPage {
    /// The store's fields in form order, with their labels.
    static let fields: [(key: String, text: SettingsText)] = [
        ("code", .code), ("name", .name), ("locale", .locale), ("currency", .currency), ("country", .country),
    ]

    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/stores", gate.signedIn { page in try await render(page) })
        pages.post(
            "/stores", bodyLimit: 16 * 1024,
            gate.signedIn { page in
                let answer = await page.api.call(.post, "/stores", body: body(page.form))
                guard answer.succeeded else {
                    return try await render(page, errors: errors(answer), status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/stores")
            })
        pages.get(
            "/stores/{id}",
            gate.signedIn { page in
                let id = try storeID(page)
                let stores = try await page.api.get("/stores")["stores"]?.elements ?? []
                guard let store = stores.first(where: { $0["id"]?.int64 == id }) else { throw HTTPError.notFound("No store \(id).") }
                var values: [String: String] = [:]
                for (key, value) in store.members { values[key] = value.stringValue }
                return edit(page, id: id, values: values, errors: [:], status: .ok)
            })
        pages.post(
            "/stores/{id}", bodyLimit: 16 * 1024,
            gate.signedIn { page in
                let id = try storeID(page)
                let answer = await page.api.call(.patch, "/stores/\(id)", body: body(page.form))
                guard answer.succeeded else {
                    return edit(page, id: id, values: page.form, errors: errors(answer), status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/stores")
            })
    }

    static func storeID(_ page: AdminPage) throws -> Int64 {
        let text = page.parameters["id"] ?? ""
        guard let id = Int64(text), id > 0 else { throw HTTPError.notFound("No store \(text).") }
        return id
    }

    static func body(_ form: [String: String]) -> JSONValue {
        var body: [String: JSONValue] = [:]
        for key in fields.map(\.key) + ["accountScope"] { if let value = form[key] { body[key] = .string(value) } }
        return .object(body)
    }

    /// The API names a store's fields `store.code` and so on when it checks them as a spec.
    static func errors(_ answer: AdminAPI.Answer) -> [String: String] {
        var errors: [String: String] = [:]
        for (field, message) in AdminPage.fieldErrors(answer) {
            errors[field.hasPrefix("store.") ? String(field.dropFirst(6)) : field] = message
        }
        return errors
    }

    static func form(_ page: AdminPage, action: String, values: [String: String], errors: [String: String], submit: String) -> HTML {
        let strings = page.strings
        let inputs = HTML.join(
            fields.map { field -> HTML in
                """
                <div class="field\(errors[field.key] == nil ? "" : " invalid" as HTML)"><label for="store-\(field.key)">\(strings[settings: field.text])</label>
                <input id="store-\(field.key)" name="\(field.key)" value="\(values[field.key])" required>\(AdminPage.fieldError(errors, field.key))</div>
                """
            })
        let scope = values["accountScope"] ?? "shop"
        let scopes: [(String, SettingsText)] = [("shop", .accountScopeShop), ("store", .accountScopeStore)]
        let known = Set(fields.map(\.key) + ["accountScope"])
        let other = errors.filter { !known.contains($0.key) }.values.sorted()
        return """
            <form method="post" action="\(action)" class="form-grid">\(page.csrfField)
            \(inputs)
            <div class="field\(errors["accountScope"] == nil ? "" : " invalid" as HTML)"><label for="store-accountScope">\(strings[settings: .accountScope])</label>
            <select id="store-accountScope" name="accountScope">\(HTML.join(scopes.map { value, text in
                "<option value=\"\(value)\"\(value == scope ? " selected" : "" as HTML)>\(strings[settings: text])</option>"
            }))</select>\(AdminPage.fieldError(errors, "accountScope"))</div>
            <div class="field"><button type="submit">\(submit)</button></div>
            </form>\(AdminPage.notice(other.isEmpty ? nil : other.joined(separator: " ")))
            """
    }

    static func edit(_ page: AdminPage, id: Int64, values: [String: String], errors: [String: String], status: HTTPStatus) -> HTTPResponse {
        let strings = page.strings
        guard page.may(.storesManage) else {
            return page.settingsPage(
                title: strings[settings: .editStore], status: .forbidden, notice: AdminPage.notice(strings[settings: .notAllowed]), .empty)
        }
        return page.settingsPage(
            title: strings[settings: .editStore], status: status,
            """
            <p><a href="\(page.base)/stores">\(strings[settings: .stores])</a></p>
            <section class="card">\(form(page, action: "\(page.base)/stores/\(id)", values: values, errors: errors, submit: strings[.save]))</section>
            """)
    }

    static func render(_ page: AdminPage, errors: [String: String] = [:], status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let strings = page.strings
        let stores = try await page.api.get("/stores")["stores"]?.elements ?? []
        let manage = page.may(.storesManage)
        let rows = HTML.join(
            stores.map { store -> HTML in
                let id = store["id"]?.int64 ?? 0
                let scope = store["accountScope"]?.stringValue == "store" ? SettingsText.accountScopeStore : .accountScopeShop
                let edit: HTML = manage ? "<a href=\"\(page.base)/stores/\(id)\" data-action=\"edit\">\(strings[.edit])</a>" : .empty
                return """
                    <tr data-store="\(store["code"]?.stringValue)"><td>\(store["code"]?.stringValue)</td><td>\(store["name"]?.stringValue)</td>\
                    <td>\(store["locale"]?.stringValue)</td><td>\(store["currency"]?.stringValue)</td><td>\(store["country"]?.stringValue)</td>\
                    <td>\(strings[settings: scope])</td><td>\(edit)</td></tr>
                    """
            })
        let create: HTML =
            manage
            ? """
            <section class="card"><h2>\(strings[settings: .newStore])</h2>\(form(page, action: "\(page.base)/stores", values: page.form, errors: errors, submit: strings[.create]))</section>
            """ : .empty
        return page.settingsPage(
            title: strings[settings: .stores], status: status,
            """
            <table id="stores"><thead><tr><th>\(strings[settings: .code])</th><th>\(strings[settings: .name])</th><th>\(strings[settings: .locale])</th>\
            <th>\(strings[settings: .currency])</th><th>\(strings[settings: .country])</th><th>\(strings[settings: .accountScope])</th><th></th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            \(create)
            """)
    }
}
