import HTTPServer
import ShopCore

/// Prices and discounts per customer: the customer's own price rules (`/price-rules?customerId=`)
/// and "why this price" for a SKU, the pricing engine's explanation of every level it
/// considered (`GET /customers/{id}/prices/{sku}`). `/prices` finds the customer by id or a search.
enum CustomerPricesPage {
    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get(
            "/prices",
            gate.signedIn { page in
                let asked = (page.request.query("customer") ?? "").trimmingCharacters(in: .whitespaces)
                if let id = Int64(asked), id > 0 { return AdminResponse.redirect("\(page.base)/customers/\(id)/prices") }
                let strings = page.strings
                // Anything else is a search of the customer list: name, email, phone, company.
                var matches: HTML = .empty
                if !asked.isEmpty {
                    let found = try await page.api.get("/customers", query: [("q", asked), ("limit", "20")])["customers"]?.elements ?? []
                    matches =
                        found.isEmpty
                        ? "<p class=\"muted\">\(strings[.noCustomers])</p>"
                        : """
                        <ul class="modules" id="price-customers">\(HTML.join(found.map { customer in
                            let id = customer["id"]?.int64 ?? 0
                            let name = [customer["firstName"], customer["lastName"]].compactMap { $0?.stringValue }.joined(separator: " ")
                            return "<li><a href=\"\(page.base)/customers/\(id)/prices\">\(name)</a> <span class=\"muted\">#\(id) \(customer["email"]?.stringValue)</span></li>"
                        }))</ul>
                        """
                }
                return page.settingsPage(
                    title: strings[settings: .prices],
                    """
                    <form method="get" action="\(page.base)/prices" class="filters">
                    <label>\(strings[settings: .customerID]) · \(strings[.search])<input type="search" name="customer" id="price-customer" required value="\(asked)" placeholder="\(strings[.searchPlaceholder])"></label>
                    <button type="submit">\(strings[settings: .showPrices])</button></form>
                    \(matches)
                    """)
            })
        pages.get("/customers/{id}/prices", gate.signedIn { page in try await render(page) })
        addRuleRoutes(to: pages, gate: gate)
    }

    static func render(_ page: AdminPage, ruleErrors: [String: String] = [:], status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let strings = page.strings
        let text = page.parameters["id"] ?? ""
        guard let id = Int64(text), id > 0 else { throw HTTPError.notFound("No customer \(text).") }
        let customer = try await page.api.get("/customers/\(id)")["customer"] ?? .null
        let name = [customer["firstName"], customer["lastName"]].compactMap { $0?.stringValue }.joined(separator: " ")
        let rules = try await page.api.get("/price-rules", query: [("customerId", String(id))])["rules"]?.elements ?? []
        let manage = page.may(.pricingManage)
        let ruleRows = HTML.join(
            rules.map { rule -> HTML in
                let kind = rule["kind"]?.stringValue ?? ""
                let value: String
                switch kind {
                case "price":
                    value =
                        "\(AdminFormat.money(rule["amount"] ?? .null)) \(rule["currency"]?.stringValue ?? "") \(rule["priceType"]?.stringValue ?? "")"
                case "discount": value = "\(rule["percentage"]?.stringValue ?? AdminFormat.money(rule["amount"] ?? .null)) %"
                default: value = "\(rule["margin"]?.stringValue ?? "") %"
                }
                let target = rule["sku"]?.stringValue ?? rule["discountGroupId"].map { "discount group \($0.display(strings))" } ?? ""
                return """
                    <tr data-rule="\(rule["id"]?.int64 ?? 0)"><td>\(rule["id"]?.int64 ?? 0)</td><td>\(kind)</td><td>\(target)</td><td>\(value)</td>\
                    <td class="number">\(rule["minimumQuantity"]?.int64 ?? 1)</td><td>\(AdminFormat.day(rule["validFrom"] ?? .null))</td>\
                    <td>\(AdminFormat.day(rule["validTo"] ?? .null))</td><td>\(rule["note"]?.stringValue)</td>\
                    <td>\(manage ? deleteRuleForm(page, customer: id, rule: rule["id"]?.int64 ?? 0) : .empty)</td></tr>
                    """
            })
        let sku = (page.request.query("sku") ?? "").trimmingCharacters(in: .whitespaces)
        let quantity = page.request.query("quantity").flatMap { Int($0) } ?? 1
        var explanation: HTML = .empty
        if !sku.isEmpty {
            let answer = await page.api.call(
                .get, "/customers/\(id)/prices/\(URLQuery.component(sku))", query: [("quantity", String(max(quantity, 1)))])
            if answer.succeeded, let price = answer.json["price"] {
                let available = price["available"]?.bool != false
                let steps = HTML.join(
                    (price["explanation"]?.elements ?? []).map { step -> HTML in
                        let outcome = step["outcome"]?.stringValue ?? ""
                        return """
                            <tr class="\(outcome == "won" ? "chosen" : "")" data-outcome="\(outcome)"><td>\(step["list"]?.stringValue)</td>\
                            <td>\(step["level"]?.stringValue)</td><td>\(outcome)</td><td>\(step["reason"]?.stringValue)</td></tr>
                            """
                    })
                let summary: HTML =
                    available
                    ? """
                    <dl class="fields" id="price-summary">
                    <dt>\(strings[settings: .price])</dt><dd>\(AdminFormat.money(price["unitPrice"] ?? .null)) \(price["currency"]?.stringValue)</dd>
                    <dt>\(strings[settings: .discount])</dt><dd>\((price["discount"] ?? .null).display(strings))</dd>
                    <dt>\(strings[settings: .lineTotal])</dt><dd>\(AdminFormat.money(price["lineTotal"] ?? .null)) \(price["currency"]?.stringValue)</dd>
                    </dl>
                    <p id="price-why"><strong>\(price["why"]?.stringValue)</strong></p>
                    """ : "<p class=\"notice error\" id=\"price-why\">\(strings[settings: .unavailable])</p>"
                explanation = """
                    <h3>\(price["name"]?.stringValue) (\(sku))</h3>\(summary)
                    <table id="explanation"><thead><tr><th></th><th>\(strings[settings: .level])</th><th>\(strings[settings: .considered])</th><th></th></tr></thead>
                    <tbody>\(steps)</tbody></table>
                    """
            } else {
                explanation = AdminPage.notice(AdminPage.fieldErrors(answer).values.sorted().joined(separator: " "))
            }
        }
        return page.respond(
            title: "\(strings[settings: .prices]) · \(name)", status: status,
            """
            <main>
            <p><a href="\(page.base)/customers/\(id)">← \(name)</a></p>
            <h1>\(strings[settings: .prices]) <span class="muted">\(name) #\(id)</span></h1>
            <section class="card"><h2>\(strings[settings: .priceRules])</h2>
            \(rules.isEmpty ? "<p class=\"muted\">\(strings[settings: .noPriceRules])</p>" as HTML : """
            <table id="price-rules"><thead><tr><th>\(strings[.id])</th><th>\(strings[settings: .kind])</th><th>\(strings[settings: .sku])</th>\
            <th>\(strings[settings: .value])</th><th class="number">\(strings[settings: .quantity])</th><th>\(strings[settings: .validFrom])</th>\
            <th>\(strings[settings: .validTo])</th><th></th><th></th></tr></thead><tbody>\(ruleRows)</tbody></table>
            """)
            \(manage ? newRuleForm(page, customer: id, errors: ruleErrors) : .empty)
            </section>
            <section class="card"><h2>\(strings[settings: .whyThisPrice])</h2>
            <form method="get" action="\(page.base)/customers/\(id)/prices" class="filters">
            <label>\(strings[settings: .sku])<input name="sku" id="price-sku" value="\(sku)" required></label>
            <label>\(strings[settings: .quantity])<input name="quantity" type="number" min="1" value="\(max(quantity, 1))"></label>
            <button type="submit" id="explain">\(strings[settings: .explain])</button></form>
            \(explanation)
            </section>
            </main>
            """)
    }
}
