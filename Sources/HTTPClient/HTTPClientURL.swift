/// An `http://` or `https://` URL taken apart for a request: scheme, host, port, and the path
/// with its query. Only what a webhook receiver needs: no user info, no fragment.
public struct HTTPClientURL: Sendable, Equatable {
    /// Whether the URL is `https`: the request goes over TLS, the certificate verified.
    public let isSecure: Bool
    public let host: String
    public let port: Int
    /// The request target: the path and query, `/` when the URL has none.
    public let target: String

    /// Parses `http[s]://host[:port][/path][?query]` (an IPv6 host in brackets).
    /// - Throws: `HTTPClientError` `.invalidURL` naming what is wrong.
    public init(_ text: String) throws(HTTPClientError) {
        let lowered = text.lowercased()
        isSecure = lowered.hasPrefix("https://")
        guard isSecure || lowered.hasPrefix("http://") else {
            throw HTTPClientError(.invalidURL, "the URL must start with http:// or https://")
        }
        let rest = text.dropFirst(isSecure ? "https://".count : "http://".count)
        guard !rest.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" || $0 == "\t" }) else {
            throw HTTPClientError(.invalidURL, "the URL must not contain white space")
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        if let fragment = path.firstIndex(of: "#") { path = String(path[..<fragment]) }
        if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
        guard !authority.contains("@") else { throw HTTPClientError(.invalidURL, "the URL must not carry a user or password") }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw HTTPClientError(.invalidURL, "unclosed [ in the host") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw HTTPClientError(.invalidURL, "unexpected text after the host")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw HTTPClientError(.invalidURL, "the URL has no host") }
        var port = isSecure ? 443 : 80
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw HTTPClientError(.invalidURL, "the port must be 1 to 65535")
            }
            port = number
        }
        self.host = String(host)
        self.port = port
        self.target = path
    }

    /// The `Host` header's value.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isSecure ? 443 : 80) ? name : "\(name):\(port)"
    }
}
