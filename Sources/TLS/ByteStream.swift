/// A blocking, bidirectional byte stream: a TCP connection (`TCPConnection`), or TLS over one
/// (`TLSConnection`). The SMTP client and the HTTP client speak through this, so STARTTLS
/// only swaps the stream under the same conversation and an `https` URL only adds a layer.
///
/// Blocking by design: a stream is used only on a dispatch queue of its own, never on Swift's
/// cooperative thread pool. Every call gives up after the stream's timeout.
public protocol ByteStream: AnyObject {
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(StreamError)
    /// Reads what is available, up to `maxCount` bytes; an empty result means the peer closed.
    func read(maxCount: Int) throws(StreamError) -> [UInt8]
    /// Closes the stream; later calls fail. Safe to call twice.
    func close()
}

/// Why a connection or one of its reads or writes failed, classified so each protocol maps it
/// to its own errors (a retry for a timeout, the TLS reason for the email or webhook log).
public struct StreamError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No connection, or it broke (DNS, refused, reset, closed early).
        case connection
        /// The peer did not answer within the time given.
        case timeout
        /// The TLS handshake failed or the certificate was not trusted.
        case tls
    }

    public let kind: Kind
    /// One sentence, naming the peer; never any data sent.
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
