import Foundation
import HTTPServer
import ShopCore

/// Create and edit a customer: a plain form posted to us, sent to the API's `POST /customers`
/// or `PATCH /customers/{id}` (with `If-Match`, so a stale save is refused). On a refusal the
/// form comes back with the values as typed and each error beside its field.
enum CustomerFormPage {
    enum Kind { case text, email, phone, choice([String]), flag, note }

    /// The fields of the form, in order, with their kinds.
    static let fields: [(key: String, text: AdminText, kind: Kind)] = [
        ("socialTitle", .socialTitle, .choice(["mr", "mrs", "ms", "mx", "dr"])), ("firstName", .firstName, .text),
        ("lastName", .lastName, .text), ("email", .email, .email), ("phone", .phone, .phone), ("company", .company, .text),
        ("businessId", .businessId, .text), ("customerNumber", .customerNumber, .text), ("enabled", .enabled, .flag),
        ("newsletter", .newsletter, .flag), ("partnerOffers", .partnerOffers, .flag), ("staffNote", .privateNote, .note),
    ]

    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get(
            "/customers/new",
            gate.signedIn { page in
                try await form(page, id: nil, values: ["enabled": "on"], version: nil, errors: [:], notice: nil, status: .ok)
            })
        pages.post("/customers", bodyLimit: 256 * 1024, gate.signedIn { page in try await save(page, id: nil) })
        pages.get(
            "/customers/{id}/edit",
            gate.signedIn { page in
                let id = try CustomerDetailPage.customerID(page)
                let customer = try await page.api.get("/customers/\(id)")["customer"] ?? .null
                return try await form(
                    page, id: id, values: values(of: customer), version: customer["version"]?.int64, errors: [:], notice: nil, status: .ok)
            })
        pages.post(
            "/customers/{id}", bodyLimit: 256 * 1024,
            gate.signedIn { page in try await save(page, id: try CustomerDetailPage.customerID(page)) })
    }

    /// The form's values of a stored record.
    static func values(of customer: JSONValue) -> [String: String] {
        var values: [String: String] = [:]
        for field in fields {
            switch customer[field.key] ?? .null {
            case .bool(let flag): if flag { values[field.key] = "on" }
            case .string(let text): values[field.key] = text
            case .int(let number): values[field.key] = String(number)
            default: break
            }
        }
        if let store = customer["storeId"]?.int64 { values["storeId"] = String(store) }
        for (key, value) in customer["customFields"]?.members ?? [:] {
            switch value {
            case .string(let text): values["customFields.\(key)"] = text
            case .int(let number): values["customFields.\(key)"] = String(number)
            case .double(let number): values["customFields.\(key)"] = String(number)
            default: break
            }
        }
        return values
    }

    /// The shop's required fields per store and its custom fields (`GET /required-fields`);
    /// empty when the shop's plan has no such module.
    static func requirements(_ page: AdminPage) async -> JSONValue {
        let answer = await page.api.call(.get, "/required-fields")
        return answer.succeeded ? answer.json : .null
    }

    static func save(_ page: AdminPage, id: Int64?) async throws -> HTTPResponse {
        var body: [String: JSONValue] = [:]
        for field in fields {
            let text = (page.form[field.key] ?? "").trimmingCharacters(in: .whitespaces)
            switch field.kind {
            case .flag: body[field.key] = .bool(page.form[field.key] != nil)
            default:
                // A new record leaves out what is empty; an edit clears it.
                if !text.isEmpty { body[field.key] = .string(text) } else if id != nil { body[field.key] = .null }
            }
        }
        if let store = page.form["storeId"].flatMap({ Int64($0) }) { body["storeId"] = .int(store) }
        // The custom fields, named customFields.<key> in the form, as the record's customFields.
        let definitions = await requirements(page)["customFields"]?.elements ?? []
        var custom: [String: JSONValue] = [:]
        for definition in definitions {
            guard let key = definition["key"]?.stringValue, let raw = page.form["customFields.\(key)"] else { continue }
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                if id != nil { custom[key] = .null }
            } else if definition["kind"]?.stringValue == "number" {
                custom[key] = Int64(text).map(JSONValue.int) ?? Double(text).map(JSONValue.double) ?? .string(text)
            } else {
                custom[key] = .string(text)
            }
        }
        if !custom.isEmpty { body["customFields"] = .object(custom) }
        let version = page.form["version"].flatMap { Int64($0) }
        var headers = HTTPHeaders()
        if let version { headers.set("If-Match", "\"\(version)\"") }
        let answer: AdminAPI.Answer
        if let id {
            answer = await page.api.call(.patch, "/customers/\(id)", body: .object(body), headers: headers)
        } else {
            answer = await page.api.call(.post, "/customers", body: .object(body))
        }
        if answer.succeeded, let saved = answer.json["customer"]?["id"]?.int64 {
            return AdminResponse.redirect("\(page.base)/customers/\(saved)")
        }
        // Each error beside its field; what has no field of the form goes above it.
        var errors: [String: String] = [:]
        var notice: [String] = []
        let error = answer.error ?? .null
        let list = error["errors"]?.elements ?? []
        let problems: [(String?, String)] =
            list.isEmpty
            ? [(error["field"]?.stringValue, error["message"]?.stringValue ?? "")]
            : list.map { ($0["field"]?.stringValue, $0["message"]?.stringValue ?? "") }
        let formKeys = Set(
            fields.map(\.key) + ["storeId"] + definitions.compactMap { $0["key"]?.stringValue }.map { "customFields.\($0)" })
        for (field, message) in problems {
            if let field, formKeys.contains(field), errors[field] == nil { errors[field] = message } else { notice.append(message) }
        }
        // A stale save: the newer version is what the next save must name.
        let current = answer.status == 412 ? answer.json["customer"]?["version"]?.int64 : nil
        return try await form(
            page, id: id, values: page.form, version: current ?? version, errors: errors,
            notice: notice.isEmpty ? nil : notice.joined(separator: " "), status: HTTPStatus(code: answer.status))
    }

    static func form(
        _ page: AdminPage, id: Int64?, values: [String: String], version: Int64?, errors: [String: String], notice: String?,
        status: HTTPStatus
    ) async throws -> HTTPResponse {
        let strings = page.strings
        let stores = try await page.api.get("/stores")["stores"]?.elements ?? []
        // What the chosen store requires is marked; another store's needs show after a save.
        let rules = await requirements(page)
        let storeID = values["storeId"].flatMap { Int64($0) } ?? stores.first?["id"]?.int64
        let storeRules = rules["stores"]?.elements.first { $0["store"]?["id"]?.int64 == storeID }
        let storeCode = storeRules?["store"]?["code"]?.stringValue ?? ""
        var required = Set((storeRules?["required"]?.elements ?? []).compactMap(\.stringValue))
        let definitions = rules["customFields"]?.elements ?? []
        for definition in definitions where definition["required"]?.bool == true {
            let applies = definition["stores"]?.elements.compactMap(\.stringValue) ?? []
            if let key = definition["key"]?.stringValue, applies.isEmpty || applies.contains(storeCode) {
                required.insert("customFields.\(key)")
            }
        }
        let customInputs = HTML.join(
            definitions.compactMap { definition -> HTML? in
                guard let key = definition["key"]?.stringValue else { return nil }
                let name = "customFields.\(key)"
                let value = values[name] ?? ""
                let input: HTML
                switch definition["kind"]?.stringValue {
                case "choice":
                    let choices = definition["choices"]?.elements.compactMap(\.stringValue) ?? []
                    input = """
                        <select id="\(name)" name="\(name)">\(CustomerListPage.option("", "", selected: value))\(HTML.join(
                            choices.map { CustomerListPage.option($0, $0, selected: value) }))</select>
                        """
                case "number": input = "<input id=\"\(name)\" name=\"\(name)\" inputmode=\"decimal\" value=\"\(value)\">"
                case "date": input = "<input id=\"\(name)\" name=\"\(name)\" type=\"date\" value=\"\(value)\">"
                default: input = "<input id=\"\(name)\" name=\"\(name)\" value=\"\(value)\">"
                }
                return field(
                    name, definition["label"]?.stringValue ?? key, error: errors[name], input: input, required: required.contains(name),
                    strings: strings)
            })
        let storeField: HTML = field(
            "storeId", strings[.store], error: errors["storeId"],
            input: """
                <select id="storeId" name="storeId">\(HTML.join(stores.map { store in
                    CustomerListPage.option(String(store["id"]?.int64 ?? 0), store["name"]?.stringValue ?? "", selected: values["storeId"] ?? "")
                }))</select>
                """)
        let inputs = HTML.join(
            fields.map { field in
                let value = values[field.key] ?? ""
                let input: HTML
                switch field.kind {
                case .text: input = "<input id=\"\(field.key)\" name=\"\(field.key)\" value=\"\(value)\">"
                case .email: input = "<input id=\"\(field.key)\" name=\"\(field.key)\" type=\"email\" value=\"\(value)\">"
                case .phone: input = "<input id=\"\(field.key)\" name=\"\(field.key)\" type=\"tel\" value=\"\(value)\">"
                case .note: input = "<textarea id=\"\(field.key)\" name=\"\(field.key)\" rows=\"4\">\(value)</textarea>"
                case .choice(let choices):
                    input = """
                        <select id="\(field.key)" name="\(field.key)">\(CustomerListPage.option("", "", selected: value))\(HTML.join(
                            choices.map { CustomerListPage.option($0, $0, selected: value) }))</select>
                        """
                case .flag:
                    let checked: HTML = value.isEmpty ? .empty : " checked"
                    return """
                        <div class="field check"><input id="\(field.key)" name="\(field.key)" type="checkbox"\(checked)>\
                        <label for="\(field.key)">\(strings[field.text])</label></div>
                        """
                }
                return self.field(
                    field.key, strings[field.text], error: errors[field.key], input: input, required: required.contains(field.key),
                    strings: strings)
            })
        let title = id == nil ? strings[.newCustomer] : strings[.editCustomer]
        let action = id.map { "\(page.base)/customers/\($0)" } ?? "\(page.base)/customers"
        let cancel = id.map { "\(page.base)/customers/\($0)" } ?? "\(page.base)/customers"
        let summary: HTML =
            errors.isEmpty && notice == nil
            ? .empty : "<p class=\"notice error\" role=\"alert\" id=\"form-errors\">\(strings[.formErrors]) \(notice)</p>"
        return page.respond(
            title: title, status: status,
            """
            <main>
            <h1>\(title)</h1>
            \(summary)
            <form method="post" action="\(action)" class="card" novalidate>
            \(page.csrfField)
            \(version.map { "<input type=\"hidden\" name=\"version\" value=\"\(String($0))\">" as HTML })
            <div class="form-grid">\(storeField)\(inputs)\(customInputs)</div>
            <div class="actions"><button type="submit" id="save">\(id == nil ? strings[.create] : strings[.save])</button>
            <a class="button secondary" href="\(cancel)">\(strings[.cancel])</a></div>
            </form>
            </main>
            """)
    }

    /// A labelled field with its error beside it; a required one is marked.
    static func field(
        _ key: String, _ label: String, error: String?, input: HTML, required: Bool = false, strings: AdminStrings = AdminStrings(.en)
    ) -> HTML {
        let message: HTML = error.map { "<span class=\"field-error\" id=\"\(key)-error\">\($0)</span>" } ?? .empty
        let mark: HTML = required ? " <span class=\"required\" title=\"\(strings[.required])\">*</span>" : .empty
        return """
            <div class="field\(error == nil ? "" : " invalid")"><label for="\(key)">\(label)\(mark)</label>\(input)\(message)</div>
            """
    }
}
