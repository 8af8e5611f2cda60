import HTTPServer
import ShopCore

/// The customer's own price rules on the prices page: a new price, discount or margin rule
/// (`POST /price-rules` with `customerId`) and deleting one (`DELETE /price-rules/{id}`), for
/// roles with `pricing.manage`. Only the fields of the chosen kind are sent, as the API wants.
extension CustomerPricesPage {
    static func addRuleRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.post(
            "/customers/{id}/prices/rules", bodyLimit: 16 * 1024,
            gate.signedIn { page in
                let id = try customerID(page)
                let answer = await page.api.call(.post, "/price-rules", body: ruleBody(page.form, customer: id))
                guard answer.succeeded else {
                    return try await render(page, ruleErrors: AdminPage.fieldErrors(answer), status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/customers/\(id)/prices")
            })
        pages.post(
            "/customers/{id}/prices/rules/{rule}/delete", bodyLimit: 4 * 1024,
            gate.signedIn { page in
                let id = try customerID(page)
                guard let rule = Int64(page.parameters["rule"] ?? ""), rule > 0 else { throw HTTPError.notFound("No such rule.") }
                // Only a rule of this customer's own is deleted from their page.
                let current = try await page.api.get("/price-rules/\(rule)")["rule"]
                guard current?["customerId"]?.int64 == id else { throw HTTPError.notFound("No rule \(rule) of customer \(id).") }
                let answer = await page.api.call(.delete, "/price-rules/\(rule)")
                guard answer.succeeded else { throw AdminAPIFailure(answer: answer) }
                return AdminResponse.redirect("\(page.base)/customers/\(id)/prices")
            })
    }

    static func customerID(_ page: AdminPage) throws -> Int64 {
        let text = page.parameters["id"] ?? ""
        guard let id = Int64(text), id > 0 else { throw HTTPError.notFound("No customer \(text).") }
        return id
    }

    /// `19,90` or `19.90` as minor units (1990); nil when it is not an amount.
    static func minorUnits(_ text: String) -> Int64? {
        let parts = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".").split(
            separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0, whole < 1_000_000_000 else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isNumber), let cents = Int64(parts[1]) else { return nil }
        return whole * 100 + (parts[1].count == 1 ? cents * 10 : cents)
    }

    static func ruleBody(_ form: [String: String], customer: Int64) -> JSONValue {
        let kind = form["kind"] ?? "price"
        var body: [String: JSONValue] = ["kind": .string(kind), "customerId": .int(customer)]
        func text(_ key: String) {
            if let value = form[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { body[key] = .string(value) }
        }
        if kind != "margin" { text("sku") }
        switch kind {
        case "price":
            let amount = form["amount"] ?? ""
            // An amount that does not read as money goes as typed: the API names the field.
            body["amount"] = minorUnits(amount).map(JSONValue.int) ?? .string(amount)
            text("currency")
            text("priceType")
        case "discount": text("percentage")
        default: text("margin")
        }
        if let quantity = form["minimumQuantity"].flatMap({ Int64($0) }) { body["minimumQuantity"] = .int(quantity) }
        for key in ["validFrom", "validTo", "note"] { text(key) }
        return .object(body)
    }

    static func deleteRuleForm(_ page: AdminPage, customer: Int64, rule: Int64) -> HTML {
        """
        <form method="post" action="\(page.base)/customers/\(customer)/prices/rules/\(rule)/delete" class="inline">\(page.csrfField)
        <button type="submit" class="danger" data-action="delete">\(page.strings[settings: .delete])</button></form>
        """
    }

    static func newRuleForm(_ page: AdminPage, customer: Int64, errors: [String: String]) -> HTML {
        let strings = page.strings
        let form = page.form
        func select(_ name: String, _ options: [(String, String)], selected: String?) -> HTML {
            """
            <select id="rule-\(name)" name="\(name)">\(HTML.join(options.map { value, label in
                "<option value=\"\(value)\"\(value == selected ? " selected" : "" as HTML)>\(label)</option>"
            }))</select>
            """
        }
        func field(_ name: String, _ label: SettingsText, _ control: HTML, hint: String? = nil) -> HTML {
            """
            <div class="field\(errors[name] == nil ? "" : " invalid" as HTML)"><label for="rule-\(name)">\(strings[settings: label])</label>\(control)\
            \(hint.map { "<span class=\"muted\">\($0)</span>" as HTML })\(AdminPage.fieldError(errors, name))</div>
            """
        }
        func input(_ name: String, type: String = "text") -> HTML {
            "<input id=\"rule-\(name)\" name=\"\(name)\" type=\"\(type)\" value=\"\(form[name])\">"
        }
        let kinds = [
            ("price", strings[settings: .kindPrice]), ("discount", strings[settings: .kindDiscount]),
            ("margin", strings[settings: .kindMargin]),
        ]
        let currencies = ["EUR", "SEK", "NOK", "DKK"].map { ($0, $0) }
        let priceTypes = ["gross", "e-net", "n-net"].map { ($0, $0) }
        let known: Set<String> = [
            "kind", "sku", "amount", "currency", "priceType", "percentage", "margin", "minimumQuantity", "validFrom", "validTo", "note",
        ]
        let other = errors.filter { !known.contains($0.key) }.values.sorted()
        return """
            <h3>\(strings[settings: .newRule])</h3>
            \(AdminPage.notice(other.isEmpty ? nil : other.joined(separator: " ")))
            <form method="post" action="\(page.base)/customers/\(customer)/prices/rules" class="form-grid" id="new-rule">\(page.csrfField)
            \(field("kind", .kind, select("kind", kinds, selected: form["kind"])))
            \(field("sku", .sku, input("sku"), hint: strings[settings: .skuHint]))
            \(field("amount", .amount, input("amount")))
            \(field("currency", .currency, select("currency", currencies, selected: form["currency"])))
            \(field("priceType", .priceType, select("priceType", priceTypes, selected: form["priceType"])))
            \(field("percentage", .percentage, input("percentage")))
            \(field("margin", .margin, input("margin")))
            \(field("minimumQuantity", .minimumQuantity, input("minimumQuantity", type: "number")))
            \(field("validFrom", .validFrom, input("validFrom", type: "date")))
            \(field("validTo", .validTo, input("validTo", type: "date")))
            \(field("note", .note, input("note")))
            <div class="field"><button type="submit" id="create-rule">\(strings[.create])</button></div>
            </form>
            """
    }
}
