import Foundation
import HTTPServer
import ShopCore

/// The customer page's further actions, each the API's own route with its checks and audit:
/// copy, send a set-password email, sign in as the customer (support impersonation: a POST
/// gives a one-time token for the storefront; another POST ends it), the GDPR export (the
/// API's JSON, downloaded) and the GDPR erasure (confirmed by typing the customer number).
enum CustomerActionRoutes {
    /// What a finished action says on the customer page (`?done=`): only texts of the catalog.
    static let notices: [String: CustomerWorkText] = [
        "password-link": .passwordLinkSent, "impersonation-ended": .impersonationEnded,
    ]

    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.post("/customers/{id}/copy", bodyLimit: 64 * 1024, gate.signedIn { page in try await copy(page) })
        pages.post(
            "/customers/{id}/send-password-link", bodyLimit: 64 * 1024,
            gate.signedIn { page in
                let id = try CustomerDetailPage.customerID(page)
                let answer = await page.api.call(.post, "/customers/\(id)/send-password-link")
                return try await finish(page, id: id, answer, done: "password-link")
            })
        pages.post("/customers/{id}/impersonate", bodyLimit: 64 * 1024, gate.signedIn { page in try await impersonate(page) })
        pages.post(
            "/customers/{id}/impersonate/end", bodyLimit: 64 * 1024,
            gate.signedIn { page in
                let id = try CustomerDetailPage.customerID(page)
                let answer = await page.api.call(.delete, "/customers/\(id)/impersonate")
                return try await finish(page, id: id, answer, done: "impersonation-ended")
            })
        pages.get("/customers/{id}/gdpr-export.json", gate.signedIn { page in try await gdprExport(page) })
        pages.post("/customers/{id}/gdpr-erase", bodyLimit: 64 * 1024, gate.signedIn { page in try await erase(page) })
    }

    /// Back to the customer page: with the notice on success, with the API's refusal otherwise.
    static func finish(_ page: AdminPage, id: Int64, _ answer: AdminAPI.Answer, done: String) async throws -> HTTPResponse {
        guard answer.succeeded else {
            return try await CustomerDetailPage.render(
                page, id: id, problem: answer.error?["message"]?.stringValue, status: HTTPStatus(code: answer.status))
        }
        return AdminResponse.redirect("\(page.base)/customers/\(id)?done=\(done)")
    }

    static func copy(_ page: AdminPage) async throws -> HTTPResponse {
        let id = try CustomerDetailPage.customerID(page)
        var identity: [String: JSONValue] = [:]
        for key in ["email", "firstName", "lastName", "phone"] {
            if let value = page.form[key]?.trimmedWhitespace(), !value.isEmpty { identity[key] = .string(value) }
        }
        let answer = await page.api.call(.post, "/customers/\(id)/copy", body: .object(identity))
        guard answer.succeeded, let copy = answer.json["customer"]?["id"]?.int64 ?? answer.json["id"]?.int64 else {
            let error = answer.error
            let field = error?["field"]?.stringValue.map { "\($0): " } ?? ""
            return try await CustomerDetailPage.render(
                page, id: id, problem: field + (error?["message"]?.stringValue ?? ""), status: HTTPStatus(code: answer.status))
        }
        return AdminResponse.redirect("\(page.base)/customers/\(copy)")
    }

    static func impersonate(_ page: AdminPage) async throws -> HTTPResponse {
        let strings = page.strings
        let id = try CustomerDetailPage.customerID(page)
        let answer = await page.api.call(.post, "/customers/\(id)/impersonate")
        guard answer.succeeded, let token = answer.json["token"]?.stringValue else {
            return try await CustomerDetailPage.render(
                page, id: id, problem: answer.error?["message"]?.stringValue, status: HTTPStatus(code: answer.status))
        }
        return page.respond(
            title: strings[.impersonate],
            """
            <main class="narrow wide">
            <p><a href="\(page.base)/customers/\(id)">← \(strings[.customer]) #\(id)</a></p>
            <h1>\(strings[.impersonate])</h1>
            <section class="card">
            <p>\(strings[.impersonationToken]):</p>
            <p><code id="impersonation-token">\(token)</code></p>
            <p class="muted">\(AdminFormat.time(answer.json["expiresAt"] ?? .null)) UTC · \(strings[.impersonationHelp])</p>
            <form method="post" action="\(page.base)/customers/\(id)/impersonate/end">\(page.csrfField)
            <button type="submit" class="secondary" id="end-impersonation">\(strings[.endImpersonation])</button></form>
            </section>
            </main>
            """)
    }

    static func gdprExport(_ page: AdminPage) async throws -> HTTPResponse {
        let id = try CustomerDetailPage.customerID(page)
        return AdminResponse.download(await page.api.send(.get, "/customers/\(id)/gdpr-export"), page: page)
    }

    static func erase(_ page: AdminPage) async throws -> HTTPResponse {
        let strings = page.strings
        let id = try CustomerDetailPage.customerID(page)
        let answer = await page.api.call(
            .post, "/customers/\(id)/gdpr-erase",
            body: .object(["confirmCustomerNumber": .string(page.form["confirmCustomerNumber"] ?? "")]))
        guard answer.succeeded else {
            return try await CustomerDetailPage.render(
                page, id: id, problem: answer.error?["message"]?.stringValue, status: HTTPStatus(code: answer.status))
        }
        return page.respond(
            title: strings[.gdprErase],
            """
            <main class="narrow wide"><h1>\(strings[.gdprErase])</h1>
            \(AdminPage.outcome(strings[.erased]))
            <p><a href="\(page.base)/customers/\(id)">\(strings[.customer]) #\(id)</a> · <a href="\(page.base)/customers">\(strings[.backToCustomers])</a></p>
            </main>
            """)
    }

    /// The action forms of the customer page this staff member may use.
    static func forms(_ page: AdminPage, id: Int64, customer: JSONValue) -> HTML {
        let strings = page.strings
        var forms: [HTML] = []
        if page.may(.customersWrite) {
            forms.append(
                """
                <details class="action" id="copy-action"><summary>\(strings[.copy])</summary>
                <form method="post" action="\(page.base)/customers/\(id)/copy">\(page.csrfField)
                <label class="field">\(strings[.copyEmail])<input type="email" name="email" id="copy-email" required></label>
                <label class="field">\(strings[.firstName])<input name="firstName" value="\(customer["firstName"]?.stringValue)"></label>
                <label class="field">\(strings[.lastName])<input name="lastName" value="\(customer["lastName"]?.stringValue)"></label>
                <label class="field">\(strings[.phone])<input type="tel" name="phone" id="copy-phone"></label>
                <button type="submit" id="copy">\(strings[.copy])</button></form></details>
                """)
            forms.append(
                """
                <form method="post" action="\(page.base)/customers/\(id)/send-password-link">\(page.csrfField)
                <button type="submit" class="secondary" id="send-password-link">\(strings[.sendPasswordLink])</button></form>
                """)
        }
        if page.may(.customersImpersonate) {
            forms.append(
                """
                <form method="post" action="\(page.base)/customers/\(id)/impersonate">\(page.csrfField)
                <button type="submit" class="secondary" id="impersonate">\(strings[.impersonate])</button></form>
                """)
        }
        if page.may(.customersGDPR) {
            forms.append(
                "<a class=\"button secondary\" id=\"gdpr-export\" href=\"\(page.base)/customers/\(id)/gdpr-export.json\" download>\(strings[.gdprExport])</a>"
            )
            forms.append(
                """
                <details class="action" id="erase-action"><summary>\(strings[.gdprErase])</summary>
                <form method="post" action="\(page.base)/customers/\(id)/gdpr-erase">\(page.csrfField)
                <label class="field">\(strings[.eraseConfirm])<input name="confirmCustomerNumber" id="erase-confirm" required autocomplete="off"></label>
                <button type="submit" class="danger" id="erase">\(strings[.gdprErase])</button></form></details>
                """)
        }
        return HTML.join(forms)
    }
}
