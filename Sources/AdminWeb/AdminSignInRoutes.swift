import HTTPServer
import ShopCore

/// Sign-in and sign-out of the admin. Sign-in goes through the API's `POST /sessions` (the
/// core's password check, throttle and audit) and keeps the session token in the cookie;
/// sign-out ends the session through `DELETE /sessions/current` and deletes the cookie.
struct AdminSignInRoutes {
    let gate: AdminGate

    func addRoutes(to pages: RouteGroup) {
        let gate = self.gate
        pages.get("") { _, context in
            AdminResponse.redirect("\(AdminPage.base(try context.parameter("shop")))/customers")
        }

        pages.get("/sign-in") { request, context in
            let shop = try context.requireShop()
            let token = AdminCookies.randomToken()
            return AdminSignInRoutes.form(
                shop: shop, strings: try await gate.strings(shop), token: token, email: "", message: nil, status: .ok,
                cookie: AdminCookies.header(
                    name: AdminCookies.signInToken, value: token, path: AdminPage.base(shop.slug.value), secure: gate.isSecure(request)))
        }

        pages.post("/sign-in", bodyLimit: 16 * 1024) { request, context in
            let shop = try context.requireShop()
            let slug = shop.slug.value
            let strings = try await gate.strings(shop)
            let form = AdminGate.form(request)
            let expected = AdminCookies.parse(request.headers)[AdminCookies.signInToken] ?? ""
            guard AdminCookies.matches(form["csrf"], expected) else {
                return AdminResponse.error(status: .forbidden, message: strings[.formExpired], strings: strings, base: nil)
            }
            let email = form["email"] ?? ""
            let answer = await gate.anonymousAPI(request, context, slug: slug).call(
                .post, "/sessions", body: .object(["email": .string(email), "password": .string(form["password"] ?? "")]))
            guard answer.succeeded, let token = answer.json["token"]?.stringValue else {
                let throttled = answer.status == 429
                return AdminSignInRoutes.form(
                    shop: shop, strings: strings, token: expected, email: email,
                    message: strings[throttled ? .signInThrottled : .signInFailed],
                    status: HTTPStatus(code: throttled || answer.status == 401 ? answer.status : 400), cookie: nil)
            }
            let base = AdminPage.base(slug)
            let secure = gate.isSecure(request)
            return AdminResponse.redirect(
                "\(base)/customers",
                cookies: [
                    AdminCookies.header(name: AdminCookies.session, value: token, path: base, secure: secure),
                    AdminCookies.header(name: AdminCookies.signInToken, value: "", path: base, secure: secure, maxAge: 0),
                ])
        }

        pages.post(
            "/sign-out",
            gate.signedIn { page in
                let answer = await page.api.call(.delete, "/sessions/current")
                guard answer.succeeded else { throw AdminAPIFailure(answer: answer) }
                return AdminResponse.redirect("\(page.base)/sign-in", cookies: [gate.clearedSession(page.request, slug: page.slug)])
            })
    }

    static func form(
        shop: Shop, strings: AdminStrings, token: String, email: String, message: String?, status: HTTPStatus, cookie: String?
    ) -> HTTPResponse {
        let base = AdminPage.base(shop.slug.value)
        let notice: HTML = message.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" } ?? .empty
        let body: HTML = """
            <main class="narrow">
            <h1>\(strings[.signIn])</h1>
            <p class="muted">\(shop.record.name)</p>
            \(notice)
            <form method="post" action="\(base)/sign-in" class="card">
            <input type="hidden" name="csrf" value="\(token)">
            <div class="field"><label for="email">\(strings[.email])</label>
            <input id="email" name="email" type="email" autocomplete="username" required value="\(email)"></div>
            <div class="field"><label for="password">\(strings[.password])</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required></div>
            <button type="submit" id="sign-in">\(strings[.signIn])</button>
            </form>
            </main>
            """
        var headers = HTTPHeaders()
        if let cookie { headers.add("Set-Cookie", cookie) }
        return AdminResponse.page(
            AdminLayout.page(title: strings[.signIn], locale: strings.locale, header: .empty, body: body), status: status, headers: headers)
    }
}
