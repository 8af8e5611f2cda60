import HTTPServer
import ShopCore

/// One email of the log (`GET /email-log/{id}`): where it went, its status, the plain-text
/// body (single-use links masked by the API) and every delivery attempt with the server's reply.
extension EmailLogPage {
    static func addDetailRoute(to pages: RouteGroup, gate: AdminGate) {
        pages.get(
            "/email-log/{id}",
            gate.signedIn { page in
                let text = page.parameters["id"] ?? ""
                guard let id = Int64(text), id > 0 else { throw HTTPError.notFound("No email \(text).") }
                return try await detail(page, id: id)
            })
    }

    static func detail(_ page: AdminPage, id: Int64) async throws -> HTTPResponse {
        let strings = page.strings
        let email = try await page.api.get("/email-log/\(id)")["email"] ?? .null
        let attempts = HTML.join(
            (email["attemptLog"]?.elements ?? []).map { attempt -> HTML in
                """
                <tr><td>\(attempt["number"]?.int64 ?? 0)</td><td>\(AdminFormat.time(attempt["startedAt"] ?? .null))</td>\
                <td>\(AdminFormat.time(attempt["finishedAt"] ?? .null))</td><td>\(attempt["outcome"]?.stringValue)</td>\
                <td>\(attempt["reply"]?.stringValue)</td></tr>
                """
            })
        let customer: HTML = email["customerId"]?.int64.map { "<a href=\"\(page.base)/customers/\($0)\">#\($0)</a>" } ?? .empty
        return page.respond(
            title: email["subject"]?.stringValue ?? strings[settings: .emailLog],
            """
            <main>
            <p><a href="\(page.base)/email-log">← \(strings[settings: .emailLog])</a></p>
            <h1>\(email["subject"]?.stringValue)</h1>
            <section class="card"><dl class="fields">
            <dt>\(strings[settings: .recipient])</dt><dd>\(email["to"]?.stringValue) \(customer)</dd>
            <dt>\(strings[.status])</dt><dd data-status="\(email["status"]?.stringValue)">\(email["status"]?.stringValue)</dd>
            <dt>\(strings[settings: .created])</dt><dd>\(AdminFormat.time(email["createdAt"] ?? .null))</dd>
            <dt>\(strings[settings: .sentAt])</dt><dd>\(AdminFormat.time(email["sentAt"] ?? .null))</dd>
            <dt>\(strings[settings: .lastError])</dt><dd class="error">\(email["error"]?.stringValue)</dd>
            <dt>Message-ID</dt><dd>\(email["messageId"]?.stringValue)</dd>
            </dl></section>
            <section class="card"><h2>\(strings[settings: .attempts])</h2>
            <table id="attempts"><thead><tr><th>#</th><th>\(strings[settings: .started])</th><th>\(strings[settings: .finished])</th>\
            <th>\(strings[.status])</th><th>\(strings[settings: .reply])</th></tr></thead><tbody>\(attempts)</tbody></table></section>
            <section class="card"><pre class="email-body" id="email-text">\(email["textBody"]?.stringValue)</pre></section>
            </main>
            """)
    }
}
