import Cryptography
import HTTPServer

/// The admin's cookies and its CSRF tokens.
///
/// The session cookie holds the staff session token of `POST /api/sessions` (the same
/// session as the API's bearer token: expiry, sign-out and role changes apply alike); it is
/// `HttpOnly` (no script reads it), `SameSite=Lax` (no cross-site POST carries it), scoped to
/// the shop's admin path, and `Secure` when the page was served over TLS. Every form carries a
/// CSRF token derived from the session token, checked on every POST; the sign-in form, which
/// has no session yet, uses a random token in its own cookie (double submit).
enum AdminCookies {
    static let session = "sa_admin"
    static let signInToken = "sa_admin_signin"

    /// The cookies of a request (every `Cookie` header; the first value of a name wins).
    static func parse(_ headers: HTTPHeaders) -> [String: String] {
        var cookies: [String: String] = [:]
        for header in headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingSpaces
                if cookies[name] == nil { cookies[name] = parts[1].trimmingSpaces }
            }
        }
        return cookies
    }

    /// A `Set-Cookie` value; `maxAge` 0 deletes the cookie, nil keeps it for the browser session.
    static func header(name: String, value: String, path: String, secure: Bool, maxAge: Int? = nil) -> String {
        var parts = ["\(name)=\(value)", "Path=\(path)", "HttpOnly", "SameSite=Lax"]
        if secure { parts.append("Secure") }
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        return parts.joined(separator: "; ")
    }

    /// The CSRF token of a signed-in session: unguessable without the session token, which
    /// no script can read.
    static func csrfToken(session: String) -> String {
        Hex.encode(SHA256.hash("shopadmin admin csrf\u{0}" + session))
    }

    /// A random token for the sign-in form.
    static func randomToken() -> String { Hex.encode(SecureRandom.bytes(16)) }

    /// Compares a form's token with the expected one in constant time.
    static func matches(_ sent: String?, _ expected: String) -> Bool {
        guard let sent, !expected.isEmpty else { return false }
        return ConstantTime.equals(Array(sent.utf8), Array(expected.utf8))
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
