import Cryptography
import Foundation
import HTTPServer
import ShopCore
import Synchronization

/// The door of the operator console (`/operator/console`): the session cookie looked up in
/// `OperatorConsoleSessions`, the CSRF token checked on every POST (403 otherwise), the form
/// decoded. The console then uses the operator API in process with the session's token, so
/// it has exactly the API's checks and the registry's audit.
struct OperatorConsoleGate: Sendable {
    static let base = "/operator/console"
    static let cookie = "sa_operator"
    static let signInCookie = "sa_operator_signin"

    let api: InProcessAPI
    let sessions: OperatorConsoleSessions
    let alwaysSecureCookies: Bool
    /// Whether a migration run this console started has not answered yet (one at a time).
    let migrationRunning = SharedFlag()

    typealias PageHandler = @Sendable (ConsolePage) async throws -> HTTPResponse

    func isSecure(_ request: Request) -> Bool {
        alwaysSecureCookies || request.headers["X-Forwarded-Proto"]?.lowercased() == "https"
    }

    /// The CSRF token of a console session.
    static func csrfToken(session: String) -> String { Hex.encode(SHA256.hash("shopadmin operator csrf\u{0}" + session)) }

    func cookieHeader(_ name: String, _ value: String, _ request: Request, maxAge: Int? = nil) -> String {
        AdminCookies.header(name: name, value: value, path: Self.base, secure: isSecure(request), maxAge: maxAge)
    }

    /// A handler for a console page that needs a signed-in operator.
    func signedIn(_ handler: @escaping PageHandler) -> RouteHandler {
        { request, context in
            guard let id = AdminCookies.parse(request.headers)[Self.cookie], !id.isEmpty, let session = sessions.session(id) else {
                return AdminResponse.redirect("\(Self.base)/sign-in")
            }
            let strings = AdminStrings(session.locale)
            let csrf = Self.csrfToken(session: id)
            let form = AdminGate.form(request)
            if request.method == .post && !AdminCookies.matches(form["csrf"], csrf) {
                return AdminResponse.error(status: .forbidden, message: strings[.formExpired], strings: strings, base: nil)
            }
            let page = ConsolePage(
                request: request, strings: strings,
                api: ConsoleAPI(
                    api: api, token: session.token, remoteAddress: request.http.remoteAddress, requestID: context.requestID),
                csrf: csrf, form: form, parameters: context.parameters)
            do {
                return try await handler(page)
            } catch let failure as AdminAPIFailure {
                if failure.answer.status == 401 {
                    sessions.end(id)
                    return AdminResponse.redirect(
                        "\(Self.base)/sign-in", cookies: [cookieHeader(Self.cookie, "", request, maxAge: 0)])
                }
                return AdminResponse.error(
                    status: HTTPStatus(code: failure.answer.status), message: failure.message, strings: strings, base: nil)
            }
        }
    }
}

/// A flag shared by the requests of one console.
final class SharedFlag: Sendable {
    private let value = Mutex(false)

    func withLock<T>(_ body: (inout Bool) -> T) -> T { value.withLock { body(&$0) } }
}

/// The operator API (`/operator/...`) in process with the console session's token.
struct ConsoleAPI: Sendable {
    let api: InProcessAPI
    let token: String
    let remoteAddress: String
    let requestID: String

    func call(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil) async -> AdminAPI.Answer {
        var headers: HTTPHeaders = ["X-Request-Id": requestID, "Authorization": "Bearer \(token)"]
        var bytes: [UInt8] = []
        if let body {
            bytes = body.serialized()
            headers.set("Content-Type", "application/json")
        }
        let request = HTTPRequest(
            head: HTTPRequestHead(method: method, target: "/operator\(path)", headers: headers), body: bytes,
            remoteAddress: remoteAddress)
        let response = await api.send(request)
        guard case .bytes(let data) = response.body, !data.isEmpty else {
            return AdminAPI.Answer(status: response.status.code, json: .null)
        }
        let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(data))) ?? .null
        return AdminAPI.Answer(status: response.status.code, json: json)
    }

    /// A read that must succeed, or the API's failure for the error page.
    func get(_ path: String) async throws -> JSONValue {
        let answer = await call(.get, path)
        guard answer.succeeded else { throw AdminAPIFailure(answer: answer) }
        return answer.json
    }
}

/// What a console page handler has at hand for one request.
struct ConsolePage: Sendable {
    let request: Request
    let strings: AdminStrings
    let api: ConsoleAPI
    let csrf: String
    let form: [String: String]
    let parameters: [String: String]

    var base: String { OperatorConsoleGate.base }
    var csrfField: HTML { "<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">" }

    /// A complete console page with the security headers.
    func respond(title: String, status: HTTPStatus = .ok, _ body: HTML) -> HTTPResponse {
        let header: HTML = """
            <header class="top console">
            <a class="brand" href="\(base)">ShopAdmin · \(strings[console: .console])</a>
            <nav>
            <a href="\(base)">\(strings[console: .shops])</a>
            <a href="\(base)/new-shop" id="nav-new-shop">\(strings[console: .newShop])</a>
            <a href="\(base)/migrations" id="nav-migrations">\(strings[console: .migrations])</a>
            </nav>
            <div class="who"><form method="post" action="\(base)/sign-out">\(csrfField)<button type="submit" class="link" id="sign-out">\(strings[.signOut])</button></form></div>
            </header>
            """
        return AdminResponse.page(AdminLayout.page(title: title, locale: strings.locale, header: header, body: body), status: status)
    }
}
