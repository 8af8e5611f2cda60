import HTTPServer
import ShopCore

/// A bulk action in two steps: `POST /customers/bulk` shows what it will do (how many
/// customers; for a delete the API's dry-run impact) and asks for confirmation;
/// `POST /customers/bulk/run` does it. Tags change at once (`POST /tags/assign`) and the list
/// shows how many changed; the other actions run as a job (`POST /customers/mass-actions`)
/// and the browser goes to the job's page. The export changes nothing: it goes straight to the
/// export page with the selection.
enum CustomerBulkRoutes {
    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.post("/customers/bulk", bodyLimit: 1 << 20, gate.signedIn { page in try await confirm(page) })
        pages.post("/customers/bulk/run", bodyLimit: 1 << 20, gate.signedIn { page in try await run(page) })
    }

    /// The tag names of the form, trimmed, without empties.
    static func tags(_ page: AdminPage) -> [String] {
        (page.form["tags"] ?? "").split(separator: ",").map { String($0).trimmedWhitespace() }.filter { !$0.isEmpty }
    }

    /// A refusal before anything ran, on a page with the way back to the list.
    static func refuse(_ page: AdminPage, _ message: String, status: HTTPStatus = HTTPStatus(code: 422)) -> HTTPResponse {
        let back = CustomerListPage.link(page, CustomerListPage.kept(page.request.queryItems))
        return page.respond(
            title: page.strings[.confirmTitle], status: status,
            """
            <main class="narrow"><h1>\(page.strings[.confirmTitle])</h1>\(AdminPage.outcome(message, error: true))
            <p><a href="\(back)">← \(page.strings[.backToCustomers])</a></p></main>
            """)
    }

    /// Reads and checks the action and selection; a refusal page when they do not do.
    static func parse(_ page: AdminPage) async -> Result<(CustomerBulkBar.Action, CustomerBulkSelection), Refusal> {
        let strings = page.strings
        guard page.may(.customersWrite) else { return .failure(Refusal(message: strings[.notAllowed], status: .forbidden)) }
        let hasTags = page.modules.contains("tags")
        guard let action = CustomerBulkBar.Action(rawValue: page.form["action"] ?? ""),
            CustomerBulkBar.actions(page, hasTags: hasTags).contains(action)
        else { return .failure(Refusal(message: strings[.chooseAction], status: HTTPStatus(code: 422))) }
        let selection = CustomerBulkSelection.read(page)
        guard !selection.isEmpty else { return .failure(Refusal(message: strings[.noSelection], status: HTTPStatus(code: 422))) }
        if action.isTags && tags(page).isEmpty { return .failure(Refusal(message: strings[.needTags], status: HTTPStatus(code: 422))) }
        return .success((action, selection))
    }

    struct Refusal: Error {
        var message: String
        var status: HTTPStatus
    }

    static func confirm(_ page: AdminPage) async throws -> HTTPResponse {
        let strings = page.strings
        let (action, selection): (CustomerBulkBar.Action, CustomerBulkSelection)
        switch await parse(page) {
        case .failure(let refusal): return refuse(page, refusal.message, status: refusal.status)
        case .success(let parsed): (action, selection) = parsed
        }
        if action == .export { return exportPage(page, selection) }
        let count = try await selection.count(page.api)
        // All matching that matches no one: nothing to confirm.
        guard count > 0 else { return refuse(page, strings[.noSelection]) }
        var impact: HTML = .empty
        if action == .delete {
            // The API's dry run: what deleting these customers removes with them (it selects them itself).
            var body = selection.massSelection
            body["action"] = .string("delete")
            body["dryRun"] = .bool(true)
            let answer = await page.api.call(.post, "/customers/mass-actions", body: .object(body))
            guard answer.succeeded else {
                return refuse(page, answer.error?["message"]?.stringValue ?? "", status: HTTPStatus(code: answer.status))
            }
            let deletes = answer.json["impact"]?["deletes"]?.members ?? [:]
            let missing = answer.json["impact"]?["notFound"]?.elements ?? []
            impact = """
                <p>\(strings[.deleteImpact])</p>
                <dl class="fields" id="impact">\(HTML.join(deletes.keys.sorted().map { key in
                    "<dt>\(key)</dt><dd data-impact=\"\(key)\">\((deletes[key] ?? .null).display(strings))</dd>"
                }))</dl>
                \(missing.isEmpty ? HTML.empty : "<p class=\"muted\">\(strings[.notCustomers]): \(missing.map { $0.display(strings) }.joined(separator: ", "))</p>")
                <p class="error"><strong>\(strings[.cannotBeUndone])</strong></p>
                """
        }
        let tagList = tags(page)
        let what: HTML =
            action.isTags
            ? "\(strings[action.text]): <strong id=\"confirm-tags\">\(tagList.joined(separator: ", "))</strong>" : "\(strings[action.text])"
        let run = CustomerListPage.link(page, CustomerListPage.kept(page.request.queryItems), path: "/customers/bulk/run")
        let back = CustomerListPage.link(page, CustomerListPage.kept(page.request.queryItems))
        return page.respond(
            title: strings[.confirmTitle],
            """
            <main class="narrow wide">
            <h1>\(strings[.confirmTitle])</h1>
            <section class="card">
            <p id="confirm-action">\(what)</p>
            <p id="confirm-count">\(strings.format(.customersSelected, count))</p>
            \(impact)
            <form method="post" action="\(run)">\(page.csrfField)
            <input type="hidden" name="action" value="\(action.rawValue)">
            <input type="hidden" name="tags" value="\(tagList.joined(separator: ","))">
            \(selection.hiddenFields)
            <div class="actions"><button type="submit" id="bulk-confirm"\(action == .delete ? " class=\"danger\"" as HTML : .empty)>\(strings[.confirm])</button>
            <a class="button secondary" href="\(back)">\(strings[.cancel])</a></div>
            </form>
            </section>
            </main>
            """)
    }

    /// The export page for the selection: the ticked rows as `ids` (the API exports those
    /// only), or the list's search and filters for all matching.
    static func exportPage(_ page: AdminPage, _ selection: CustomerBulkSelection) -> HTTPResponse {
        var query = CustomerListPage.kept(page.request.queryItems)
        if let ids = selection.ids { query.append(("ids", ids.map(String.init).joined(separator: ","))) }
        return AdminResponse.redirect(CustomerListPage.link(page, query, path: "/customers/export"))
    }

    static func run(_ page: AdminPage) async throws -> HTTPResponse {
        let strings = page.strings
        let (action, selection): (CustomerBulkBar.Action, CustomerBulkSelection)
        switch await parse(page) {
        case .failure(let refusal): return refuse(page, refusal.message, status: refusal.status)
        case .success(let parsed): (action, selection) = parsed
        }
        if action == .export { return exportPage(page, selection) }
        let kept = CustomerListPage.kept(page.request.queryItems)
        if action.isTags {
            // The tags module selects ticked ids, all matching (the list's own parameters) or
            // everyone itself, as the mass actions do: no ids collected here.
            var body = selection.massSelection
            body[action == .addTags ? "add" : "remove"] = .array(tags(page).map { .string($0) })
            let answer = await page.api.call(.post, "/tags/assign", body: .object(body))
            guard answer.succeeded else {
                return refuse(page, answer.error?["message"]?.stringValue ?? "", status: HTTPStatus(code: answer.status))
            }
            let changed = answer.json["changed"]?.int64 ?? 0
            return AdminResponse.redirect(CustomerListPage.link(page, kept + [("tagged", String(changed))]))
        }
        // The API selects "all matching" itself, in SQL, with no limit on how many.
        var body = selection.massSelection
        body["action"] = .string(action.massAction ?? action.rawValue)
        let answer = await page.api.call(.post, "/customers/mass-actions", body: .object(body))
        guard answer.succeeded, let id = answer.json["job"]?["id"]?.int64 else {
            return refuse(page, answer.error?["message"]?.stringValue ?? "", status: HTTPStatus(code: answer.status))
        }
        return AdminResponse.redirect("\(page.base)/jobs/\(id)")
    }
}
