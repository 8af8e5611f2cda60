import HTTPServer
import ShopCore

/// The operator's console in the browser, under `/operator/console`: sign in with the
/// operator token, then the shops (tier, add-ons, flags, status, customers, database size),
/// provisioning, a shop's plan and status, and migrations across shops. Every action is the
/// operator API's, called in process, so the registry's audit names the operator.
enum OperatorConsole {
    static func addRoutes(to builder: RouterBuilder, api: InProcessAPI, alwaysSecureCookies: Bool) {
        let routes = builder.group(OperatorConsoleGate.base, middleware: [AdminErrorPages()])
        let gate = OperatorConsoleGate(api: api, sessions: OperatorConsoleSessions(), alwaysSecureCookies: alwaysSecureCookies)
        addSignIn(to: routes, gate: gate)
        ConsoleShopsPage.addRoutes(to: routes, gate: gate)
        ConsoleShopPage.addRoutes(to: routes, gate: gate)
        ConsoleMigrationsPage.addRoutes(to: routes, gate: gate)
    }

    static func addSignIn(to routes: RouteGroup, gate: OperatorConsoleGate) {
        let base = OperatorConsoleGate.base
        routes.get("/sign-in") { request, _ in
            let token = AdminCookies.randomToken()
            return signInForm(
                strings: AdminStrings(.en), csrf: token, message: nil, status: .ok,
                cookie: gate.cookieHeader(OperatorConsoleGate.signInCookie, token, request))
        }
        routes.post("/sign-in", bodyLimit: 8 * 1024) { request, context in
            let form = AdminGate.form(request)
            let strings = AdminStrings(AdminLocale(setting: form["locale"] ?? "en"))
            let expected = AdminCookies.parse(request.headers)[OperatorConsoleGate.signInCookie] ?? ""
            guard AdminCookies.matches(form["csrf"], expected) else {
                return AdminResponse.error(status: .forbidden, message: strings[.formExpired], strings: strings, base: nil)
            }
            let token = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            // The API decides whether the token is the operator's: any operator read answers 200.
            let probe = await ConsoleAPI(
                api: gate.api, token: token, remoteAddress: request.http.remoteAddress, requestID: context.requestID
            ).call(.get, "/tiers")
            guard !token.isEmpty, probe.succeeded else {
                return signInForm(
                    strings: strings, csrf: expected, message: strings[console: .tokenRefused], status: .unauthorized, cookie: nil)
            }
            let session = gate.sessions.start(token: token, locale: strings.locale)
            return AdminResponse.redirect(
                base,
                cookies: [
                    gate.cookieHeader(OperatorConsoleGate.cookie, session, request),
                    gate.cookieHeader(OperatorConsoleGate.signInCookie, "", request, maxAge: 0),
                ])
        }
        routes.post(
            "/sign-out",
            gate.signedIn { page in
                if let id = AdminCookies.parse(page.request.headers)[OperatorConsoleGate.cookie] { gate.sessions.end(id) }
                return AdminResponse.redirect(
                    "\(base)/sign-in", cookies: [gate.cookieHeader(OperatorConsoleGate.cookie, "", page.request, maxAge: 0)])
            })
    }

    static func signInForm(strings: AdminStrings, csrf: String, message: String?, status: HTTPStatus, cookie: String?) -> HTTPResponse {
        let names: [(AdminLocale, String)] = [(.en, "English"), (.fi, "Suomi"), (.sv, "Svenska")]
        let body: HTML = """
            <main class="narrow">
            <h1>\(strings[console: .console])</h1>
            <p class="muted">\(strings[console: .signInHint])</p>
            \(AdminPage.notice(message))
            <form method="post" action="\(OperatorConsoleGate.base)/sign-in" class="card">
            <input type="hidden" name="csrf" value="\(csrf)">
            <div class="field"><label for="token">\(strings[console: .operatorToken])</label>
            <input id="token" name="token" type="password" autocomplete="off" required></div>
            <div class="field"><label for="locale">\(strings[console: .consoleLanguage])</label>
            <select id="locale" name="locale">\(HTML.join(names.map { locale, name in
                "<option value=\"\(locale.rawValue)\"\(locale == strings.locale ? " selected" : "" as HTML)>\(name)</option>"
            }))</select></div>
            <button type="submit" id="sign-in">\(strings[.signIn])</button>
            </form>
            </main>
            """
        var headers = HTTPHeaders()
        if let cookie { headers.add("Set-Cookie", cookie) }
        return AdminResponse.page(
            AdminLayout.page(title: strings[console: .console], locale: strings.locale, header: .empty, body: body), status: status,
            headers: headers)
    }
}
