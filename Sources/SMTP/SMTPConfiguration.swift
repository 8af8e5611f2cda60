import TLS

/// Where and how to reach one SMTP server: the relay a shop sends through.
///
/// ```swift
/// var server = SMTPConfiguration(host: "smtp.example.fi", port: 587, security: .startTLS)
/// server.credentials = SMTPCredentials(username: "shop@example.fi", password: secret)
/// let session = try await SMTPSession.open(server)
/// ```
public struct SMTPConfiguration: Sendable, Equatable {
    /// A host name or an IPv4/IPv6 literal.
    public var host: String
    /// 25 (relay), 587 (submission with STARTTLS) or 465 (implicit TLS).
    public var port: Int
    public var security: SMTPSecurity
    /// Sent with AUTH PLAIN or LOGIN after the connection is encrypted; nil for no AUTH.
    public var credentials: SMTPCredentials?
    /// Which certificates TLS accepts; the default trusts the system's authorities and
    /// checks that the certificate names `host`.
    public var certificateVerification: CertificateVerification = .system
    /// The name this client gives in EHLO: a fully qualified domain name or an address
    /// literal (RFC 5321 §4.1.1.1).
    public var heloName: String = "localhost"
    /// Seconds to establish the TCP connection, across all of the host's addresses.
    public var connectTimeout: Double = 15
    /// Seconds to wait for any one reply or to hand over any one write. RFC 5321 §4.5.3.2
    /// suggests minutes; a shop's relay answers in seconds, and a retry comes anyway.
    public var commandTimeout: Double = 60

    public init(host: String, port: Int, security: SMTPSecurity) {
        self.host = host
        self.port = port
        self.security = security
    }

    /// Whether `host` is this machine (localhost, 127.0.0.0/8, ::1): the only place a
    /// password may travel without TLS, since it never leaves the host.
    public var isLoopback: Bool {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
    }
}

/// How the connection is encrypted.
public enum SMTPSecurity: String, Sendable, Equatable, CaseIterable {
    /// Plain text throughout: only for a relay on this host or a trusted local network.
    case none
    /// Plain connect, then STARTTLS before anything else (RFC 3207); refused if the server
    /// does not offer it, never silently left out.
    case startTLS = "starttls"
    /// TLS from the first byte (RFC 8314 §3.3, port 465).
    case implicitTLS = "tls"
}

/// A user name and password for SMTP AUTH.
public struct SMTPCredentials: Sendable, Equatable, CustomStringConvertible {
    public var username: String
    public var password: String
    /// The mechanism to use; nil picks PLAIN when the server offers it, else LOGIN.
    public var mechanism: SMTPAuthMechanism?

    public init(username: String, password: String, mechanism: SMTPAuthMechanism? = nil) {
        self.username = username
        self.password = password
        self.mechanism = mechanism
    }

    /// Never the password, so credentials can be logged by accident without harm.
    public var description: String { "SMTPCredentials(username: \(username), password: hidden)" }
}

/// The SASL mechanisms this client speaks; both send the password itself, so the client
/// uses them only over TLS or to this host.
public enum SMTPAuthMechanism: String, Sendable, Equatable, CaseIterable {
    /// RFC 4616: one message with the user name and password.
    case plain = "PLAIN"
    /// The older LOGIN exchange: user name and password in two base64 answers.
    case login = "LOGIN"
}
