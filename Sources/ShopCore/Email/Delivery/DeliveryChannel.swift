import SMTP

/// Where one pass's emails go: the shop's SMTP relay, through one session for the whole pass,
/// or the shop's maildir when it has no relay.
struct DeliveryChannel {
    /// How one email went, and whether the relay itself failed (no connection, TLS, AUTH, a
    /// dropped session): then the pass stops and the shop waits out a backoff.
    struct Result {
        let outcome: OutboxDeliveryStore.Outcome
        let relayFailed: Bool
    }

    private let relay: SMTPConfiguration?
    private let maildir: Maildir
    private let sender: MailAddress
    private var session: SMTPSession?

    init(settings: EmailSettings, configuration: EmailDeliveryConfiguration, maildir: Maildir, sender: MailAddress) {
        relay = settings.smtpConfiguration(configuration)
        self.maildir = maildir
        self.sender = sender
    }

    /// `smtp` or `maildir`, as the outbox and its attempts record it.
    var transport: String { relay == nil ? "maildir" : "smtp" }

    /// Sends one claimed email.
    mutating func deliver(_ email: OutboxDeliveryStore.Claimed) async -> Result {
        let message: [UInt8]
        do {
            message = try MIMEMessage(
                from: sender, to: [MailAddress(email.to)], subject: email.subject, date: email.createdAt, messageID: email.messageID,
                textBody: email.textBody, htmlBody: email.htmlBody
            ).render()
        } catch {
            return Result(outcome: .permanent(error.message), relayFailed: false)
        }
        guard let relay else {
            do {
                let file = try await maildir.deliver(message)
                return Result(outcome: .sent(reply: "delivered to the shop's maildir", maildirFile: file), relayFailed: false)
            } catch {
                return Result(outcome: .transient("\(error)"), relayFailed: true)
            }
        }
        let session: SMTPSession
        if let open = self.session {
            session = open
        } else {
            do {
                session = try await SMTPSession.open(relay)
                self.session = session
            } catch {
                return Result(outcome: .transient("\(relay.host):\(relay.port): \(error.message)"), relayFailed: true)
            }
        }
        do {
            let reply = try await session.send(SMTPEnvelope(sender: sender.address, recipients: [email.to], message: message))
            return Result(outcome: .sent(reply: reply.description, maildirFile: nil), relayFailed: false)
        } catch {
            if !(await session.isUsable()) {
                await session.quit()
                self.session = nil
            }
            if error.isPermanent { return Result(outcome: .permanent(error.message), relayFailed: false) }
            // A refusal of this one email is its own business; anything else is the relay's.
            let relayFailed = error.kind != .rejected || error.reply?.code == 421
            return Result(outcome: .transient(error.message), relayFailed: relayFailed)
        }
    }

    /// Ends the SMTP session, if one was opened.
    mutating func close() async {
        await session?.quit()
        session = nil
    }
}
