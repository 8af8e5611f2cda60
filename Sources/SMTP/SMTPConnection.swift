import TLS

/// One blocking SMTP conversation (RFC 5321): connect, greeting, EHLO, STARTTLS, AUTH, then
/// any number of mail transactions. Not thread-safe and blocking on purpose: an
/// `SMTPSession` runs it on its own dispatch queue, never on the cooperative pool.
final class SMTPConnection {
    let configuration: SMTPConfiguration
    private var stream: any ByteStream
    private var parser = SMTPReplyParser()
    private(set) var greeting = SMTPReply(code: 220, lines: [])
    private(set) var extensions = SMTPExtensions.none
    /// Whether the conversation runs over TLS now.
    private(set) var isEncrypted = false
    /// False once the connection broke or the server said 421 (closing): no more commands.
    private(set) var isUsable = true

    private init(configuration: SMTPConfiguration, tcp: TCPConnection) {
        self.configuration = configuration
        self.stream = tcp
    }

    /// Connects and gets the conversation ready for mail: greeting, EHLO, STARTTLS (when the
    /// configuration asks for it) and AUTH (when it has credentials).
    /// - Parameter canceller: learns the socket, so another thread can end a blocked call.
    static func open(_ configuration: SMTPConfiguration, canceller: SocketCanceller? = nil) throws(SMTPError) -> SMTPConnection {
        let tcp: TCPConnection
        do throws(StreamError) {
            tcp = try TCPConnection.connect(
                host: configuration.host, port: configuration.port, timeout: configuration.connectTimeout,
                ioTimeout: configuration.commandTimeout, canceller: canceller)
        } catch {
            throw SMTPError(error)
        }
        let connection = SMTPConnection(configuration: configuration, tcp: tcp)
        do throws(SMTPError) {
            try connection.prepare()
            return connection
        } catch {
            connection.close()
            throw error
        }
    }

    private func prepare() throws(SMTPError) {
        if configuration.security == .implicitTLS { try startTLS() }
        greeting = try readReply()
        // RFC 5321 §3.1: 554 instead of 220 means "no service here".
        guard greeting.code == 220 else { throw SMTPError.rejected("the greeting", greeting) }
        try hello()
        if configuration.security == .startTLS {
            guard extensions.supports("STARTTLS") else {
                throw SMTPError(
                    .unsupported,
                    "\(configuration.host) does not offer STARTTLS; choose security \"tls\" or \"none\" if that is intended")
            }
            let reply = try command("STARTTLS")
            guard reply.code == 220 else { throw SMTPError.rejected("STARTTLS", reply) }
            // CVE-2011-0411: anything already buffered came in plain text; never act on it.
            guard !parser.hasBufferedBytes else {
                throw SMTPError(.protocolViolation, "\(configuration.host) sent data before the TLS handshake")
            }
            try startTLS()
            // RFC 3207 §4.2: forget what the server said before TLS and ask again.
            try hello()
        }
        if let credentials = configuration.credentials { try authenticate(credentials) }
    }

    private func startTLS() throws(SMTPError) {
        guard let tcp = stream as? TCPConnection else { return }
        do throws(StreamError) {
            stream = try TLSConnection(over: tcp, host: configuration.host, verification: configuration.certificateVerification)
        } catch {
            throw SMTPError(error)
        }
        isEncrypted = true
    }

    /// EHLO, or HELO when the server does not know EHLO (RFC 5321 §4.1.4: 500, 502 or 504).
    private func hello() throws(SMTPError) {
        let reply = try command("EHLO \(configuration.heloName)")
        if reply.code == 250 {
            extensions = SMTPExtensions(ehlo: reply)
            return
        }
        guard [500, 502, 504, 550].contains(reply.code) else { throw SMTPError.rejected("EHLO", reply) }
        let fallback = try command("HELO \(configuration.heloName)")
        guard fallback.code == 250 else { throw SMTPError.rejected("HELO", fallback) }
        extensions = .none
    }

    // MARK: Talking

    /// Sends one command line and reads its reply. The line never carries CR or LF of its
    /// own: callers build it from validated parts. Errors never quote the line (AUTH data).
    func command(_ line: String) throws(SMTPError) -> SMTPReply {
        try send(Array(line.utf8) + [0x0D, 0x0A])
        return try readReply()
    }

    func send(_ bytes: [UInt8]) throws(SMTPError) {
        guard isUsable else { throw SMTPError(.connection, "the connection to \(configuration.host) is no longer usable") }
        do throws(StreamError) {
            try stream.write(bytes)
        } catch {
            isUsable = false
            throw SMTPError(error)
        }
    }

    func readReply() throws(SMTPError) -> SMTPReply {
        do throws(SMTPError) {
            while true {
                if let reply = try parser.next() {
                    // 421: the server is closing the channel (§3.8); nothing more can be sent.
                    if reply.code == 421 { isUsable = false }
                    return reply
                }
                let bytes: [UInt8]
                do throws(StreamError) {
                    bytes = try stream.read(maxCount: 16 * 1024)
                } catch {
                    throw SMTPError(error)
                }
                guard !bytes.isEmpty else {
                    throw SMTPError(.connection, "\(configuration.host) closed the connection")
                }
                parser.append(bytes)
            }
        } catch {
            isUsable = false
            throw error
        }
    }

    /// QUIT (best effort: the mail is already handed over), then close.
    func quit() {
        if isUsable { _ = try? command("QUIT") }
        close()
    }

    func close() {
        isUsable = false
        stream.close()
    }
}
