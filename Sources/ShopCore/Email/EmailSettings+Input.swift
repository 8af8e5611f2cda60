import SMTP

extension EmailSettings {
    /// The settings a `PUT /email-settings` body asks for, every refusal a 422 naming the field.
    ///
    /// The stored relay password is kept when the body leaves `smtp.password` out, but only
    /// while the host and user name stay the same: otherwise a settings editor could point the
    /// shop at their own server and collect the password. A password goes only over TLS, or to
    /// a relay on this host.
    static func parse(_ body: JSONValue, current: EmailSettings) throws -> EmailSettings {
        let members = try object(body, path: nil, allowed: ["fromAddress", "fromName", "smtp"])
        var settings = EmailSettings()
        settings.fromAddress = try text(members, "fromAddress", path: nil, max: 254).map { address in
            guard EmailAddress.isValid(address), MailAddress(address).isUsable else {
                throw HTTPError.invalid("fromAddress", "fromAddress must be an email address such as kauppa@example.fi.")
            }
            return address
        }
        settings.fromName = try text(members, "fromName", path: nil, max: 100)
        guard let smtpValue = members["smtp"], smtpValue != .null else { return settings }
        let smtp = try object(smtpValue, path: "smtp", allowed: ["host", "port", "security", "username", "password", "verifyCertificate"])
        guard let host = try text(smtp, "host", path: "smtp", max: 253) else {
            throw HTTPError.invalid("smtp.host", "smtp.host is required: the relay's host name or address.", code: "missing_field")
        }
        guard isHostName(host) else {
            throw HTTPError.invalid("smtp.host", "smtp.host must be a host name (smtp.example.fi) or an IP address.")
        }
        guard let securityText = try text(smtp, "security", path: "smtp", max: 20) else {
            throw HTTPError.invalid("smtp.security", "smtp.security is required: none, starttls or tls.", code: "missing_field")
        }
        guard let security = SMTPSecurity(rawValue: securityText) else {
            throw HTTPError.invalid("smtp.security", "smtp.security must be none, starttls or tls.")
        }
        var relay = Relay(host: host, port: security == .implicitTLS ? 465 : security == .startTLS ? 587 : 25, security: security)
        switch smtp["port"] {
        case nil, .null?: break
        case .int(let port)? where (1...65535).contains(port): relay.port = Int(port)
        default: throw HTTPError.invalid("smtp.port", "smtp.port must be a whole number from 1 to 65535.")
        }
        switch smtp["verifyCertificate"] {
        case nil, .null?: break
        case .bool(let verify)?: relay.verifyCertificate = verify
        default: throw HTTPError.invalid("smtp.verifyCertificate", "smtp.verifyCertificate must be true or false.", code: "wrong_type")
        }
        relay.username = try text(smtp, "username", path: "smtp", max: 254)
        if smtp["password"] == nil, let old = current.smtp, old.host.lowercased() == host.lowercased(), old.username == relay.username {
            relay.password = old.password
        } else {
            relay.password = try text(smtp, "password", path: "smtp", max: 256, trim: false)
        }
        if relay.username != nil && relay.password == nil {
            throw HTTPError.invalid(
                "smtp.password", "smtp.password is required with a user name (again when the host or user name changes).",
                code: "missing_field")
        }
        if relay.password != nil && relay.username == nil {
            throw HTTPError.invalid("smtp.username", "smtp.username is required with a password.", code: "missing_field")
        }
        let onThisHost = SMTPConfiguration(host: host, port: relay.port, security: security).isLoopback
        if relay.username != nil && security == .none && !onThisHost {
            throw HTTPError.invalid(
                "smtp.security", "A password is sent only over TLS: choose starttls or tls (none is for a relay on this host).")
        }
        guard settings.fromAddress != nil else {
            throw HTTPError.invalid(
                "fromAddress", "fromAddress is required with an SMTP relay: the address the shop's emails come from.",
                code: "missing_field")
        }
        settings.smtp = relay
        return settings
    }

    private static func object(_ value: JSONValue, path: String?, allowed: Set<String>) throws -> [String: JSONValue] {
        guard case .object(let members) = value else {
            if let path { throw HTTPError.invalid(path, "\(path) must be an object or null.", code: "wrong_type") }
            throw HTTPError.badRequest("The body must be a JSON object.", code: "malformed_json")
        }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            let name = path.map { "\($0).\(unknown)" } ?? unknown
            throw HTTPError.invalid(
                name, "\(name) is not a field here; allowed: \(allowed.sorted().joined(separator: ", ")).", code: "unknown_field")
        }
        return members
    }

    /// Text of 1 to `max` characters without control characters (a line break in a header
    /// value would start a header of its own); nil when absent or null.
    private static func text(_ members: [String: JSONValue], _ key: String, path: String?, max: Int, trim: Bool = true) throws
        -> String?
    {
        let name = path.map { "\($0).\(key)" } ?? key
        switch members[key] {
        case nil, .null?:
            return nil
        case .string(let raw)?:
            let value = trim ? raw.trimmedWhitespace() : raw
            guard !value.isEmpty, value.count <= max else { throw HTTPError.invalid(name, "\(name) must be 1 to \(max) characters.") }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw HTTPError.invalid(name, "\(name) must not contain line breaks or other control characters.")
            }
            return value
        default:
            throw HTTPError.invalid(name, "\(name) must be a string.", code: "wrong_type")
        }
    }

    /// A DNS name (letters, digits, hyphens, dots) or an IPv4 or IPv6 address.
    static func isHostName(_ host: String) -> Bool {
        let bytes = Array(host.utf8)
        if host.contains(":") {
            let inner = host.hasPrefix("[") && host.hasSuffix("]") ? Array(bytes.dropFirst().dropLast()) : bytes
            return !inner.isEmpty && inner.allSatisfy { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") || isHexDigit($0) }
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy {
                    isHexDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) || $0 == UInt8(ascii: "-")
                }
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
}
