import Foundation
import SMTP
import ShopAdminTesting
import TLS
import Testing

/// The client against a real SMTP server (aiosmtpd), which decodes what arrives with Python's
/// own email package.
@Suite("SMTP session against aiosmtpd", .enabled(if: SMTPTestServer.isAvailable, Comment(rawValue: SMTPTestServer.skipReason)))
struct SMTPSessionTests {
    static func configuration(_ server: SMTPTestServer, host: String = "127.0.0.1", security: SMTPSecurity = .none) -> SMTPConfiguration {
        var configuration = SMTPConfiguration(host: host, port: server.port, security: security)
        configuration.heloName = "shopadmin.test"
        configuration.commandTimeout = 10
        return configuration
    }

    static func message(to recipient: String = "asa@example.se", body: String = "Hej Åsa,\n.\n..två punkter\nHälsningar") throws -> [UInt8]
    {
        try MIMEMessage(
            from: MailAddress("kauppa@example.fi", displayName: "Kauppa Åkerö"), to: [MailAddress(recipient)],
            subject: "Välkommen – åäö ÅÄÖ", messageID: "test.1.\(UUID().uuidString)@example.fi", textBody: body,
            htmlBody: "<p>Hej Åsa</p>"
        ).render()
    }

    static func envelope(to recipient: String = "asa@example.se", message: [UInt8]) -> SMTPEnvelope {
        SMTPEnvelope(sender: "bounces@example.fi", recipients: [recipient], message: message)
    }

    @Test func aMessageArrivesByteForByteAndDecodesCorrectly() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let session = try await SMTPSession.open(Self.configuration(server))
        let bytes = try Self.message()
        let reply = try await session.send(Self.envelope(message: bytes))
        #expect(reply.code == 250)
        #expect(reply.description.contains("queued as msg-0001.json"))
        await session.quit()

