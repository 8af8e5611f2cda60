import HTTPServer
import ShopCore

/// The console's shop list (`GET /operator/shops` and each shop's `/stats`) and provisioning
/// (`POST /operator/shops`: the owner's generated password is shown once, on the page that
/// answers the form).
enum ConsoleShopsPage {
    /// Shops a page: each row opens its shop's file for the customer count.
    static let pageSize = 50

    static func addRoutes(to routes: RouteGroup, gate: OperatorConsoleGate) {
        routes.get("", gate.signedIn { page in try await render(page) })
        // Not under /shops/: a shop may be called "new".
        routes.get("/new-shop", gate.signedIn { page in try await newShop(page, errors: [:], status: .ok) })
        routes.post(
            "/shops", bodyLimit: 16 * 1024,
            gate.signedIn { page in
                let form = page.form
                var body: [String: JSONValue] = [
                    "slug": .string(form["slug"] ?? ""), "name": .string(form["name"] ?? ""), "tier": .string(form["tier"] ?? ""),
                    "ownerEmail": .string(form["ownerEmail"] ?? ""),
                    "addOns": .array(form.keys.filter { $0.hasPrefix("addOn.") }.sorted().map { .string(String($0.dropFirst(6))) }),
                    "flags": .array(form.keys.filter { $0.hasPrefix("flag.") }.sorted().map { .string(String($0.dropFirst(5))) }),
                ]
                if let password = form["ownerPassword"], !password.isEmpty { body["ownerPassword"] = .string(password) }
                let answer = await page.api.call(.post, "/shops", body: .object(body))
                guard answer.succeeded else {
                    return try await newShop(page, errors: AdminPage.fieldErrors(answer), status: HTTPStatus(code: answer.status))
                }
                let slug = answer.json["shop"]?["slug"]?.stringValue ?? ""
                let password: HTML =
                    answer.json["ownerPassword"]?.stringValue.map {
                        "<p>\(page.strings[console: .generatedPassword]) <code id=\"owner-password\">\($0)</code></p>"
                    } ?? .empty
                return page.respond(
                    title: page.strings[console: .provisioned], status: .created,
                    """
                    <main><h1>\(page.strings[console: .provisioned])</h1>\(password)
                    <p><a href="\(page.base)/shops/\(slug)" id="provisioned-shop">\(slug)</a> · <a href="/shops/\(slug)/admin/">/shops/\(slug)/admin/</a></p></main>
                    """)
            })
    }

    static func bytes(_ value: Int64) -> String {
        if value >= 1 << 30 { return "\(value / (1 << 20)) MiB" }
        if value >= 1 << 20 { return "\((value * 10 / (1 << 20)) / 10).\((value * 10 / (1 << 20)) % 10) MiB" }
        return "\(value / 1024) KiB"
    }

