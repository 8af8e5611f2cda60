import Foundation

extension SMTPConnection {
    /// AUTH with PLAIN (RFC 4616) or LOGIN, whichever the credentials ask for or the server
    /// offers (PLAIN first). Both send the password itself, so only over TLS or to this host.
    func authenticate(_ credentials: SMTPCredentials) throws(SMTPError) {
        guard isEncrypted || configuration.isLoopback else {
            throw SMTPError(
                .unsupported,
                "refusing to send the SMTP password to \(configuration.host) unencrypted; use security \"starttls\" or \"tls\"")
        }
        let offered = extensions.authMechanisms
        let mechanism: SMTPAuthMechanism
        if let wanted = credentials.mechanism {
            guard offered.contains(wanted.rawValue) else {
                throw SMTPError(.unsupported, "\(configuration.host) does not offer AUTH \(wanted.rawValue)")
            }
            mechanism = wanted
        } else if offered.contains("PLAIN") {
            mechanism = .plain
        } else if offered.contains("LOGIN") {
            mechanism = .login
        } else {
            let list = offered.isEmpty ? "no AUTH at all" : "only AUTH \(offered.sorted().joined(separator: " "))"
            throw SMTPError(.unsupported, "\(configuration.host) offers \(list); this client speaks PLAIN and LOGIN")
        }
        let reply: SMTPReply
        switch mechanism {
        case .plain:
            // authzid NUL authcid NUL passwd, with an empty authorisation identity.
            let message = [0] + Array(credentials.username.utf8) + [0] + Array(credentials.password.utf8)
            reply = try command("AUTH PLAIN \(Data(message).base64EncodedString())")
        case .login:
            let start = try command("AUTH LOGIN")
            guard start.code == 334 else { throw SMTPError.rejected("AUTH LOGIN", start) }
            let afterName = try command(Data(credentials.username.utf8).base64EncodedString())
            guard afterName.code == 334 else { throw SMTPError.rejected("AUTH LOGIN", afterName) }
            reply = try command(Data(credentials.password.utf8).base64EncodedString())
        }
        guard reply.code == 235 else { throw SMTPError.rejected("AUTH \(mechanism.rawValue)", reply) }
    }
}
