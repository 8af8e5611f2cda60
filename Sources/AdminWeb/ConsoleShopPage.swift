import HTTPServer
import ShopCore

/// One shop in the console: its plan and status, with the operator API's actions: change the
/// tier, switch add-ons and flags (support's B2B mode), suspend with a reason, resume, and
/// delete after typing the slug. A change takes effect on the shop's next request.
enum ConsoleShopPage {
    static func addRoutes(to routes: RouteGroup, gate: OperatorConsoleGate) {
        routes.get("/shops/{slug}", gate.signedIn { page in try await render(page, slug: try slug(page)) })
        routes.post(
            "/shops/{slug}/tier", bodyLimit: 4 * 1024,
            gate.signedIn { page in
                let slug = try slug(page)
                return try await act(page, slug, .put, "/shops/\(slug)/tier", .object(["tier": .string(page.form["tier"] ?? "")]))
            })
        for kind in ["add-ons", "flags"] {
            routes.post(
                "/shops/{slug}/\(kind)/{name}", bodyLimit: 4 * 1024,
                gate.signedIn { page in
                    let slug = try slug(page)
                    let name = URLQuery.component(page.parameters["name"] ?? "")
                    let method: HTTPMethod = page.form["enabled"] == "1" ? .put : .delete
                    return try await act(page, slug, method, "/shops/\(slug)/\(kind)/\(name)", nil)
                })
        }
        routes.post(
            "/shops/{slug}/suspend", bodyLimit: 4 * 1024,
            gate.signedIn { page in
                let slug = try slug(page)
                return try await act(page, slug, .post, "/shops/\(slug)/suspend", .object(["reason": .string(page.form["reason"] ?? "")]))
            })
        routes.post(
            "/shops/{slug}/resume", bodyLimit: 4 * 1024,
            gate.signedIn { page in
                let slug = try slug(page)
                return try await act(page, slug, .post, "/shops/\(slug)/resume", nil)
            })
        routes.post(
            "/shops/{slug}/delete", bodyLimit: 4 * 1024,
            gate.signedIn { page in
                let slug = try slug(page)
                // The confirmation is the slug typed again; anything else deletes nothing.
                guard page.form["confirm"] == slug else {
                    return try await render(
                        page, slug: slug, errors: ["confirm": page.strings[console: .deleteConfirm]], status: .unprocessableEntity)
                }
                let answer = await page.api.call(.delete, "/shops/\(slug)")
                guard answer.succeeded else {
                    return try await render(
                        page, slug: slug, errors: AdminPage.fieldErrors(answer), status: HTTPStatus(code: answer.status))
                }
                return page.respond(
                    title: page.strings[console: .deleted],
                    """
                    <main><h1 id="deleted">\(page.strings[console: .deleted])</h1><p>\(slug) → \(answer.json["trash"]?.stringValue)</p>
                    <p><a href="\(page.base)">\(page.strings[console: .back])</a></p></main>
                    """)
            })
    }

    /// The `{slug}` of the path, as typed: the API says whether such a shop exists.
    static func slug(_ page: ConsolePage) throws -> String {
        let text = page.parameters["slug"] ?? ""
        guard ShopSlug(text) != nil else { throw HTTPError.notFound("No shop named \(text).") }
        return text
    }

    static func act(_ page: ConsolePage, _ slug: String, _ method: HTTPMethod, _ path: String, _ body: JSONValue?) async throws
        -> HTTPResponse
    {
        let answer = await page.api.call(method, path, body: body)
        guard answer.succeeded else {
            return try await render(page, slug: slug, errors: AdminPage.fieldErrors(answer), status: HTTPStatus(code: answer.status))
        }
        return AdminResponse.redirect("\(page.base)/shops/\(slug)")
    }

