import HTTPServer
import ShopCore

/// The customer page's sections beyond the core record: the customer's email log and a panel
/// per module the shop has, each from what the module's own API returns for the customer (one
/// call a module, never a call a row). A module the shop lacks shows nothing, so a Start
/// shop's page has no credit limit.
enum CustomerPanels {
    /// The customer's outbox entries (`GET /customers/{id}/emails`).
    static func emailLog(_ page: AdminPage, id: Int64) async -> HTML {
        let strings = page.strings
        let answer = await page.api.call(.get, "/customers/\(id)/emails", query: [("limit", "20")])
        guard answer.succeeded else { return .empty }
        let emails = answer.json["emails"]?.elements ?? []
        let rows = HTML.join(
            emails.map { email in
                """
                <tr data-email-id="\((email["id"] ?? .null).display(strings))"><td>\(AdminFormat.time(email["createdAt"] ?? .null))</td>\
                <td>\(email["to"]?.stringValue)</td><td>\(email["subject"]?.stringValue)</td><td>\(email["template"]?.stringValue)</td>\
                <td>\(email["status"]?.stringValue)</td></tr>
                """
            })
        let table: HTML =
            emails.isEmpty
            ? "<p class=\"muted\">\(strings[.none])</p>"
            : """
            <table id="email-log"><thead><tr><th>\(strings[.when])</th><th>\(strings[.email])</th><th>\(strings[.subject])</th>\
            <th>\(strings[.kind])</th><th>\(strings[.status])</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return "<section class=\"card\" id=\"emails\"><h2>\(strings[.emailLog])</h2>\(table)</section>"
    }

    /// A panel per module of the shop, in a fixed order.
    static func modulePanels(_ page: AdminPage, id: Int64, customer: JSONValue) async -> HTML {
        let modules = page.modules
        // One call a module, all at once.
        async let credit = modules.contains("credit-limit") ? creditLimit(page, id: id) : .empty
        async let balance = modules.contains("account-balance") ? balance(page, id: id) : .empty
        async let tags = modules.contains("tags") ? tags(page, id: id) : .empty
        async let products = modules.contains("included-products") ? includedProducts(page, id: id) : .empty
        async let company = modules.contains("b2b") ? company(page, id: id) : .empty
        let fields = modules.contains("required-fields") ? customFields(page, customer: customer) : .empty
        return HTML.join([await company, await credit, await balance, await tags, await products, fields])
    }

    static func panel(_ id: String, _ title: String, _ body: HTML) -> HTML {
        "<section class=\"card module\" id=\"module-\(id)\" data-module=\"\(id)\"><h2>\(title)</h2>\(body)</section>"
    }

    /// An amount in minor units, or `{amount, currency}`, with its currency.
    static func amount(_ value: JSONValue?, currency: String?) -> String {
        guard let value, value != .null else { return "" }
        if case .object(let members) = value {
            return "\(AdminFormat.money(members["amount"] ?? .null)) \(members["currency"]?.stringValue ?? currency ?? "")"
        }
        return "\(AdminFormat.money(value)) \(currency ?? "")"
    }

    static func creditLimit(_ page: AdminPage, id: Int64) async -> HTML {
        let strings = page.strings
        let answer = await page.api.call(.get, "/customers/\(id)/credit-limit")
        guard answer.succeeded else { return .empty }
        let view = answer.json
        let currency = view["currency"]?.stringValue
        let limit = view["limit"] ?? .null
        // The companies the customer orders for (with b2b), each with its own limit over its people.
        let companies = HTML.join(
            (view["companies"]?.elements ?? []).map { company in
                let limit = company["limit"] ?? .null
                return """
                    <dt>\(strings[.company]) #\((company["companyId"] ?? .null).display(strings))</dt>\
                    <dd data-company="\((company["companyId"] ?? .null).display(strings))">\(limit == .null ? strings[.none] : amount(limit, currency: currency)) · \
                    \(strings[.creditUsed]) \(amount(company["outstanding"], currency: currency))</dd>
                    """
            })
        return panel(
            "credit-limit", strings[.creditLimit],
            """
            <dl class="fields">
            <dt>\(strings[.creditLimit])</dt><dd id="credit-limit">\(limit == .null ? strings[.none] : amount(limit, currency: currency))</dd>
            <dt>\(strings[.creditUsed])</dt><dd id="credit-used">\(amount(view["outstanding"], currency: currency))</dd>
            <dt>\(strings[.creditAvailable])</dt><dd id="credit-available">\(amount(view["available"], currency: currency))</dd>
            \(companies)
            </dl>
            """)
    }

    static func balance(_ page: AdminPage, id: Int64) async -> HTML {
        let strings = page.strings
        let answer = await page.api.call(.get, "/customers/\(id)/balance", query: [("limit", "20")])
        guard answer.succeeded else { return .empty }
        let balances = answer.json["balances"]?.elements ?? []
        let entries = answer.json["entries"]?.elements ?? []
        let totals: HTML =
            balances.isEmpty
            ? "<p class=\"muted\" id=\"balance\">\(strings[.none])</p>"
            : "<p id=\"balance\">\(balances.map { amount($0["amount"], currency: $0["currency"]?.stringValue) }.joined(separator: " · "))</p>"
        let rows = HTML.join(
            entries.map { entry in
                """
                <tr><td>\(AdminFormat.time(entry["createdAt"] ?? .null))</td>\
                <td class="number">\(amount(entry["amount"], currency: entry["currency"]?.stringValue))</td>\
                <td>\(entry["reason"]?.stringValue)</td><td>\(entry["actor"]?["label"]?.stringValue)</td></tr>
                """
            })
        let ledger: HTML =
            entries.isEmpty
            ? .empty
            : """
            <h3>\(strings[.balanceEntries])</h3>
            <table id="balance-entries"><thead><tr><th>\(strings[.when])</th><th class="number">\(strings[.amount])</th>\
            <th>\(strings[.note])</th><th>\(strings[.who])</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return panel("account-balance", strings[.balance], "\(totals)\(ledger)")
    }

