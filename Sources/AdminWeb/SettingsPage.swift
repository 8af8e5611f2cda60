import HTTPServer
import ShopCore

/// The settings hub: the shop's set-up screens its plan gives (a module's screen only while
/// the shop has the module, `AdminPage.modules`, resolved from the registry on every request,
/// so support's B2B switch shows at once), and the admin's language, which owners and admins
/// set for the whole shop (`adminLocale`).
enum SettingsPage {
    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/settings", gate.signedIn { page in try await render(page) })
        pages.post(
            "/settings/my-language", bodyLimit: 4 * 1024,
            gate.signedIn { page in
                // A year in this browser; "shop" goes back to the shop's language.
                let chosen = AdminLocale(rawValue: page.form["locale"] ?? "")
                let cookie = AdminCookies.header(
                    name: AdminCookies.locale, value: chosen?.rawValue ?? "", path: page.base, secure: gate.isSecure(page.request),
                    maxAge: chosen == nil ? 0 : 365 * 24 * 3600)
                return AdminResponse.redirect("\(page.base)/settings", cookies: [cookie])
            })
        pages.post(
            "/settings/language", bodyLimit: 4 * 1024,
            gate.signedIn { page in
                let answer = await page.api.call(
                    .patch, "/settings", body: .object(["adminLocale": .string(page.form["adminLocale"] ?? "")]))
                guard answer.succeeded else {
                    return try await render(
                        page, problem: AdminPage.fieldErrors(answer).values.sorted().joined(separator: " "),
                        status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/settings")
            })
    }

    static func render(_ page: AdminPage, problem: String? = nil, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let strings = page.strings
        // The shop's own setting, whatever this browser shows.
        let shopLocale = (await page.api.call(.get, "/settings")).json["settings"]?["adminLocale"]?.stringValue ?? "en"
        // The modules the shop has on this request (resolved from the registry each time).
        let enabled = page.modules
        var screens: [(path: String, text: SettingsText)] = [("groups", .groups), ("stores", .stores)]
        if enabled.contains("required-fields") { screens.append(("required-fields", .requiredFields)) }
        if enabled.contains("tags") { screens.append(("tags", .tags)) }
        if enabled.contains("b2b") { screens.append(("b2b-applications", .b2bApplications)) }
        screens += [("prices", .prices), ("email-log", .emailLog)]
        let links = HTML.join(
            screens.map { "<li><a href=\"\(page.base)/\($0.path)\" id=\"settings-\($0.path)\">\(strings[settings: $0.text])</a></li>" })
        let names: [(AdminLocale, String)] = [(.en, "English"), (.fi, "Suomi"), (.sv, "Svenska")]
        let mine = AdminCookies.chosenLocale(page.request)
        let myLanguage: HTML = """
            <section class="card"><h2>\(strings[settings: .myLanguage])</h2><p class="muted">\(strings[settings: .myLanguageHint])</p>
            <form method="post" action="\(page.base)/settings/my-language" class="inline" id="my-language-form">\(page.csrfField)
            <select name="locale" id="my-locale"><option value="shop">\(strings[settings: .shopLanguage])</option>\
            \(HTML.join(names.map { locale, name in
                "<option value=\"\(locale.rawValue)\"\(locale == mine ? " selected" : "" as HTML)>\(name)</option>"
            }))</select>
            <button type="submit" id="save-my-language">\(strings[.save])</button></form></section>
            """
        var language: HTML = .empty
        if page.may(.settingsManage) {
            language = """
                <section class="card"><h2>\(strings[settings: .language])</h2><p class="muted">\(strings[settings: .languageHint])</p>
                <form method="post" action="\(page.base)/settings/language" class="inline" id="language-form">\(page.csrfField)
                <select name="adminLocale" id="admin-locale">\(HTML.join(names.map { locale, name in
                    "<option value=\"\(locale.rawValue)\"\(locale.rawValue == shopLocale ? " selected" : "" as HTML)>\(name)</option>"
                }))</select>
                <button type="submit" id="save-language">\(strings[.save])</button></form></section>
                """
        }
        return page.respond(
            title: strings[settings: .settings], status: status,
            """
            <main>
            <h1>\(strings[settings: .settings])</h1>
            \(AdminPage.notice(problem))
            <section class="card"><p class="muted">\(strings[settings: .settingsHint])</p><ul class="modules" id="settings-screens">\(links)</ul></section>
            \(language)
            \(myLanguage)
            </main>
            """)
    }
}