    static func render(_ page: ConsolePage, slug: String, errors: [String: String] = [:], status: HTTPStatus = .ok) async throws
        -> HTTPResponse
    {
        let strings = page.strings
        let shop = try await page.api.get("/shops/\(slug)")["shop"] ?? .null
        let tiers = try await page.api.get("/tiers")
        let stats = await page.api.call(.get, "/shops/\(slug)/stats")
        let audit = await page.api.call(.get, "/shops/\(slug)/audit?limit=20")
        let tier = shop["tier"]?.stringValue ?? ""
        let addOns = Set((shop["addOns"]?.elements ?? []).compactMap(\.stringValue))
        let flags = Set((shop["flags"]?.elements ?? []).compactMap(\.stringValue))
        let suspended = shop["status"]?.stringValue == "suspended"
        let tierOptions = HTML.join(
            (tiers["tiers"]?.elements ?? []).compactMap(\.stringValue).map { value in
                "<option value=\"\(value)\"\(value == tier ? " selected" : "" as HTML)>\(value.capitalized)</option>"
            })
        func toggle(_ kind: String, _ name: String, on: Bool, label: String) -> HTML {
            """
            <form method="post" action="\(page.base)/shops/\(slug)/\(kind)/\(name)" class="inline" data-toggle="\(kind)/\(name)">\(page.csrfField)
            <input type="hidden" name="enabled" value="\(on ? "0" : "1")">
            <span>\(label): <strong data-state>\(on ? strings[console: .on] : strings[console: .off])</strong></span>
            <button type="submit" class="\(on ? "secondary" : "")" id="toggle-\(kind)-\(name)">\(on ? strings[console: .switchOff] : strings[console: .switchOn])</button></form>
            """
        }
        let addOnToggles = HTML.join(
            (tiers["addOns"]?.elements ?? []).compactMap(\.stringValue).map { toggle("add-ons", $0, on: addOns.contains($0), label: $0) })
        let flagToggles = HTML.join(
            (tiers["flags"]?.elements ?? []).compactMap(\.stringValue).map {
                toggle("flags", $0, on: flags.contains($0), label: $0 == "b2b" ? strings[console: .b2bMode] : $0)
            })
        let statusForm: HTML =
            suspended
            ? """
            <p class="notice error">\(strings[console: .suspended]): \(shop["suspendedReason"]?.stringValue)</p>
            <form method="post" action="\(page.base)/shops/\(slug)/resume">\(page.csrfField)<button type="submit" id="resume">\(strings[console: .resume])</button></form>
            """
            : """
            <form method="post" action="\(page.base)/shops/\(slug)/suspend" class="inline">\(page.csrfField)
            <div class="field\(errors["reason"] == nil ? "" : " invalid" as HTML)"><label for="suspend-reason">\(strings[console: .suspendReason])</label>
            <input id="suspend-reason" name="reason" required maxlength="500">\(AdminPage.fieldError(errors, "reason"))</div>
            <button type="submit" class="danger" id="suspend">\(strings[console: .suspend])</button></form>
            """
        let known: Set<String> = ["reason", "confirm"]
        let other = errors.filter { !known.contains($0.key) }.values.sorted()
        return page.respond(
            title: slug, status: status,
            """
            <main>
            <p><a href="\(page.base)">← \(strings[console: .back])</a></p>
            <h1>\(shop["name"]?.stringValue) <span class="muted">\(slug)</span></h1>
            \(AdminPage.notice(other.isEmpty ? nil : other.joined(separator: " ")))
            <section class="card"><dl class="fields">
            <dt>\(strings[console: .tier])</dt><dd id="shop-tier">\(tier.capitalized)</dd>
            <dt>\(strings[console: .status])</dt><dd id="shop-status">\(suspended ? strings[console: .suspended] : strings[console: .active])</dd>
            <dt>\(strings[console: .customers])</dt><dd id="shop-customers">\(stats.json["customerCount"]?.int64 ?? 0)</dd>
            <dt>\(strings[console: .databaseSize])</dt><dd>\(ConsoleShopsPage.bytes(stats.json["databaseBytes"]?.int64 ?? 0))</dd>
            <dt>Modules</dt><dd id="shop-modules">\((shop["modules"] ?? .null).display(strings))</dd>
            </dl></section>
            <section class="card"><h2>\(strings[console: .changeTier])</h2>
            <form method="post" action="\(page.base)/shops/\(slug)/tier" class="inline">\(page.csrfField)
            <select name="tier" id="tier">\(tierOptions)</select><button type="submit" id="change-tier">\(strings[console: .changeTier])</button></form></section>
            <section class="card"><h2>\(strings[console: .addOns]) · \(strings[console: .flags])</h2>\(addOnToggles)\(flagToggles)</section>
            <section class="card"><h2>\(strings[console: .status])</h2>\(statusForm)</section>
            <section class="card"><h2>\(strings[console: .history])</h2>
            <table id="shop-audit"><thead><tr><th>\(strings[.when])</th><th>\(strings[.who])</th><th>\(strings[.what])</th></tr></thead><tbody>\
            \(HTML.join((audit.json["entries"]?.elements ?? []).map { entry in
                "<tr><td>\(AdminFormat.time(entry["at"] ?? .null))</td><td>\(entry["actor"]?.stringValue)</td><td>\(entry["action"]?.stringValue)</td></tr>"
            }))</tbody></table></section>
            <section class="card"><h2>\(strings[console: .deleteShop])</h2><p class="muted">\(strings[console: .deleteHint])</p>
            <form method="post" action="\(page.base)/shops/\(slug)/delete" class="inline">\(page.csrfField)
            <div class="field\(errors["confirm"] == nil ? "" : " invalid" as HTML)"><label for="delete-confirm">\(strings[console: .deleteConfirm])</label>
            <input id="delete-confirm" name="confirm" required autocomplete="off">\(AdminPage.fieldError(errors, "confirm"))</div>
            <button type="submit" class="danger" id="delete-shop">\(strings[console: .deleteShop])</button></form></section>
            </main>
            """)
    }
}
