extension SMTPConnection {
    /// One mail transaction: MAIL FROM, RCPT TO for each recipient, DATA with the message
    /// dot-stuffed. After a refusal the transaction is reset (RSET), so the connection can
    /// carry the next message.
    /// - Returns: the server's reply to the end of data (`250 2.0.0 Ok: queued as …`).
    /// - Throws: `.rejected` with the reply (4xx transient, 5xx permanent), `.invalidMessage`
    ///   for a message this server can never take, or a connection error.
    func send(_ envelope: SMTPEnvelope) throws(SMTPError) -> SMTPReply {
        try envelope.validate()
        var parameters = ""
        if envelope.needsSMTPUTF8 {
            guard extensions.supports("SMTPUTF8") else {
                throw SMTPError(
                    .invalidMessage, "the address needs SMTPUTF8 (RFC 6531), which \(configuration.host) does not offer")
            }
            parameters += " SMTPUTF8"
        }
        let data = DotStuffing.encode(envelope.message)
        if let limit = extensions.maximumSize {
            guard envelope.message.count <= limit else {
                throw SMTPError(
                    .invalidMessage, "the message is \(envelope.message.count) bytes; \(configuration.host) takes at most \(limit)")
            }
            parameters += " SIZE=\(envelope.message.count)"
        }
        do throws(SMTPError) {
            let mail = try command("MAIL FROM:<\(envelope.sender)>\(parameters)")
            guard mail.code == 250 else { throw SMTPError.rejected("MAIL FROM", mail) }
            for recipient in envelope.recipients {
                let rcpt = try command("RCPT TO:<\(recipient)>")
                // 251: "user not local; will forward" is a success too (§4.2.2).
                guard rcpt.code == 250 || rcpt.code == 251 else { throw SMTPError.rejected("RCPT TO", rcpt) }
            }
            let start = try command("DATA")
            guard start.code == 354 else { throw SMTPError.rejected("DATA", start) }
            try send(data)
            let end = try readReply()
            guard end.code == 250 else { throw SMTPError.rejected("the message (end of DATA)", end) }
            return end
        } catch {
            if error.kind == .rejected && isUsable { _ = try? command("RSET") }
            throw error
        }
    }
}
