import Foundation

/// An email as RFC 5322 text with MIME (RFC 2045–2047): a plain-text body and, when given, an
/// HTML alternative (multipart/alternative, the HTML last since the last part is preferred,
/// RFC 2046 §5.1.4), both UTF-8 in quoted-printable or base64; a subject and display names
/// beyond ASCII as encoded words; CRLF line endings and no line over 76 characters.
///
/// The output is a function of the fields alone: the same message renders to the same bytes,
/// so a retry sends what the first attempt sent, Message-ID and all.
///
/// ```swift
/// var message = MIMEMessage(
///     from: MailAddress("kauppa@example.fi", displayName: "Kauppa Åkerö"), to: [MailAddress("aino@example.fi")],
///     subject: "Tervetuloa asiakkaaksi", messageID: "42.x7@example.fi", textBody: text)
/// message.htmlBody = html
/// let bytes = try message.render()
/// ```
public struct MIMEMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    /// The `Date:` header: when the email was written.
    public var date: Date
    /// The Message-ID without angle brackets (`local@domain`): stable per email, so receivers
    /// and the email log can match copies.
    public var messageID: String
    public var textBody: String
    public var htmlBody: String?
    public var transferEncoding: MIMETransferEncoding = .quotedPrintable
    /// Adds `Auto-Submitted: auto-generated` (RFC 3834), so vacation responders stay quiet.
    public var autoSubmitted = true

    public init(
        from: MailAddress, to: [MailAddress], subject: String, date: Date = Date(), messageID: String, textBody: String,
        htmlBody: String? = nil
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.textBody = textBody
        self.htmlBody = htmlBody
    }

    /// The message as bytes with CRLF line endings, ready for `SMTPEnvelope` or a maildir.
    /// - Throws: `.invalidMessage` for an address or Message-ID that cannot go into a header.
    public func render() throws(SMTPError) -> [UInt8] {
        for address in [from] + to where !address.isUsable {
            throw SMTPError(.invalidMessage, "\(SMTPEnvelope.printable(address.address)) cannot be used as an email address")
        }
        guard !to.isEmpty else { throw SMTPError(.invalidMessage, "the email has no recipient") }
        guard Self.isValidMessageID(messageID) else {
            throw SMTPError(.invalidMessage, "\(SMTPEnvelope.printable(messageID)) is not a valid Message-ID (local@domain)")
        }
        var out: [UInt8] = []
        out += EncodedWord.fold(name: "Date", tokens: MailDate.format(date).split(separator: " ").map(String.init))
        out += EncodedWord.fold(name: "From", tokens: from.tokens(field: "From"))
        var recipients: [String] = []
        for (index, address) in to.enumerated() {
            var tokens = address.tokens(field: "To")
            if index < to.count - 1 { tokens[tokens.count - 1] += "," }
            recipients += tokens
        }
        out += EncodedWord.fold(name: "To", tokens: recipients)
        let subjectLine = subject.split(whereSeparator: \.isNewline).joined(separator: " ")
        out += EncodedWord.fold(name: "Subject", tokens: EncodedWord.tokens(subjectLine, field: "Subject"))
        out += EncodedWord.fold(name: "Message-ID", tokens: ["<\(messageID)>"])
        out += EncodedWord.fold(name: "MIME-Version", tokens: ["1.0"])
        if autoSubmitted { out += EncodedWord.fold(name: "Auto-Submitted", tokens: ["auto-generated"]) }
        guard let htmlBody else {
            out += part("text/plain", textBody)
            return out
        }
        let boundary = self.boundary
        out += EncodedWord.fold(name: "Content-Type", tokens: ["multipart/alternative;", "boundary=\"\(boundary)\""])
        out += Array("\r\nThis is a multi-part message in MIME format.\r\n".utf8)
        for (type, body) in [("text/plain", textBody), ("text/html", htmlBody)] {
            out += Array("\r\n--\(boundary)\r\n".utf8)
            out += part(type, body)
        }
        out += Array("\r\n--\(boundary)--\r\n".utf8)
        return out
    }

    /// One body: its Content-Type and Content-Transfer-Encoding, a blank line, the encoded
    /// text (without a final line break: the delimiter that follows owns it, RFC 2046 §5.1.1).
    private func part(_ type: String, _ body: String) -> [UInt8] {
        var out = EncodedWord.fold(name: "Content-Type", tokens: ["\(type);", "charset=utf-8"])
        out += EncodedWord.fold(name: "Content-Transfer-Encoding", tokens: [transferEncoding.rawValue])
        out += [0x0D, 0x0A]
        switch transferEncoding {
        case .quotedPrintable:
            out += QuotedPrintable.encode(body)
        case .base64:
            // Text is canonically CRLF before it is encoded (RFC 2046 §4.1.1).
            let canonical = QuotedPrintable.lines(of: body).map { String($0) }.joined(separator: "\r\n")
            out += Array(
                Data(canonical.utf8).base64EncodedString(options: [
                    .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
                ])
                .utf8)
        }
        if htmlBody == nil { out += [0x0D, 0x0A] }
        return out
    }

    /// The multipart boundary, derived from the Message-ID so a message always renders the
    /// same. It starts with `=_`, which neither quoted-printable nor base64 can produce, so it
    /// never occurs in a body (RFC 2046 §5.1.1).
    var boundary: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in messageID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "=_shopadmin_" + String(hash, radix: 16)
    }

    /// `local@domain` with printable ASCII only and no brackets, spaces or a second `@`.
    static func isValidMessageID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count <= 250, bytes.filter({ $0 == UInt8(ascii: "@") }).count == 1,
            let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1
        else { return false }
        return bytes.allSatisfy { (33...126).contains($0) && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
    }
}

/// How a body is made 7-bit safe (RFC 2045 §6).
public enum MIMETransferEncoding: String, Sendable, Equatable {
    /// Readable where the text is mostly ASCII, as Nordic text is.
    case quotedPrintable = "quoted-printable"
    /// Compact where most bytes are beyond ASCII.
    case base64
}
