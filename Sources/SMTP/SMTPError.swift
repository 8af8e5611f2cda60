import TLS

/// Why an SMTP delivery did not happen, classified so the caller knows whether to try again:
/// a 5xx reply or a message no server could take is permanent, everything else (4xx, lost
/// connections, timeouts, TLS trouble) is worth a retry with backoff (RFC 5321 §4.2.1, §4.5.4.1).
///
/// The message never contains the password or the message body: it ends up in the email log.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, so callers match on it rather than on text.
    public enum Kind: Sendable, Equatable {
        /// No connection, or it broke (DNS, refused, reset, closed early).
        case connection
        /// The server did not answer within the configured time.
        case timeout
        /// The TLS handshake failed or the certificate was not trusted.
        case tls
        /// The server answered something that is not SMTP.
        case protocolViolation
        /// The server refused a command; `reply` says how (4xx or 5xx).
        case rejected
        /// The server lacks what the configuration requires (STARTTLS, an AUTH mechanism), or
        /// the configuration asks for something unsafe (a password over plain text).
        case unsupported
        /// The message itself can never be sent this way (bad address, too large, needs SMTPUTF8).
        case invalidMessage
    }

    public let kind: Kind
    /// One sentence for logs and the email log.
    public let message: String
    /// The server's reply, for `.rejected`.
    public let reply: SMTPReply?

    /// Creates an error; public so tests and callers can build expected values.
    public init(_ kind: Kind, _ message: String, reply: SMTPReply? = nil) {
        self.kind = kind
        self.message = message
        self.reply = reply
    }

    /// Whether sending this message again can never succeed: a 5xx reply to the message's
    /// own commands, or a message no server would take. Connection trouble, timeouts and
    /// 4xx replies are transient.
    public var isPermanent: Bool {
        switch kind {
        case .rejected: return reply?.isPermanentFailure ?? false
        case .invalidMessage: return true
        default: return false
        }
    }

    public var description: String { message }

    /// A connection's failure (`TLS`'s streams) as an SMTP error of the same kind.
    init(_ error: StreamError) {
        switch error.kind {
        case .connection: self.init(.connection, error.message)
        case .timeout: self.init(.timeout, error.message)
        case .tls: self.init(.tls, error.message)
        }
    }

    /// A refusal of `command` with the server's reply, e.g. `RCPT TO refused: 550 5.1.1 no such user`.
    static func rejected(_ command: String, _ reply: SMTPReply) -> SMTPError {
        SMTPError(.rejected, "\(command) refused: \(reply)", reply: reply)
    }
}
