import HTTPServer
import ShopCore

/// The shop's email log (`GET /email-log`): every email with its delivery status, attempts
/// and last error, newest first, filtered by status, a page at a time.
enum EmailLogPage {
    static let statuses = ["queued", "sending", "sent", "failed"]

    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/email-log", gate.signedIn { page in try await render(page) })
        addDetailRoute(to: pages, gate: gate)
    }

    static func render(_ page: AdminPage) async throws -> HTTPResponse {
        let strings = page.strings
        let status = page.request.query("status").flatMap { statuses.contains($0) ? $0 : nil }
        var query: [(String, String)] = [("limit", "50")]
        if let status { query.append(("status", status)) }
        if let before = page.request.query("before"), Int64(before) != nil { query.append(("before", before)) }
        let log = try await page.api.get("/email-log", query: query)
        let emails = log["emails"]?.elements ?? []
        let rows = HTML.join(
            emails.map { email -> HTML in
                let state = email["status"]?.stringValue ?? ""
                let badge: HTML = state == "failed" ? "bad" : state == "sent" ? "ok" : ""
                let customer: HTML =
                    email["customerId"]?.int64.map { "<a href=\"\(page.base)/customers/\($0)\">#\($0)</a>" } ?? .empty
                return """
                    <tr data-email="\(email["id"]?.int64 ?? 0)"><td>\(AdminFormat.time(email["createdAt"] ?? .null))</td>\
                    <td>\(email["to"]?.stringValue) \(customer)</td><td><a href="\(page.base)/email-log/\(email["id"]?.int64 ?? 0)">\(email["subject"]?.stringValue)</a></td>\
                    <td><span class="badge \(badge)" data-status="\(state)">\(state)</span></td>\
                    <td class="number">\(email["attempts"]?.int64 ?? 0)</td><td>\(AdminFormat.time(email["sentAt"] ?? .null))</td>\
                    <td class="error">\(email["error"]?.stringValue)</td></tr>
                    """
            })
        let filters = HTML.join(
            ([nil] + statuses.map { Optional($0) }).map { value -> HTML in
                let href = "\(page.base)/email-log" + (value.map { "?status=\($0)" } ?? "")
                return
                    "<a href=\"\(href)\"\(value == status ? " class=\"sorted\"" : "" as HTML)>\(value ?? strings[settings: .allStatuses])</a>"
            }, separator: " · ")
        var next: HTML = .empty
        if let cursor = log["nextBefore"] ?? nil, cursor != .null {
            let items = (status.map { [("status", $0)] } ?? []) + [("before", cursor.display(strings))]
            next = "<p class=\"pager\"><a href=\"\(page.base)/email-log?\(URLQuery.encode(items))\">\(strings[.nextPage])</a></p>"
        }
        return page.settingsPage(
            title: strings[settings: .emailLog],
            """
            <p class="tabs">\(filters)</p>
            \(emails.isEmpty ? "<p class=\"muted\">\(strings[settings: .noEmails])</p>" as HTML : """
            <table id="email-log"><thead><tr><th>\(strings[settings: .created])</th><th>\(strings[settings: .recipient])</th>\
            <th>\(strings[settings: .subject])</th><th>\(strings[.status])</th><th class="number">\(strings[settings: .attempts])</th>\
            <th>\(strings[settings: .sentAt])</th><th>\(strings[settings: .lastError])</th></tr></thead><tbody>\(rows)</tbody></table>
            """)
            \(next)
            """)
    }
}
