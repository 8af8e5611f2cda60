import Foundation

/// A real SMTP server for tests: aiosmtpd from PyPI, run by `Tests/External/smtp_server.py` on
/// a free loopback port. Every accepted message lands in `directory` together with what
/// Python's email package decodes from it, so tests check our encoding with an independent
/// reader. `Scripts/test` installs aiosmtpd; without it the SMTP tests are skipped with a
/// message saying so, unless `SHOPADMIN_REQUIRE_SMTP_SERVER=1` (set by `Scripts/test`) makes
/// its absence a failure.
///
/// ```swift
/// let smtp = try await SMTPTestServer.start(.init(transientRecipients: ["later@example.fi"]))
/// defer { smtp.stop() }
/// let mail = try await smtp.waitForMessages(1)
/// ```
public final class SMTPTestServer: Sendable {
    /// How the server behaves.
    public struct Options: Sendable {
        /// The first RCPT TO for each of these gets `451 4.3.0`, later ones 250.
        public var transientRecipients: [String] = []
        /// Every RCPT TO for these gets `550 5.1.1`.
        public var rejectedRecipients: [String] = []
        /// Offers AUTH PLAIN and LOGIN and requires it.
        public var credentials: (username: String, password: String)?
        /// Offers STARTTLS (or, with `implicitTLS`, speaks TLS from the start) with this pair.
        public var certificate: SelfSignedCertificate?
        public var implicitTLS = false
        public var smtpUTF8 = false

        public init(
            transientRecipients: [String] = [], rejectedRecipients: [String] = [],
            credentials: (username: String, password: String)? = nil, certificate: SelfSignedCertificate? = nil,
            implicitTLS: Bool = false, smtpUTF8: Bool = false
        ) {
            self.transientRecipients = transientRecipients
            self.rejectedRecipients = rejectedRecipients
            self.credentials = credentials
            self.certificate = certificate
            self.implicitTLS = implicitTLS
            self.smtpUTF8 = smtpUTF8
        }
    }

    public let port: Int
    /// Where the messages and the RCPT and AUTH logs are written.
    public let directory: String
    private let process: SpawnedProcess

    private init(port: Int, directory: String, process: SpawnedProcess) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    deinit { process.kill() }

    /// The script, found from this file's place in the repository.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("External/smtp_server.py").path

    /// Whether python3 with aiosmtpd is here; checked once per test run.
    public static let isAvailable: Bool = {
        if ProcessInfo.processInfo.environment["SHOPADMIN_REQUIRE_SMTP_SERVER"] == "1" { return true }
        return (try? runSynchronously(["python3", "-c", "import aiosmtpd"])) == 0
    }()

    /// Why the SMTP tests are skipped, for `.enabled(if:_:)`.
    public static let skipReason =
        "python3 with aiosmtpd is not installed: run Scripts/test (it installs aiosmtpd from PyPI) or `pip install aiosmtpd`"

    /// Starts the server and waits until it accepts connections.
    public static func start(_ options: Options = Options()) async throws -> SMTPTestServer {
        let directory = freeTemporaryDirectory(prefix: "smtp-server")
        var arguments = ["python3", script, "--out", directory + "/mail", "--parent", String(getpid())]
        for address in options.transientRecipients { arguments += ["--transient-rcpt", address] }
        for address in options.rejectedRecipients { arguments += ["--reject-rcpt", address] }
        if let credentials = options.credentials { arguments += ["--auth", "\(credentials.username):\(credentials.password)"] }
        if let certificate = options.certificate { arguments += ["--tls-cert", certificate.certificate, "--tls-key", certificate.key] }
        if options.implicitTLS { arguments.append("--implicit-tls") }
        if options.smtpUTF8 { arguments.append("--smtputf8") }
        let process = try SpawnedProcess.spawn(arguments, stdout: directory + "/stdout", stderr: directory + "/stderr")
        for _ in 0..<300 {
            let output = (try? String(contentsOfFile: directory + "/stdout", encoding: .utf8)) ?? ""
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }), let port = Int(line.dropFirst(6)) {
                return SMTPTestServer(port: port, directory: directory + "/mail", process: process)
            }
            if process.hasExited() { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.kill()
        let errors = (try? String(contentsOfFile: directory + "/stderr", encoding: .utf8)) ?? ""
        throw TestClientError("the SMTP test server (aiosmtpd) did not start: \(errors.suffix(2000))")
    }

