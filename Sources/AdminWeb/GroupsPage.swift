import HTTPServer
import ShopCore

/// The shop's customer groups (`/groups` of the API): each with its member count and tax
/// class; create, rename, change the tax class, delete. Deleting a group in use shows the
/// API's refusal with how many customers it has, and offers to move them to another group.
enum GroupsPage {
    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/groups", gate.signedIn { page in try await render(page) })
        pages.post(
            "/groups", bodyLimit: 16 * 1024,
            gate.signedIn { page in
                let body: JSONValue = .object([
                    "name": .string(page.form["name"] ?? ""), "taxClass": .string(page.form["taxClass"] ?? "taxable"),
                ])
                let answer = await page.api.call(.post, "/groups", body: body)
                guard answer.succeeded else {
                    return try await render(page, createErrors: AdminPage.fieldErrors(answer), status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/groups")
            })
        pages.post(
            "/groups/{id}", bodyLimit: 16 * 1024,
            gate.signedIn { page in
                let id = try groupID(page)
                var body: [String: JSONValue] = [:]
                if let name = page.form["name"] { body["name"] = .string(name) }
                if let taxClass = page.form["taxClass"] { body["taxClass"] = .string(taxClass) }
                let answer = await page.api.call(.patch, "/groups/\(id)", body: .object(body))
                guard answer.succeeded else {
                    return try await render(
                        page, rowErrors: [id: AdminPage.fieldErrors(answer).values.sorted().joined(separator: " ")],
                        status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/groups")
            })
        pages.post(
            "/groups/{id}/delete", bodyLimit: 16 * 1024,
            gate.signedIn { page in
                let id = try groupID(page)
                let moveTo = page.form["moveTo"].flatMap { Int64($0) }
                let answer = await page.api.call(.delete, "/groups/\(id)", query: moveTo.map { [("moveTo", String($0))] } ?? [])
                guard answer.succeeded else {
                    let message: String
                    if answer.error?["code"]?.stringValue == "group_in_use", let count = answer.error?["customers"]?.int64 {
                        message = page.strings[settings: .groupInUse].replacingOccurrences(of: "%d", with: String(count))
                    } else {
                        message = answer.error?["message"]?.stringValue ?? "The request failed (\(answer.status))."
                    }
                    return try await render(page, rowErrors: [id: message], status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/groups")
            })
    }

    static func groupID(_ page: AdminPage) throws -> Int64 {
        let text = page.parameters["id"] ?? ""
        guard let id = Int64(text), id > 0 else { throw HTTPError.notFound("No group \(text).") }
        return id
    }

    static func taxClassSelect(_ strings: AdminStrings, selected: String, id: String) -> HTML {
        let options: [(String, SettingsText)] = [("taxable", .taxable), ("tax-free-reseller", .taxFreeReseller)]
        return """
            <select name="taxClass" id="\(id)">\(HTML.join(options.map { value, text in
                "<option value=\"\(value)\"\(value == selected ? " selected" : "" as HTML)>\(strings[settings: text])</option>"
            }))</select>
            """
    }

    static func render(
        _ page: AdminPage, createErrors: [String: String] = [:], rowErrors: [Int64: String] = [:], status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let strings = page.strings
        let groups = try await page.api.get("/groups")["groups"]?.elements ?? []
        let manage = page.may(.groupsManage)
        let rows = HTML.join(
            groups.map { group -> HTML in
                let id = group["id"]?.int64 ?? 0
                let name = group["name"]?.stringValue ?? ""
                let builtIn = group["builtIn"]?.bool == true
                let taxClass = group["taxClass"]?.stringValue ?? "taxable"
                let taxText = strings[settings: taxClass == "taxable" ? .taxable : .taxFreeReseller]
                let error: HTML =
                    rowErrors[id].map { "<p class=\"field-error\" role=\"alert\" data-error-for=\"group-\(id)\">\($0)</p>" } ?? .empty
                guard manage else {
                    return """
                        <tr data-group="\(name)"><td>\(name)</td><td>\(taxText)</td>\
                        <td class="number" data-customers>\(group["customers"]?.int64 ?? 0)</td><td>\(builtIn ? strings[settings: .builtIn] : "")</td></tr>
                        """
                }
                let others = groups.filter { $0["id"]?.int64 != id && $0["name"]?.stringValue != "NOT LOGGED IN" }
                let deleteForm: HTML =
                    builtIn
                    ? "<span class=\"muted\">\(strings[settings: .builtIn])</span>"
                    : """
                    <form method="post" action="\(page.base)/groups/\(id)/delete" class="inline">\(page.csrfField)
                    <label>\(strings[settings: .moveCustomersTo]) <select name="moveTo"><option value="">\(strings[settings: .keepCustomers])</option>\
                    \(HTML.join(others.map { "<option value=\"\($0["id"]?.int64 ?? 0)\">\($0["name"]?.stringValue)</option>" }))</select></label>
                    <button type="submit" class="danger" data-action="delete">\(strings[settings: .delete])</button></form>
                    """
                let nameField: HTML =
                    builtIn
                    ? "\(name)"
                    : "<input name=\"name\" value=\"\(name)\" maxlength=\"100\" required aria-label=\"\(strings[settings: .name])\">"
                return """
                    <tr data-group="\(name)"><td colspan="2">
                    <form method="post" action="\(page.base)/groups/\(id)" class="inline">\(page.csrfField)\(nameField)
                    \(taxClassSelect(strings, selected: taxClass, id: "tax-\(id)"))
                    <button type="submit" class="secondary" data-action="save">\(strings[settings: .rename])</button></form>\(error)</td>
                    <td class="number" data-customers>\(group["customers"]?.int64 ?? 0)</td><td>\(deleteForm)</td></tr>
                    """
            })
        let createForm: HTML =
            manage
            ? """
            <section class="card"><h2>\(strings[settings: .newGroup])</h2>
            <form method="post" action="\(page.base)/groups" id="new-group" class="inline">\(page.csrfField)
            <div class="field\(createErrors["name"] == nil ? "" : " invalid" as HTML)"><label for="group-name">\(strings[settings: .name])</label>
            <input id="group-name" name="name" maxlength="100" required value="\(page.form["name"])">\(AdminPage.fieldError(createErrors, "name"))</div>
            <div class="field"><label for="group-tax">\(strings[settings: .taxClass])</label>\(taxClassSelect(strings, selected: page.form["taxClass"] ?? "taxable", id: "group-tax"))\
            \(AdminPage.fieldError(createErrors, "taxClass"))</div>
            <button type="submit" id="create-group">\(strings[.create])</button>
            </form>\(AdminPage.fieldError(createErrors, ""))</section>
            """ : .empty
        return page.settingsPage(
            title: strings[settings: .groups], status: status,
            """
            <table id="groups"><thead><tr><th colspan="2">\(strings[settings: .name]) · \(strings[settings: .taxClass])</th>\
            <th class="number">\(strings[settings: .members])</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
            \(createForm)
            """)
    }
}
