import HTTPServer
import ShopCore

/// The custom fields on the required-fields screen: define one (key, label, kind, choices,
/// the stores it applies to, whether it is required there and whether the customer fills it
/// in) and delete one with its values, through the module's
/// `/required-fields/custom-fields` routes.
extension RequiredFieldsPage {
    static func addCustomFieldRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.post(
            "/required-fields/custom-fields", bodyLimit: 64 * 1024,
            gate.signedIn { page in
                let answer = await page.api.call(.post, "/required-fields/custom-fields", body: customFieldBody(page))
                guard answer.succeeded else {
                    var errors: [String: String] = [:]
                    for (field, message) in AdminPage.fieldErrors(answer) {
                        // `choices[2]` and `stores[0]` belong beside their lists.
                        errors[String(field.prefix { $0 != "[" }), default: ""] += message
                    }
                    return try await render(page, store: page.form["store"], customErrors: errors, status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/required-fields?store=\(URLQuery.component(page.form["store"] ?? ""))")
            })
        pages.post(
            "/required-fields/custom-fields/{id}/delete", bodyLimit: 4 * 1024,
            gate.signedIn { page in
                let text = page.parameters["id"] ?? ""
                guard let id = Int64(text), id > 0 else { throw HTTPError.notFound("No custom field \(text).") }
                let answer = await page.api.call(.delete, "/required-fields/custom-fields/\(id)")
                guard answer.succeeded else {
                    return try await render(
                        page, store: page.form["store"], problem: AdminPage.fieldErrors(answer).values.sorted().joined(separator: " "),
                        status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/required-fields?store=\(URLQuery.component(page.form["store"] ?? ""))")
            })
    }

    /// The API's body from the form: ticked stores (none: every store), choices one a line.
    static func customFieldBody(_ page: AdminPage) -> JSONValue {
        let pairs = formPairs(String(decoding: page.request.body, as: UTF8.self))
        let stores = pairs.filter { $0.0 == "stores" }.map { JSONValue.string($0.1) }
        let kind = page.form["kind"] ?? ""
        var body: [String: JSONValue] = [
            "key": .string(page.form["key"] ?? ""), "label": .string(page.form["label"] ?? ""), "kind": .string(kind),
            "required": .bool(page.form["required"] == "1"), "customerEditable": .bool(page.form["customerEditable"] == "1"),
            "stores": stores.isEmpty ? .null : .array(stores),
        ]
        let choices = (page.form["choices"] ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if kind == "choice" || !choices.isEmpty { body["choices"] = .array(choices.map { .string($0) }) }
        return .object(body)
    }

    static func deleteCustomFieldForm(_ page: AdminPage, _ field: JSONValue) -> HTML {
        """
        <form method="post" action="\(page.base)/required-fields/custom-fields/\(field["id"]?.int64 ?? 0)/delete" class="inline">\(page.csrfField)
        <input type="hidden" name="store" value="\(page.request.query("store"))">
        <button type="submit" class="danger" data-action="delete">\(page.strings[settings: .delete])</button></form>
        """
    }

    static func newCustomFieldForm(_ page: AdminPage, stores: [JSONValue], errors: [String: String]) -> HTML {
        let strings = page.strings
        let form = page.form
        func invalid(_ key: String) -> HTML { errors[key] == nil ? "" : " invalid" }
        let kinds = ["text", "number", "date", "choice"]
        let storeBoxes = HTML.join(
            stores.map { store -> HTML in
                let code = store["store"]?["code"]?.stringValue ?? ""
                return
                    "<label class=\"field check\"><input type=\"checkbox\" name=\"stores\" value=\"\(code)\"> \(store["store"]?["name"]?.stringValue)</label>"
            })
        let known: Set<String> = ["key", "label", "kind", "choices", "stores"]
        let other = errors.filter { !known.contains($0.key) }.values.sorted()
        return """
            <h3>\(strings[settings: .newCustomField])</h3>
            \(AdminPage.notice(other.isEmpty ? nil : other.joined(separator: " ")))
            <form method="post" action="\(page.base)/required-fields/custom-fields" class="form-grid" id="new-custom-field">\(page.csrfField)
            <input type="hidden" name="store" value="\(page.request.query("store") ?? form["store"])">
            <div class="field\(invalid("key"))"><label for="cf-key">\(strings[settings: .key])</label>
            <input id="cf-key" name="key" required maxlength="40" value="\(form["key"])"><span class="muted">\(strings[settings: .keyHint])</span>\
            \(AdminPage.fieldError(errors, "key"))</div>
            <div class="field\(invalid("label"))"><label for="cf-label">\(strings[settings: .label])</label>
            <input id="cf-label" name="label" required maxlength="100" value="\(form["label"])">\(AdminPage.fieldError(errors, "label"))</div>
            <div class="field\(invalid("kind"))"><label for="cf-kind">\(strings[settings: .kind])</label>
            <select id="cf-kind" name="kind">\(HTML.join(kinds.map { "<option value=\"\($0)\"\($0 == form["kind"] ? " selected" : "" as HTML)>\($0)</option>" }))</select>\
            \(AdminPage.fieldError(errors, "kind"))</div>
            <div class="field\(invalid("choices"))"><label for="cf-choices">\(strings[settings: .choices])</label>
            <textarea id="cf-choices" name="choices" rows="3">\(form["choices"])</textarea><span class="muted">\(strings[settings: .choicesHint])</span>\
            \(AdminPage.fieldError(errors, "choices"))</div>
            <div class="field\(invalid("stores"))"><span>\(strings[settings: .appliesTo]) (\(strings[settings: .allStores]): —)</span>\(storeBoxes)\
            \(AdminPage.fieldError(errors, "stores"))</div>
            <div class="field"><label class="field check"><input type="checkbox" name="required" value="1"> \(strings[settings: .requiredHere])</label>
            <label class="field check"><input type="checkbox" name="customerEditable" value="1"> \(strings[settings: .customerEditable])</label></div>
            <div class="field"><button type="submit" id="create-custom-field">\(strings[.create])</button></div>
            </form>
            """
    }
}
