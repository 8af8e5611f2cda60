import HTTPServer
import ShopCore

/// The B2B applications queue (the b2b module's API, `/b2b/applications`): pending ones
/// first, each approved with the customer number created in the ERP or rejected with a
/// reason the applicant is told. Only where support has switched B2B on; the switch shows at
/// once, since every page asks the API.
enum B2BApplicationsPage {
    static let statuses: [(String, SettingsText)] = [
        ("pending", .statusPending), ("approved", .statusApproved), ("rejected", .statusRejected),
    ]

    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/b2b-applications", gate.signedIn { page in try await render(page) })
        for decision in ["approve", "reject"] {
            pages.post(
                "/b2b-applications/{id}/\(decision)", bodyLimit: 16 * 1024,
                gate.signedIn { page in
                    let text = page.parameters["id"] ?? ""
                    guard let id = Int64(text), id > 0 else { throw HTTPError.notFound("No application \(text).") }
                    let body: JSONValue =
                        decision == "approve"
                        ? .object(["erpCustomerNumber": .string(page.form["erpCustomerNumber"] ?? "")])
                        : .object(["reason": .string(page.form["reason"] ?? "")])
                    let answer = await page.api.call(.post, "/b2b/applications/\(id)/\(decision)", body: body)
                    guard answer.succeeded else {
                        return try await render(
                            page, errors: [id: AdminPage.fieldErrors(answer)], status: HTTPStatus(code: answer.status))
                    }
                    return AdminResponse.redirect("\(page.base)/b2b-applications")
                })
        }
    }

    static func render(_ page: AdminPage, errors: [Int64: [String: String]] = [:], status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let strings = page.strings
        let title = strings[settings: .b2bApplications]
        let wanted = page.request.query("status") ?? "pending"
        let filter = statuses.contains { $0.0 == wanted } ? wanted : ""
        var query: [(String, String)] = filter.isEmpty ? [] : [("status", filter)]
        if let before = page.request.query("before"), Int64(before) != nil { query.append(("before", before)) }
        let answer = await page.api.call(.get, "/b2b/applications", query: query)
        if answer.status == 404 { return page.moduleOff(title: title) }
        guard answer.succeeded else { throw AdminAPIFailure(answer: answer) }
        let applications = answer.json["applications"]?.elements ?? []
        let decide = page.may(.customersWrite)
        let tabs = HTML.join(
            (statuses + [("", .allStatuses)]).map { value, text -> HTML in
                let href = "\(page.base)/b2b-applications?status=\(value.isEmpty ? "all" : value)"
                return "<a href=\"\(href)\"\(value == filter ? " class=\"sorted\"" : "" as HTML)>\(strings[settings: text])</a>"
            }, separator: " · ")
        let cards = HTML.join(
            applications.map { application -> HTML in
                let id = application["id"]?.int64 ?? 0
                let state = application["status"]?.stringValue ?? ""
                let stateText = statuses.first { $0.0 == state }.map { strings[settings: $0.1] } ?? state
                let fieldErrors = errors[id] ?? [:]
                let person = [application["firstName"], application["lastName"]].compactMap { $0?.stringValue }.joined(separator: " ")
                let details: [(String, String)] = [
                    (strings[.businessId], application["businessId"]?.stringValue ?? ""),
                    (strings[.vatNumber], application["vatNumber"]?.stringValue ?? ""),
                    (strings[.email], application["email"]?.stringValue ?? ""),
                    (strings[.phone], application["phone"]?.stringValue ?? ""), (strings[.store], application["store"]?.stringValue ?? ""),
                    (strings[settings: .submitted], AdminFormat.time(application["submittedAt"] ?? .null)),
                ]
                let decision = application["decision"] ?? .null
                let decisionText = decision == .null ? "" : decision.display(strings)
                let forms: HTML =
                    decide && state == "pending"
                    ? """
                    <div class="actions">
                    <form method="post" action="\(page.base)/b2b-applications/\(id)/approve" data-action="approve">\(page.csrfField)
                    <div class="field\(fieldErrors["erpCustomerNumber"] == nil ? "" : " invalid" as HTML)"><label for="erp-\(id)">\(strings[settings: .erpNumber])</label>
                    <input id="erp-\(id)" name="erpCustomerNumber" maxlength="64" required value="\(page.form["erpCustomerNumber"])">\
                    \(AdminPage.fieldError(fieldErrors, "erpCustomerNumber"))</div>
                    <button type="submit">\(strings[settings: .approve])</button></form>
                    <form method="post" action="\(page.base)/b2b-applications/\(id)/reject" data-action="reject">\(page.csrfField)
                    <div class="field\(fieldErrors["reason"] == nil ? "" : " invalid" as HTML)"><label for="reason-\(id)">\(strings[settings: .rejectReason])</label>
                    <input id="reason-\(id)" name="reason" maxlength="1000" required>\(AdminPage.fieldError(fieldErrors, "reason"))</div>
                    <button type="submit" class="danger">\(strings[settings: .reject])</button></form>
                    </div>\(AdminPage.fieldError(fieldErrors, ""))
                    """ : .empty
                return """
                    <section class="card" data-application="\(id)"><h2>\(application["companyName"]?.stringValue) \
                    <span class="badge\(state == "rejected" ? " bad" : state == "approved" ? " ok" : "" as HTML)" data-status="\(state)">\(stateText)</span></h2>
                    <p>\(strings[settings: .applicant]): <strong>\(person)</strong></p>
                    <dl class="fields">\(HTML.join(details.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }))\
                    \(decisionText.isEmpty ? .empty : "<dt>\(strings[settings: .decision])</dt><dd>\(decisionText)</dd>" as HTML)</dl>
                    <p class="muted">\(application["message"]?.stringValue)</p>
                    \(forms)
                    </section>
                    """
            })
        var next: HTML = .empty
        if let cursor = answer.json["nextCursor"]?.stringValue {
            let items = [("status", filter.isEmpty ? "all" : filter), ("before", cursor)]
            next = "<p class=\"pager\"><a href=\"\(page.base)/b2b-applications?\(URLQuery.encode(items))\">\(strings[.nextPage])</a></p>"
        }
        return page.settingsPage(
            title: title, status: status,
            """
            <p class="tabs">\(tabs)</p>
            \(applications.isEmpty ? "<p class=\"muted\" id=\"no-applications\">\(strings[settings: .noApplications])</p>" as HTML : cards)
            \(next)
            """)
    }
}