    static func tags(_ page: AdminPage, id: Int64) async -> HTML {
        let strings = page.strings
        let answer = await page.api.call(.get, "/customers/\(id)/tags")
        guard answer.succeeded else { return .empty }
        let names = (answer.json["tags"]?.elements ?? []).map { $0["name"]?.stringValue ?? $0.display(strings) }
        let list: HTML =
            names.isEmpty
            ? "<p class=\"muted\">\(strings[.none])</p>"
            : "<p id=\"customer-tags\">\(HTML.join(names.map { "<span class=\"badge\" data-tag=\"\($0)\">\($0)</span>" as HTML }, separator: " "))</p>"
        return panel("tags", strings[.tags], list)
    }

    static func includedProducts(_ page: AdminPage, id: Int64) async -> HTML {
        let strings = page.strings
        let answer = await page.api.call(.get, "/customers/\(id)/included-products")
        guard answer.succeeded else { return .empty }
        let effective = answer.json["effective"] ?? answer.json
        guard effective["restricted"]?.bool == true else {
            return panel("included-products", strings[.includedProducts], "<p class=\"muted\">\(strings[.notRestricted])</p>")
        }
        let skus = (effective["skus"]?.elements ?? []).compactMap(\.stringValue)
        let categories = (effective["categories"]?.elements ?? []).compactMap(\.stringValue)
        return panel(
            "included-products", strings[.includedProducts],
            """
            <dl class="fields"><dt>\(strings[.restrictedTo])</dt><dd>\(effective["level"]?.stringValue)</dd>
            <dt>SKU</dt><dd>\(skus.joined(separator: ", "))</dd><dt>\(strings[.categories])</dt><dd>\(categories.joined(separator: ", "))</dd></dl>
            """)
    }

    /// The custom fields are a member of the customer's record (`customFields`): no call.
    static func customFields(_ page: AdminPage, customer: JSONValue) -> HTML {
        let strings = page.strings
        let values = customer["customFields"]?.members ?? [:]
        let list: HTML =
            values.isEmpty
            ? "<p class=\"muted\">\(strings[.none])</p>"
            : "<dl class=\"fields\">\(HTML.join(values.keys.sorted().map { key in "<dt>\(key)</dt><dd data-custom-field=\"\(key)\">\(values[key]!.display(strings))</dd>" }))</dl>"
        return panel("required-fields", strings[.customFields], list)
    }
}