    static func render(_ page: ConsolePage) async throws -> HTTPResponse {
        let strings = page.strings
        let all = try await page.api.get("/shops")["shops"]?.elements ?? []
        // The registry answers from memory; the stats open each shop's file, so a page of them.
        let query = (page.request.query("q") ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let matching =
            query.isEmpty
            ? all
            : all.filter { shop in
                ["slug", "name"].contains { (shop[$0]?.stringValue ?? "").lowercased().contains(query) }
            }
        let after = page.request.query("after") ?? ""
        let rest = matching.filter { (($0["slug"]?.stringValue ?? "") > after) }
        let shops = Array(rest.prefix(pageSize))
        var rows: [HTML] = []
        for shop in shops {
            let slug = shop["slug"]?.stringValue ?? ""
            let stats = await page.api.call(.get, "/shops/\(slug)/stats")
            let status = shop["status"]?.stringValue ?? ""
            let badge: HTML =
                status == "active"
                ? "<span class=\"badge ok\" data-status=\"active\">\(strings[console: .active])</span>"
                : "<span class=\"badge bad\" data-status=\"\(status)\" title=\"\(shop["suspendedReason"]?.stringValue)\">\(strings[console: .suspended])</span>"
            rows.append(
                """
                <tr data-shop="\(slug)"><td><a href="\(page.base)/shops/\(slug)">\(slug)</a></td><td>\(shop["name"]?.stringValue)</td>\
                <td data-tier>\((shop["tier"]?.stringValue ?? "").capitalized)</td><td data-add-ons>\((shop["addOns"] ?? .null).display(strings))</td>\
                <td data-flags>\((shop["flags"] ?? .null).display(strings))</td><td>\(badge)</td>\
                <td class="number" data-customers>\(stats.json["customerCount"]?.int64 ?? 0)</td>\
                <td class="number">\(bytes(stats.json["databaseBytes"]?.int64 ?? 0))</td></tr>
                """)
        }
        var next: HTML = .empty
        if rest.count > pageSize, let last = shops.last?["slug"]?.stringValue {
            let items = (query.isEmpty ? [] : [("q", query)]) + [("after", last)]
            next = "<p class=\"pager\"><a href=\"\(page.base)?\(URLQuery.encode(items))\" id=\"next-shops\">\(strings[.nextPage])</a></p>"
        }
        return page.respond(
            title: strings[console: .shops],
            """
            <main>
            <h1>\(strings[console: .shops]) <span class="muted" id="shop-total">(\(matching.count))</span></h1>
            <form method="get" action="\(page.base)" class="filters"><input type="search" name="q" value="\(query)" aria-label="\(strings[.search])">\
            <button type="submit" class="secondary">\(strings[.search])</button>\
            <a class="button" href="\(page.base)/new-shop" id="new-shop">\(strings[console: .newShop])</a></form>
            \(shops.isEmpty ? "<p class=\"muted\">\(strings[console: .noShops])</p>" as HTML : """
            <table id="shops"><thead><tr><th>\(strings[console: .slug])</th><th>\(strings[console: .name])</th><th>\(strings[console: .tier])</th>\
            <th>\(strings[console: .addOns])</th><th>\(strings[console: .flags])</th><th>\(strings[console: .status])</th>\
            <th class="number">\(strings[console: .customers])</th><th class="number">\(strings[console: .databaseSize])</th></tr></thead>
            <tbody>\(HTML.join(rows))</tbody></table>
            """)
            \(next)
            </main>
            """)
    }

    static func newShop(_ page: ConsolePage, errors: [String: String], status: HTTPStatus) async throws -> HTTPResponse {
        let strings = page.strings
        let tiers = try await page.api.get("/tiers")
        let form = page.form
        func field(_ key: String, _ text: ConsoleText, type: String = "text", required: Bool = true, hint: String? = nil) -> HTML {
            """
            <div class="field\(errors[key] == nil ? "" : " invalid" as HTML)"><label for="shop-\(key)">\(strings[console: text])</label>
            <input id="shop-\(key)" name="\(key)" type="\(type)" value="\(type == "password" ? "" : form[key])"\(required ? " required" : "" as HTML)>\
            \(hint.map { "<span class=\"muted\">\($0)</span>" as HTML })\(AdminPage.fieldError(errors, key))</div>
            """
        }
        let tierOptions = HTML.join(
            (tiers["tiers"]?.elements ?? []).compactMap(\.stringValue).map { tier in
                "<option value=\"\(tier)\"\(tier == (form["tier"] ?? "start") ? " selected" : "" as HTML)>\(tier.capitalized)</option>"
            })
        let boxes = HTML.join(
            (tiers["addOns"]?.elements ?? []).compactMap(\.stringValue).map { addOn in
                "<label class=\"field check\"><input type=\"checkbox\" name=\"addOn.\(addOn)\" value=\"1\"\(form["addOn.\(addOn)"] == nil ? "" : " checked" as HTML)> \(addOn)</label>"
            }
                + (tiers["flags"]?.elements ?? []).compactMap(\.stringValue).map { flag in
                    "<label class=\"field check\"><input type=\"checkbox\" name=\"flag.\(flag)\" value=\"1\"\(form["flag.\(flag)"] == nil ? "" : " checked" as HTML)> \(flag)</label>"
                })
        let known: Set<String> = ["slug", "name", "tier", "ownerEmail", "ownerPassword"]
        let other = errors.filter { !known.contains($0.key) }.values.sorted()
        return page.respond(
            title: strings[console: .newShop], status: status,
            """
            <main>
            <p><a href="\(page.base)">← \(strings[console: .back])</a></p>
            <h1>\(strings[console: .newShop])</h1>
            \(AdminPage.notice(other.isEmpty ? nil : other.joined(separator: " ")))
            <form method="post" action="\(page.base)/shops" class="card form-grid" id="provision">\(page.csrfField)
            \(field("slug", .slug))\(field("name", .name))
            <div class="field\(errors["tier"] == nil ? "" : " invalid" as HTML)"><label for="shop-tier">\(strings[console: .tier])</label>
            <select id="shop-tier" name="tier">\(tierOptions)</select>\(AdminPage.fieldError(errors, "tier"))</div>
            \(field("ownerEmail", .ownerEmail, type: "email"))
            \(field("ownerPassword", .ownerPassword, type: "password", required: false, hint: strings[console: .ownerPasswordHint]))
            <div class="field"><span>\(strings[console: .addOns]) · \(strings[console: .flags])</span>\(boxes)</div>
            <div class="field"><button type="submit" id="provision-shop">\(strings[console: .provision])</button></div>
            </form>
            </main>
            """)
    }
}
