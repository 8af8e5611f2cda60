import Foundation
import Testing

@testable import SMTP

@Suite("MIME message builder")
struct MIMEMessageTests {
    static func make(html: String? = "<p>Hej Åsa</p>") -> MIMEMessage {
        var message = MIMEMessage(
            from: MailAddress("kauppa@example.fi", displayName: "Kauppa Åkerö"), to: [MailAddress("asa@example.se")],
            subject: "Välkommen som kund – Kauppa Åkerö", date: Date(timeIntervalSince1970: 1_795_440_037),
            messageID: "shop.42.abc@example.fi", textBody: "Hej Åsa,\n.en rad med punkt\nVänliga hälsningar", htmlBody: html)
        message.autoSubmitted = true
        return message
    }

    @Test func aMultipartAlternativeMessageWithTextThenHTML() throws {
        let bytes = try Self.make().render()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(MIMEDecoding.header(bytes, "MIME-Version") == "1.0")
        #expect(MIMEDecoding.header(bytes, "Message-ID") == "<shop.42.abc@example.fi>")
        #expect(MIMEDecoding.header(bytes, "Date") == "Mon, 23 Nov 2026 13:20:37 +0000")
        #expect(MIMEDecoding.header(bytes, "Auto-Submitted") == "auto-generated")
        let contentType = try #require(MIMEDecoding.header(bytes, "Content-Type"))
        #expect(contentType.hasPrefix("multipart/alternative;"))
        let boundary = try #require(contentType.components(separatedBy: "boundary=\"").last?.dropLast())
        #expect(boundary.hasPrefix("=_"))
        let parts = text.components(separatedBy: "\r\n--\(boundary)")
        #expect(parts.count == 4)  // preamble, text, html, closing "--"
        #expect(parts[1].contains("Content-Type: text/plain; charset=utf-8"))
        #expect(parts[2].contains("Content-Type: text/html; charset=utf-8"))
        #expect(parts[3] == "--\r\n")
        let textBody = try #require(parts[1].components(separatedBy: "\r\n\r\n").last)
        #expect(MIMEDecoding.quotedPrintable(textBody) == "Hej Åsa,\r\n.en rad med punkt\r\nVänliga hälsningar")
    }

    @Test func everyLineEndsInCRLFAndNoneIsLongerThan76() throws {
        var message = Self.make()
        message.textBody = String(repeating: "Ett långt stycke text utan radbrytningar. ", count: 40)
        message.subject = String(repeating: "Åäö ", count: 50)
        let bytes = try message.render()
        for (index, byte) in bytes.enumerated() where byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
        for (index, byte) in bytes.enumerated() where byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A) }
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        for line in lines { #expect(line.utf8.count <= 76, "\(line)") }
        #expect(!bytes.contains { $0 >= 0x80 })
    }

    @Test func theSubjectAndDisplayNameAreEncodedWords() throws {
        let bytes = try Self.make().render()
        let subject = try #require(MIMEDecoding.header(bytes, "Subject"))
        #expect(subject.hasPrefix("=?UTF-8?Q?"))
        #expect(MIMEDecoding.encodedWords(subject) == "Välkommen som kund – Kauppa Åkerö")
        let from = try #require(MIMEDecoding.header(bytes, "From"))
        #expect(from.hasSuffix("<kauppa@example.fi>"))
        #expect(MIMEDecoding.encodedWords(String(from.dropLast("<kauppa@example.fi>".count))) == "Kauppa Åkerö")
    }

    @Test func displayNamesAreAtomsQuotedStringsOrEncodedWords() throws {
        func from(_ name: String) throws -> String {
            var message = Self.make()
            message.from = MailAddress("a@example.fi", displayName: name)
            return try #require(MIMEDecoding.header(try message.render(), "From"))
        }
        #expect(try from("Kauppa Oy") == "Kauppa Oy <a@example.fi>")
        #expect(try from("Kauppa \"Paras\" (Oy), Helsinki") == "\"Kauppa \\\"Paras\\\" (Oy), Helsinki\" <a@example.fi>")
        #expect(try from("Line\r\nBcc: x@evil.example") == "\"Line Bcc: x@evil.example\" <a@example.fi>")
        #expect(try from("") == "<a@example.fi>")
    }

    @Test func aSubjectCannotInjectAHeader() throws {
        var message = Self.make()
        message.subject = "Hello\r\nBcc: victim@example.com"
        let bytes = try message.render()
        #expect(MIMEDecoding.header(bytes, "Bcc") == nil)
        #expect(MIMEDecoding.header(bytes, "Subject") == "Hello Bcc: victim@example.com")
    }

    @Test func renderingIsDeterministic() throws {
        #expect(try Self.make().render() == Self.make().render())
        var other = Self.make()
        other.messageID = "shop.43.abc@example.fi"
        #expect(try other.render() != Self.make().render())
    }

    @Test func aTextOnlyMessageHasOnePart() throws {
        let bytes = try Self.make(html: nil).render()
        #expect(MIMEDecoding.header(bytes, "Content-Type") == "text/plain; charset=utf-8")
        #expect(MIMEDecoding.header(bytes, "Content-Transfer-Encoding") == "quoted-printable")
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
    }

    @Test func base64BodiesDecodeBack() throws {
        var message = Self.make(html: nil)
        message.transferEncoding = .base64
        let text = String(decoding: try message.render(), as: UTF8.self)
        let body = try #require(text.components(separatedBy: "\r\n\r\n").last)
        for line in body.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 76) }
        let decoded = try #require(Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: "")))
        #expect(String(decoding: decoded, as: UTF8.self) == "Hej Åsa,\r\n.en rad med punkt\r\nVänliga hälsningar")
    }

    @Test func badAddressesAndMessageIDsAreRefused() {
        var message = Self.make()
        message.to = [MailAddress("victim@example.com>\r\nRCPT TO:<other@example.com")]
        #expect(throws: SMTPError.self) { try message.render() }
        message = Self.make()
        message.messageID = "no-at-sign"
        #expect { try message.render() } throws: { ($0 as? SMTPError)?.kind == .invalidMessage }
        message.messageID = "two@at@signs"
        #expect(throws: SMTPError.self) { try message.render() }
        message = Self.make()
        message.to = []
        #expect(throws: SMTPError.self) { try message.render() }
    }
}
