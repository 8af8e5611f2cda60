import HTTPServer
import ShopCore

/// What a page handler of the admin has at hand for one request: the shop, the language,
/// the signed-in staff member, the API client with their session, the CSRF token and the form.
struct AdminPage: Sendable {
    let request: Request
    let slug: String
    let shopName: String
    let strings: AdminStrings
    let api: AdminAPI
    /// The staff member's email and role.
    let staffEmail: String
    let staffRole: String
    /// The staff member's permissions (`customers.write`), as `GET /me` names them: a page
    /// offers only the actions the API would allow.
    let permissions: Set<String>
    /// Ids of the modules the shop's plan enables right now (`tags`, `credit-limit`): a page
    /// shows a module's panels and actions only when the shop has it.
    let modules: Set<String>
    /// The token every form of this session carries.
    let csrf: String
    /// The decoded form of a POST (`application/x-www-form-urlencoded`), empty otherwise.
    let form: [String: String]
    /// The route's path parameters (`id`).
    let parameters: [String: String]

    /// `/shops/{shop}/admin`.
    var base: String { AdminPage.base(slug) }

    static func base(_ slug: String) -> String { "/shops/\(slug)/admin" }

    /// The hidden CSRF field every form carries.
    var csrfField: HTML { "<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">" }

    /// A complete page in the admin's layout with the security headers.
    func respond(title: String, status: HTTPStatus = .ok, _ body: HTML) -> HTTPResponse {
        AdminResponse.page(
            AdminLayout.page(
                title: title, locale: strings.locale, header: AdminLayout.header(self), body: body),
            status: status)
    }
}
