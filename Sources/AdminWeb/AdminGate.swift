import HTTPServer
import ShopCore

/// The door of the signed-in pages: the session cookie checked through the API (`GET /me`),
/// the CSRF token checked on every POST (403 otherwise), the form decoded, the shop's
/// language read. A missing or ended session goes to the sign-in page.
struct AdminGate: Sendable {
    let api: InProcessAPI
    let alwaysSecureCookies: Bool

    typealias PageHandler = @Sendable (AdminPage) async throws -> HTTPResponse

    /// Whether the browser reached us over TLS (directly configured, or through a proxy).
    func isSecure(_ request: Request) -> Bool {
        alwaysSecureCookies || request.headers["X-Forwarded-Proto"]?.lowercased() == "https"
    }

    /// The shop's admin language.
    func strings(_ shop: Shop) async throws -> AdminStrings {
        let setting = try await shop.database.read { db in try ShopSettings.load(db).adminLocale }
        return AdminStrings(AdminLocale(setting: setting))
    }

    /// The API as an anonymous caller (sign-in).
    func anonymousAPI(_ request: Request, _ context: RequestContext, slug: String) -> AdminAPI {
        AdminAPI(api: api, shop: slug, token: nil, remoteAddress: request.http.remoteAddress, requestID: context.requestID)
    }

    /// The form of a POST: `application/x-www-form-urlencoded` fields or the text fields of a
    /// `multipart/form-data` upload, empty for anything else.
    static func form(_ request: Request) -> [String: String] {
        // A file upload's text fields (its CSRF token among them); the page reads the file itself.
        if request.method == .post, let boundary = MultipartForm.boundary(request.headers["Content-Type"]) {
            return MultipartForm(body: request.body, boundary: boundary).fields
        }
        guard request.method == .post,
            request.headers["Content-Type"]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
        else { return [:] }
        return QueryString.parse(String(decoding: request.body, as: UTF8.self))
    }

    /// The cookie that ends the admin session in the browser.
    func clearedSession(_ request: Request, slug: String) -> String {
        AdminCookies.header(name: AdminCookies.session, value: "", path: AdminPage.base(slug), secure: isSecure(request), maxAge: 0)
    }

    /// A handler for a page that needs a signed-in staff member.
    func signedIn(_ handler: @escaping PageHandler) -> RouteHandler {
        { request, context in
            let shop = try context.requireShop()
            let slug = shop.slug.value
            let base = AdminPage.base(slug)
            // The browser's own language (settings page) over the shop's.
            let strings: AdminStrings
            if let chosen = AdminCookies.chosenLocale(request) {
                strings = AdminStrings(chosen)
            } else {
                strings = try await self.strings(shop)
            }
            guard let token = AdminCookies.parse(request.headers)[AdminCookies.session], !token.isEmpty else {
                return AdminResponse.redirect("\(base)/sign-in")
            }
            let api = AdminAPI(
                api: api, shop: slug, token: token, remoteAddress: request.http.remoteAddress, requestID: context.requestID)
            let me = await api.call(.get, "/me")
            guard me.succeeded, let staff = me.json["staff"] else {
                return AdminResponse.redirect("\(base)/sign-in", cookies: [clearedSession(request, slug: slug)])
            }
            let csrf = AdminCookies.csrfToken(session: token)
            let form = AdminGate.form(request)
            if request.method == .post && !AdminCookies.matches(form["csrf"], csrf) {
                return AdminResponse.error(status: .forbidden, message: strings[.formExpired], strings: strings, base: base)
            }
            let page = AdminPage(
                request: request, slug: slug, shopName: shop.record.name, strings: strings, api: api,
                staffEmail: staff["email"]?.stringValue ?? "", staffRole: staff["role"]?.stringValue ?? "",
                permissions: Set((staff["permissions"]?.elements ?? []).compactMap(\.stringValue)), modules: Set(shop.modules), csrf: csrf,
                form: form,
                parameters: context.parameters)
            do {
                return try await handler(page)
            } catch let failure as AdminAPIFailure {
                if failure.answer.status == 401 {
                    return AdminResponse.redirect("\(base)/sign-in", cookies: [clearedSession(request, slug: slug)])
                }
                return AdminResponse.error(
                    status: HTTPStatus(code: failure.answer.status), message: failure.message, strings: strings, base: base)
            }
        }
    }
}
