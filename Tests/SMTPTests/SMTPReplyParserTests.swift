import Testing

@testable import SMTP

@Suite("SMTP replies")
struct SMTPReplyParserTests {
    static func parse(_ chunks: [String]) throws(SMTPError) -> [SMTPReply] {
        var parser = SMTPReplyParser()
        var replies: [SMTPReply] = []
        for chunk in chunks {
            parser.append(Array(chunk.utf8))
            while let reply = try parser.next() { replies.append(reply) }
        }
        return replies
    }

    @Test func aMultiLineReplyIsOneReply() throws {
        let replies = try Self.parse(["250-smtp.example.fi\r\n250-SIZE 1000\r\n250-AUTH PLAIN LOGIN\r\n250 STARTTLS\r\n"])
        #expect(replies == [SMTPReply(code: 250, lines: ["smtp.example.fi", "SIZE 1000", "AUTH PLAIN LOGIN", "STARTTLS"])])
        let extensions = SMTPExtensions(ehlo: replies[0])
        #expect(extensions.supports("starttls"))
        #expect(extensions.authMechanisms == ["PLAIN", "LOGIN"])
        #expect(extensions.maximumSize == 1000)
        #expect(!extensions.supports("SMTPUTF8"))
    }

    @Test func repliesSplitAcrossReadsAndBackToBack() throws {
        let replies = try Self.parse(["2", "20 ready\r", "\n250-a\r\n", "250 b\r\n354 go ahead\r\n", "250"])
        #expect(replies.map(\.code) == [220, 250, 354])
        #expect(replies[1].lines == ["a", "b"])
        #expect(try Self.parse(["250\r\n"]) == [SMTPReply(code: 250, lines: [""])])
        #expect(try Self.parse(["250 ok\n"]).first?.lines == ["ok"])  // a bare LF is accepted
    }

    @Test func replyClassesAndEnhancedStatus() {
        let transient = SMTPReply(code: 451, lines: ["4.3.0 Temporary lookup failure"])
        #expect(transient.isTransientFailure && !transient.isPermanentFailure)
        #expect(transient.enhancedStatus == "4.3.0")
        let permanent = SMTPReply(code: 550, lines: ["5.1.1 <x@example.fi>: no such user", "second line"])
        #expect(permanent.isPermanentFailure)
        #expect(permanent.description == "550 5.1.1 <x@example.fi>: no such user / second line")
        #expect(SMTPReply(code: 250, lines: ["OK"]).enhancedStatus == nil)
        #expect(SMTPError.rejected("RCPT TO", permanent).isPermanent)
        #expect(!SMTPError.rejected("RCPT TO", transient).isPermanent)
        #expect(!SMTPError(.connection, "reset").isPermanent)
        #expect(!SMTPError(.timeout, "slow").isPermanent)
        #expect(SMTPError(.invalidMessage, "too large").isPermanent)
    }

    @Test func whatIsNoReplyIsAProtocolViolation() {
        for bad in ["HTTP/1.1 400 Bad Request\r\n", "25\r\n", "250x\r\n", "099 no\r\n", "250-a\r\n251 b\r\n"] {
            #expect(throws: SMTPError.self, "\(bad)") { try Self.parse([bad]) }
        }
        #expect { try Self.parse([String(repeating: "x", count: 5000)]) } throws: { ($0 as? SMTPError)?.kind == .protocolViolation }
        let endless = String(repeating: "250-more\r\n", count: 300)
        #expect(throws: SMTPError.self) { try Self.parse([endless]) }
    }
}
