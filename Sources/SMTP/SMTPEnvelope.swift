/// What one SMTP transaction carries: the reverse path, the recipients and the message
/// (RFC 5321 §2.3.1). The message is the finished RFC 5322 text; DATA dot-stuffs it.
public struct SMTPEnvelope: Sendable, Equatable {
    /// MAIL FROM: where bounces go; empty for the null reverse path `<>`.
    public var sender: String
    /// RCPT TO, one command each.
    public var recipients: [String]
    /// The message with CRLF line endings (`MIMEMessage.render()`).
    public var message: [UInt8]

    public init(sender: String, recipients: [String], message: [UInt8]) {
        self.sender = sender
        self.recipients = recipients
        self.message = message
    }

    /// Whether an address needs the SMTPUTF8 extension (RFC 6531): any byte beyond ASCII.
    var needsSMTPUTF8: Bool {
        ([sender] + recipients).contains { address in address.utf8.contains { $0 >= 0x80 } }
    }

    /// Refuses addresses that cannot go into a command line as they are: a CR or LF would
    /// end the command and start another (command injection), angle brackets and spaces
    /// would break the path.
    func validate() throws(SMTPError) {
        guard !recipients.isEmpty else { throw SMTPError(.invalidMessage, "the email has no recipient") }
        for (address, role) in [(sender, "sender")] + recipients.map({ ($0, "recipient") }) {
            if role == "sender" && address.isEmpty { continue }
            guard MailAddress.isUsable(address) else {
                throw SMTPError(.invalidMessage, "the \(role) address \(Self.printable(address)) cannot be used in SMTP")
            }
        }
        guard !message.isEmpty else { throw SMTPError(.invalidMessage, "the message is empty") }
    }

    /// The address with control characters shown as `?`, safe for a log line.
    static func printable(_ address: String) -> String {
        String(String.UnicodeScalarView(address.unicodeScalars.prefix(100).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }
}
