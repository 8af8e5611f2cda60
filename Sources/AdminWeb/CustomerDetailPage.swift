import HTTPServer
import ShopCore

/// One customer: summary, personal data, addresses, orders, cart and draft orders, the email
/// log, a panel per module of the shop (`CustomerPanels`), the private note and the audit
/// timeline; actions edit, block with a reason, unblock and activate here, copy, password
/// link, sign in as the customer and GDPR in `CustomerActionRoutes`, each a plain form POST
/// shown only to a role that may do it.
enum CustomerDetailPage {
    /// The personal data shown first, in this order.
    static let personal: [(key: String, text: AdminText)] = [
        ("customerNumber", .customerNumber), ("socialTitle", .socialTitle), ("firstName", .firstName), ("lastName", .lastName),
        ("email", .email), ("phone", .phone), ("company", .company), ("businessId", .businessId), ("newsletter", .newsletter),
        ("partnerOffers", .partnerOffers), ("enabled", .enabled),
    ]
    /// Members shown elsewhere on the page or not for people.
    static let shownElsewhere: Set<String> = [
        "id", "version", "addresses", "staffNote", "blockedReason", "activation", "storeId", "defaultGroupId", "groupIds",
        "registeredAt", "lastVisitAt", "updatedAt", "totalSales", "orderCount", "blocked",
    ]

    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/customers/{id}", gate.signedIn { page in try await render(page, id: try customerID(page)) })
        // Each action is the API's, with the API's checks; a refusal is shown on the page.
        for action in ["block", "unblock", "activate"] {
            pages.post(
                "/customers/{id}/\(action)", bodyLimit: 64 * 1024,
                gate.signedIn { page in
                    let id = try customerID(page)
                    let body: JSONValue? = action == "block" ? .object(["reason": .string(page.form["reason"] ?? "")]) : nil
                    let answer = await page.api.call(.post, "/customers/\(id)/\(action)", body: body)
                    guard answer.succeeded else {
                        return try await render(
                            page, id: id, problem: answer.error?["message"]?.stringValue, status: HTTPStatus(code: answer.status))
                    }
                    return AdminResponse.redirect("\(page.base)/customers/\(id)")
                })
        }
    }

    static func customerID(_ page: AdminPage) throws -> Int64 {
        let text = page.parameters["id"] ?? ""
        guard let id = Int64(text), id > 0 else { throw HTTPError.notFound("No customer \(text).") }
        return id
    }

    static func render(_ page: AdminPage, id: Int64, problem: String? = nil, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let strings = page.strings
        let customer = try await page.api.get("/customers/\(id)")["customer"] ?? .null
        // The page's other reads go at once (each in process, none per row).
        async let ordersCall = page.api.call(.get, "/customers/\(id)/orders")
        async let timelineCall = page.api.call(.get, "/customers/\(id)/timeline", query: [("limit", "50")])
        async let storesCall = page.api.call(.get, "/stores")
        async let emailsSection = CustomerPanels.emailLog(page, id: id)
        async let modulePanels = CustomerPanels.modulePanels(page, id: id, customer: customer)
        let orders = await ordersCall
        // The timeline needs audit.read; a role without it sees the page without the timeline.
        let timeline = await timelineCall
        let stores = (await storesCall).json["stores"]?.elements ?? []
        let store = stores.first { $0["id"] == customer["storeId"] }?["name"]?.stringValue ?? ""
        let name = [customer["firstName"], customer["lastName"]].compactMap { $0?.stringValue }.joined(separator: " ")

        let blocked = customer["blockedReason"]?.stringValue
        let pending = customer["activation"]?.stringValue == "pending"
        let statusBadge: HTML
        if let blocked {
            statusBadge = "<span class=\"badge bad\" id=\"status\">\(strings[.statusBlocked]): \(blocked)</span>"
        } else if pending {
            statusBadge = "<span class=\"badge\" id=\"status\">\(strings[.statusPending])</span>"
        } else if customer["enabled"]?.bool == false {
            statusBadge = "<span class=\"badge\" id=\"status\">\(strings[.statusDisabled])</span>"
        } else {
            statusBadge = "<span class=\"badge ok\" id=\"status\">\(strings[.statusActive])</span>"
        }
        let summary: HTML = """
            <section class="card summary">
            <dl class="fields">
            <dt>\(strings[.status])</dt><dd>\(statusBadge)</dd>
            <dt>\(strings[.store])</dt><dd>\(store)</dd>
            <dt>\(strings[.sales])</dt><dd>\(AdminFormat.money(customer["totalSales"] ?? .null)) (\((customer["orderCount"] ?? .null).display(strings)) \(strings[.orders].lowercased()))</dd>
            <dt>\(strings[.registered])</dt><dd>\(AdminFormat.time(customer["registeredAt"] ?? .null))</dd>
            <dt>\(strings[.lastVisit])</dt><dd>\(AdminFormat.time(customer["lastVisitAt"] ?? .null))</dd>
            </dl>
            </section>
            """
        let known = Set(personal.map(\.key))
        let more = customer.members.filter { key, value in
            !known.contains(key) && !shownElsewhere.contains(key) && value != .null && value != .array([])
                && !CustomerListPage.isStructured(value)
        }.keys.sorted()
        let personalRows = HTML.join(
            personal.map { field in
                "<dt>\(strings[field.text])</dt><dd data-field=\"\(field.key)\">\((customer[field.key] ?? .null).display(strings))</dd>"
            }
                + more.map { key in "<dt>\(key)</dt><dd data-field=\"\(key)\">\((customer[key] ?? .null).display(strings))</dd>" })
        let addresses = customer["addresses"]?.elements ?? []
        let addressList: HTML =
            addresses.isEmpty
            ? "<p class=\"muted\">\(strings[.none])</p>"
            : HTML.join(
                addresses.map { address in
                    let lines = [
                        [address["firstName"], address["lastName"]].compactMap { $0?.stringValue }.joined(separator: " "),
                        address["company"]?.stringValue ?? "", address["street"]?.stringValue ?? "", address["street2"]?.stringValue ?? "",
                        [address["postalCode"], address["city"]].compactMap { $0?.stringValue }.joined(separator: " "),
                        address["country"]?.stringValue ?? "",
                    ].filter { !$0.isEmpty }
                    return "<address>\(HTML.join(lines.map { HTML(text: $0) }, separator: "<br>"))</address>"
                }, separator: "<hr>")

        let cart = orders.json["cart"] ?? .null
        let ordersHTML: HTML = """
            <div id="orders-section"><h2>\(strings[.orders])</h2>\(orderTable(orders.json["orders"]?.elements ?? [], strings))</div>
            <div id="cart-section"><h2>\(strings[.cart])</h2>\(orderTable(cart == .null ? [] : [cart], strings))</div>
            <div id="drafts-section"><h2>\(strings[.drafts])</h2>\(orderTable(orders.json["drafts"]?.elements ?? [], strings))</div>
            """
        let entries = timeline.json["entries"]?.elements ?? []
        let timelineHTML: HTML =
            timeline.succeeded
            ? """
            <section class="card"><h2>\(strings[.timeline])</h2>
            <table><thead><tr><th>\(strings[.when])</th><th>\(strings[.who])</th><th>\(strings[.what])</th></tr></thead><tbody>
            \(HTML.join(entries.map { entry in
                "<tr><td>\(AdminFormat.time(entry["at"] ?? .null))</td><td>\(entry["actor"]?["label"]?.stringValue)</td><td>\(entry["action"]?.stringValue)</td></tr>"
            }))
            </tbody></table></section>
            """ : .empty

        let blockForm: HTML =
            blocked == nil
            ? """
            <form method="post" action="\(page.base)/customers/\(id)/block" id="block-form">\(page.csrfField)
            <label class="field">\(strings[.blockReason])<input name="reason" id="block-reason" required maxlength="500"></label>
            <button type="submit" class="danger" id="block">\(strings[.block])</button></form>
            """
            : """
            <form method="post" action="\(page.base)/customers/\(id)/unblock">\(page.csrfField)
            <button type="submit" class="secondary" id="unblock">\(strings[.unblock])</button></form>
            """
        let activateForm: HTML =
            pending
            ? """
            <form method="post" action="\(page.base)/customers/\(id)/activate">\(page.csrfField)
            <button type="submit" id="activate">\(strings[.activate])</button></form>
            """ : .empty
        let notice: HTML =
            problem.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" }
            ?? AdminPage.outcome(page.request.queryItems["done"].flatMap { CustomerActionRoutes.notices[$0] }.map { strings[$0] })
        // Write actions only for a role that may write; the API refuses them anyway.
        let writes = page.may(.customersWrite)
        let edit: HTML =
            writes ? "<a class=\"button\" id=\"edit\" href=\"\(page.base)/customers/\(id)/edit\">\(strings[.edit])</a>" : .empty
        // The customer's price rules and "why this price" (the settings' prices screen for them).
        let prices: HTML =
            "<a class=\"button secondary\" id=\"prices\" href=\"\(page.base)/customers/\(id)/prices\">\(strings[settings: .prices])</a>"
        let panels = await modulePanels
        let emails = await emailsSection
        let actionForms = CustomerActionRoutes.forms(page, id: id, customer: customer)
        return page.respond(
            title: name.isEmpty ? strings[.customer] : name, status: status,
            """
            <main>
            <p><a href="\(page.base)/customers">← \(strings[.backToCustomers])</a></p>
            <h1>\(name) <span class="muted">#\(id)</span></h1>
            \(notice)
            <div class="actions">\(edit)\(prices)\(writes ? activateForm : .empty)\(writes ? blockForm : .empty)</div>
            <div class="actions more-actions">\(actionForms)</div>
            <h2>\(strings[.summary])</h2>\(summary)
            <section class="card"><h2>\(strings[.personalData])</h2><dl class="fields">\(personalRows)</dl></section>
            <section class="card"><h2>\(strings[.addresses])</h2>\(addressList)</section>
            <section class="card">\(ordersHTML)</section>
            \(emails)
            \(panels)
            <section class="card"><h2>\(strings[.privateNote])</h2><p id="staff-note">\(customer["staffNote"]?.stringValue)</p></section>
            \(timelineHTML)
            </main>
            """)
    }

    static func orderTable(_ orders: [JSONValue], _ strings: AdminStrings) -> HTML {
        guard !orders.isEmpty else { return "<p class=\"muted\">\(strings[.none])</p>" }
        let rows = HTML.join(
            orders.map { order in
                let number = order["number"]?.stringValue ?? (order["id"] ?? .null).display(strings)
                return """
                    <tr><td>\(number)</td><td>\(order["status"]?.stringValue)</td><td>\(AdminFormat.day(order["placedAt"] == .null ? order["createdAt"] ?? .null : order["placedAt"] ?? .null))</td>\
                    <td class="number">\((order["lineCount"] ?? .null).display(strings))</td>\
                    <td class="number">\(AdminFormat.money(order["total"] ?? .null)) \(order["currency"]?.stringValue)</td></tr>
                    """
            })
        return """
            <table><thead><tr><th>\(strings[.order])</th><th>\(strings[.status])</th><th>\(strings[.date])</th>\
            <th class="number">\(strings[.lines])</th><th class="number">\(strings[.total])</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }
}