    /// Stops the server (SIGKILL to its own pid).
    public func stop() { process.kill() }

    /// The messages accepted so far, oldest first.
    public func messages() throws -> [ReceivedMail] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("msg-") && $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            try JSONDecoder().decode(ReceivedMail.self, from: Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)")))
        }
    }

    /// Waits up to `timeout` seconds until at least `count` messages arrived; returns them all.
    public func waitForMessages(_ count: Int, timeout: Double = 20) async throws -> [ReceivedMail] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let received = try messages()
            if received.count >= count || Date() > deadline { return received }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Every RCPT TO the server answered, with its reply, in order.
    public func recipientReplies() -> [(address: String, reply: String)] {
        lines("rcpt.jsonl").map { ($0["address"] as? String ?? "", $0["reply"] as? String ?? "") }
    }

    /// Every AUTH attempt: the mechanism, the user name and whether it succeeded.
    public func authAttempts() -> [(mechanism: String, login: String, success: Bool)] {
        lines("auth.jsonl").map { ($0["mechanism"] as? String ?? "", $0["login"] as? String ?? "", $0["success"] as? Bool ?? false) }
    }

    private func lines(_ name: String) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    private static func runSynchronously(_ arguments: [String]) throws -> Int32 {
        let folder = freeTemporaryDirectory(prefix: "smtp-check")
        let process = try SpawnedProcess.spawn(arguments, stdout: folder + "/out", stderr: folder + "/out")
        var status: Int32 = 0
        while waitpid(process.pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
    }
}

/// One message as the SMTP test server received it, and as Python's email package reads it.
public struct ReceivedMail: Decodable, Sendable {
    /// One leaf MIME part, decoded.
    public struct Part: Decodable, Sendable {
        public let contentType: String
        public let charset: String?
        public let transferEncoding: String?
        /// The body after transfer decoding and charset decoding.
        public let text: String
        public let defects: [String]
    }

    public let mailFrom: String
    public let rcptTos: [String]
    public let mailOptions: [String]
    /// Whether the message came over TLS.
    public let tls: Bool
    public let authenticated: Bool
    public let login: String?
    /// The message bytes exactly as received (base64 in the file).
    public let raw: String
    /// The Subject, decoded from RFC 2047 by Python.
    public let subject: String?
    public let from: String?
    public let fromDisplayName: String?
    public let to: String?
    public let messageId: String?
    public let date: String?
    public let mimeVersion: String?
    public let contentType: String
    public let parts: [Part]
    /// Problems Python's parser found in the message as a whole; none is expected.
    public let defects: [String]

    /// The raw message bytes.
    public var rawBytes: [UInt8] { Array(Data(base64Encoded: raw) ?? Data()) }
    /// The raw message as text (lossy beyond UTF-8).
    public var rawText: String { String(decoding: rawBytes, as: UTF8.self) }
}

/// A self-signed certificate, made with `openssl req` for a test.
public struct SelfSignedCertificate: Sendable {
    /// PEM files: the certificate (also what a client trusts) and its private key.
    public let certificate: String
    public let key: String

    /// - Parameter names: the subject alternative names; by default `localhost` and 127.0.0.1.
    public static func make(names: [String] = ["DNS:localhost", "IP:127.0.0.1"]) async throws -> SelfSignedCertificate {
        let folder = freeTemporaryDirectory(prefix: "tls")
        let result = try await SpawnedProcess.run([
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
            "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=" + names.joined(separator: ","),
        ])
        guard result.status == 0 else { throw TestClientError("openssl req failed: \(result.output)") }
        return SelfSignedCertificate(certificate: folder + "/cert.pem", key: folder + "/key.pem")
    }
}
