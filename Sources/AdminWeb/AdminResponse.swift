import Foundation
import HTTPServer
import ShopCore

/// Responses of the admin: pages with the security headers, redirects.
enum AdminResponse {
    /// The Content-Security-Policy of every admin response: our own scripts, styles and
    /// forms only; no inline script or style, no framing.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    /// The headers every admin response carries.
    static func securityHeaders(_ headers: inout HTTPHeaders) {
        headers.set("Content-Security-Policy", contentSecurityPolicy)
        headers.set("X-Content-Type-Options", "nosniff")
        headers.set("X-Frame-Options", "DENY")
        headers.set("Referrer-Policy", "same-origin")
        if headers["Cache-Control"] == nil { headers.set("Cache-Control", "no-store") }
    }

    static func page(_ html: HTML, status: HTTPStatus = .ok, headers extra: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = extra
        headers.set("Content-Type", "text/html; charset=utf-8")
        securityHeaders(&headers)
        return HTTPResponse(status: status, headers: headers, body: .bytes(Array(html.markup.utf8)))
    }

    /// 303 See Other: after a POST the browser GETs the next page (no resubmission on reload).
    static func redirect(_ location: String, cookies: [String] = []) -> HTTPResponse {
        var headers: HTTPHeaders = ["Location": location]
        for cookie in cookies { headers.add("Set-Cookie", cookie) }
        securityHeaders(&headers)
        return HTTPResponse(status: HTTPStatus(code: 303, reason: "See Other"), headers: headers)
    }

    /// A page that says what went wrong, in the shop's language where known.
    /// A file the API made (an export, a GDPR copy) passed through to the browser with the
    /// admin's headers, or an error page with the API's message when it refused.
    static func download(_ response: HTTPResponse, page: AdminPage) -> HTTPResponse {
        var response = response
        guard response.status.code == 200 else {
            var message = "The export failed (\(response.status.code))."
            if case .bytes(let bytes) = response.body, let json = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)),
                let text = json["error"]?["message"]?.stringValue
            {
                message = text
            }
            return error(status: response.status, message: message, strings: page.strings, base: page.base)
        }
        securityHeaders(&response.headers)
        return response
    }

    static func error(status: HTTPStatus, message: String, strings: AdminStrings, base: String?) -> HTTPResponse {
        let back: HTML = base.map { "<p><a href=\"\($0)/customers\">\(strings[.backToCustomers])</a></p>" } ?? .empty
        let body: HTML = "<main class=\"narrow\"><h1>\(strings[.errorTitle])</h1><p class=\"error\">\(message)</p>\(back)</main>"
        return page(AdminLayout.page(title: strings[.errorTitle], locale: strings.locale, header: .empty, body: body), status: status)
    }
}
