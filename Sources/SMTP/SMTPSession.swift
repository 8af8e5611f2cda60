import Dispatch
import Synchronization
import TLS

/// An open SMTP session for async code: the blocking conversation runs on the session's own
/// serial dispatch queue and callers wait on continuations, so socket reads never hold a
/// thread of Swift's cooperative pool.
///
/// ```swift
/// let session = try await SMTPSession.open(configuration)
/// let reply = try await session.send(SMTPEnvelope(sender: from, recipients: [to], message: bytes))
/// await session.quit()
/// ```
/// One session carries any number of messages, one at a time. Cancelling the calling task
/// shuts the socket down, so a blocked read ends at once instead of at its timeout.
public final class SMTPSession: Sendable {
    private let queue: DispatchQueue
    /// The conversation; touched only on `queue`, one operation at a time.
    private let connection = Mutex<SMTPConnection?>(nil)
    private let canceller = SocketCanceller()
    /// The server's name as configured, for logs.
    public let host: String

    private init(host: String) {
        self.host = host
        queue = DispatchQueue(label: "smtp.session.\(host)")
    }

    /// Connects and readies the session: greeting, EHLO, STARTTLS and AUTH as configured.
    /// - Throws: `SMTPError`; a failure here is about the server or its settings, never about
    ///   a particular message.
    public static func open(_ configuration: SMTPConfiguration) async throws(SMTPError) -> SMTPSession {
        let session = SMTPSession(host: configuration.host)
        let canceller = session.canceller
        try await session.run { slot throws(SMTPError) in
            slot = try SMTPConnection.open(configuration, canceller: canceller)
        }
        return session
    }

    /// What the server offered after the last EHLO (STARTTLS, AUTH, SIZE, SMTPUTF8, …).
    public func extensions() async throws(SMTPError) -> SMTPExtensions {
        try await run { slot throws(SMTPError) in try Self.require(slot).extensions }
    }

    /// Whether the conversation is encrypted.
    public func isEncrypted() async throws(SMTPError) -> Bool {
        try await run { slot throws(SMTPError) in try Self.require(slot).isEncrypted }
    }

    /// Whether the session can carry another message (the connection is intact).
    public func isUsable() async -> Bool {
        (try? await run { slot throws(SMTPError) in slot?.isUsable ?? false }) ?? false
    }

    /// Sends one message.
    /// - Returns: the server's reply accepting it, for the email log.
    /// - Throws: `SMTPError`; `isPermanent` says whether trying again could ever help.
    public func send(_ envelope: SMTPEnvelope) async throws(SMTPError) -> SMTPReply {
        try await run { slot throws(SMTPError) in try Self.require(slot).send(envelope) }
    }

    /// Says QUIT and closes the connection; errors are ignored (the mail is handed over).
    public func quit() async {
        _ = try? await run { slot throws(SMTPError) in
            slot?.quit()
            slot = nil
        }
    }

    /// Shuts the socket down from any thread, so a blocked read or write fails at once.
    public func cancel() {
        canceller.cancel()
    }

    private static func require(_ slot: SMTPConnection?) throws(SMTPError) -> SMTPConnection {
        guard let slot else { throw SMTPError(.connection, "the SMTP session is closed") }
        return slot
    }

    /// Runs `body` on the session's queue with the connection, resuming the caller with its
    /// result; a cancelled caller shuts the socket down so the body ends promptly. A
    /// connection that broke is closed and dropped here.
    private func run<T: Sendable>(
        _ body: @escaping @Sendable (inout SMTPConnection?) throws(SMTPError) -> T
    ) async throws(SMTPError) -> T {
        let result: Result<T, SMTPError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    let outcome = self.connection.withLock { slot in
                        let outcome = Result { () throws(SMTPError) -> T in try body(&slot) }
                        if let open = slot, !open.isUsable {
                            open.close()
                            slot = nil
                        }
                        return outcome
                    }
                    continuation.resume(returning: outcome)
                }
            }
        } onCancel: {
            canceller.cancel()
        }
        return try result.get()
    }
}
