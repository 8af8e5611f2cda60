/// A blocking, bidirectional byte stream: a TCP socket, or TLS over one. SMTP speaks through
/// this, so STARTTLS only swaps the stream under the same conversation.
///
/// Blocking by design: a stream is used only on an `SMTPSession`'s own dispatch queue, never
/// on Swift's cooperative thread pool. Every call gives up after the stream's timeout.
protocol ByteStream: AnyObject {
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(SMTPError)
    /// Reads what is available, up to `maxCount` bytes; an empty result means the peer closed.
    func read(maxCount: Int) throws(SMTPError) -> [UInt8]
    /// Closes the stream; later calls fail. Safe to call twice.
    func close()
}