        let mail = try #require(try server.messages().first)
        // aiosmtpd undoes the dot-stuffing: what arrives is exactly what was rendered.
        #expect(mail.rawBytes == bytes)
        #expect(mail.mailFrom == "bounces@example.fi")
        #expect(mail.rcptTos == ["asa@example.se"])
        #expect(mail.mailOptions == ["SIZE=\(bytes.count)"])
        #expect(!mail.tls)
        #expect(mail.subject == "Välkommen – åäö ÅÄÖ")
        #expect(mail.fromDisplayName == "Kauppa Åkerö")
        #expect(mail.contentType == "multipart/alternative")
        #expect(mail.defects.isEmpty)
        #expect(mail.parts.map(\.contentType) == ["text/plain", "text/html"])
        #expect(mail.parts.allSatisfy { $0.charset == "utf-8" && $0.transferEncoding == "quoted-printable" && $0.defects.isEmpty })
        // Python keeps the CRLF of the wire in the decoded text.
        #expect(mail.parts.first?.text == "Hej Åsa,\r\n.\r\n..två punkter\r\nHälsningar")
        #expect(mail.parts.last?.text == "<p>Hej Åsa</p>")
    }

    @Test func oneSessionCarriesSeveralMessagesAndSurvivesARefusal() async throws {
        let server = try await SMTPTestServer.start(
            .init(transientRecipients: ["later@example.fi"], rejectedRecipients: ["nobody@example.fi"]))
        defer { server.stop() }
        let session = try await SMTPSession.open(Self.configuration(server))
        let transient = await #expect(throws: SMTPError.self) {
            try await session.send(Self.envelope(to: "later@example.fi", message: try Self.message(to: "later@example.fi")))
        }
        #expect(transient?.kind == .rejected)
        #expect(transient?.reply?.code == 451)
        #expect(transient?.isPermanent == false)
        let permanent = await #expect(throws: SMTPError.self) {
            try await session.send(Self.envelope(to: "nobody@example.fi", message: try Self.message(to: "nobody@example.fi")))
        }
        #expect(permanent?.isPermanent == true)
        #expect(permanent?.reply?.enhancedStatus == "5.1.1")
        #expect(permanent?.message.contains("550 5.1.1 <nobody@example.fi>: Recipient address rejected") == true)
        // The same session, after RSET, still delivers; the 451 recipient now gets it.
        #expect(await session.isUsable())
        _ = try await session.send(Self.envelope(to: "later@example.fi", message: try Self.message(to: "later@example.fi")))
        _ = try await session.send(Self.envelope(message: try Self.message()))
        await session.quit()
        #expect(try server.messages().map(\.rcptTos) == [["later@example.fi"], ["asa@example.se"]])
        #expect(server.recipientReplies().map { $0.reply.prefix(3) } == ["451", "550", "250", "250"])
    }

    @Test(arguments: [SMTPAuthMechanism.plain, .login])
    func authenticatesWithEachMechanism(_ mechanism: SMTPAuthMechanism) async throws {
        let server = try await SMTPTestServer.start(.init(credentials: ("kauppa", "sälasana-1")))
        defer { server.stop() }
        var configuration = Self.configuration(server)
        configuration.credentials = SMTPCredentials(username: "kauppa", password: "sälasana-1", mechanism: mechanism)
        let session = try await SMTPSession.open(configuration)
        _ = try await session.send(Self.envelope(message: try Self.message()))
        await session.quit()
        #expect(server.authAttempts().map(\.mechanism) == [mechanism.rawValue])
        let mail = try #require(try server.messages().first)
        #expect(mail.authenticated && mail.login == "kauppa")

        configuration.credentials?.password = "wrong"
        let refused = await #expect(throws: SMTPError.self) { try await SMTPSession.open(configuration) }
        #expect(refused?.reply?.code == 535)
        #expect(refused?.message.contains("wrong") == false)
    }

    @Test func withoutCredentialsAnAuthServerRefusesTheMail() async throws {
        let server = try await SMTPTestServer.start(.init(credentials: ("kauppa", "x")))
        defer { server.stop() }
        let session = try await SMTPSession.open(Self.configuration(server))
        let error = await #expect(throws: SMTPError.self) { try await session.send(Self.envelope(message: try Self.message())) }
        #expect(error?.reply?.code == 530)
        await session.quit()
        // And a server without AUTH is not sent a password at all.
        let plain = try await SMTPTestServer.start()
        defer { plain.stop() }
        var configuration = Self.configuration(plain)
        configuration.credentials = SMTPCredentials(username: "kauppa", password: "x")
        let unsupported = await #expect(throws: SMTPError.self) { try await SMTPSession.open(configuration) }
        #expect(unsupported?.kind == .unsupported)
    }

    @Test func startTLSVerifiesTheCertificateByDefault() async throws {
        let certificate = try await SelfSignedCertificate.make()
        let server = try await SMTPTestServer.start(.init(credentials: ("kauppa", "salasana"), certificate: certificate))
        defer { server.stop() }
        var configuration = Self.configuration(server, host: "localhost", security: .startTLS)
        let untrusted = await #expect(throws: SMTPError.self) { try await SMTPSession.open(configuration) }
        #expect(untrusted?.kind == .tls)
        #expect(untrusted?.message.contains("self-signed") == true)

        // Trusted as a CA file, by host name and by address; and with any certificate accepted.
        configuration.credentials = SMTPCredentials(username: "kauppa", password: "salasana")
        for (host, verification) in [
            ("localhost", CertificateVerification.trusting(pemFile: certificate.certificate)),
            ("127.0.0.1", .trusting(pemFile: certificate.certificate)), ("localhost", .acceptAny),
        ] {
            configuration.host = host
            configuration.certificateVerification = verification
            let session = try await SMTPSession.open(configuration)
            #expect(try await session.isEncrypted())
            #expect(try await !session.extensions().supports("STARTTLS"))  // the EHLO after TLS
            _ = try await session.send(Self.envelope(message: try Self.message()))
            await session.quit()
        }
        let received = try server.messages()
        #expect(received.count == 3)
        #expect(received.allSatisfy { $0.tls && $0.authenticated && $0.subject == "Välkommen – åäö ÅÄÖ" })
    }

    @Test func aCertificateForAnotherNameIsRefused() async throws {
        let certificate = try await SelfSignedCertificate.make(names: ["DNS:mail.other.example"])
        let server = try await SMTPTestServer.start(.init(certificate: certificate))
        defer { server.stop() }
        // Trusted, but it names another host than the one connected to.
        var configuration = Self.configuration(server, host: "localhost", security: .startTLS)
        configuration.certificateVerification = .trusting(pemFile: certificate.certificate)
        let error = await #expect(throws: SMTPError.self) { try await SMTPSession.open(configuration) }
        #expect(error?.kind == .tls)
        #expect(error?.message.contains("mismatch") == true)
    }

    @Test func startTLSIsNeverSilentlyLeftOut() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPSession.open(Self.configuration(server, security: .startTLS))
        }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("does not offer STARTTLS") == true)
    }

    @Test func implicitTLSFromTheFirstByte() async throws {
        let certificate = try await SelfSignedCertificate.make()
        let server = try await SMTPTestServer.start(.init(certificate: certificate, implicitTLS: true))
        defer { server.stop() }
        var configuration = Self.configuration(server, host: "localhost", security: .implicitTLS)
        configuration.certificateVerification = .trusting(pemFile: certificate.certificate)
        let session = try await SMTPSession.open(configuration)
        _ = try await session.send(Self.envelope(message: try Self.message()))
        await session.quit()
        #expect(try server.messages().first?.tls == true)
    }

    @Test func anAddressBeyondASCIINeedsSMTPUTF8() async throws {
        let plain = try await SMTPTestServer.start()
        defer { plain.stop() }
        let session = try await SMTPSession.open(Self.configuration(plain))
        let error = await #expect(throws: SMTPError.self) {
            try await session.send(Self.envelope(to: "åsa@example.se", message: try Self.message(to: "åsa@example.se")))
        }
        #expect(error?.isPermanent == true)
        await session.quit()

        let international = try await SMTPTestServer.start(.init(smtpUTF8: true))
        defer { international.stop() }
        let other = try await SMTPSession.open(Self.configuration(international))
        _ = try await other.send(Self.envelope(to: "åsa@example.se", message: try Self.message(to: "åsa@example.se")))
        await other.quit()
        let mail = try #require(try international.messages().first)
        #expect(mail.rcptTos == ["åsa@example.se"])
        #expect(mail.mailOptions.contains("SMTPUTF8"))
    }
}
