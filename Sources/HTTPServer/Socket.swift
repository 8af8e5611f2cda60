/// A non-blocking TCP socket, as a bare descriptor. It is a value: whoever owns the
/// connection decides when it is closed (only the event loop does, so a number is never
/// reused while a task still holds it). The system calls live in `Socket+Glibc.swift`.
struct Socket: Sendable, Hashable {
    let fd: Int32

    /// The outcome of one read or write: a byte count, or why there was none.
    enum IOResult: Equatable {
        case bytes(Int)
        case wouldBlock
        case endOfFile
        case failed(Int32)
    }

    /// The outcome of one accept.
    enum AcceptResult {
        case accepted(Socket, remoteAddress: String)
        case wouldBlock
        case failed(Int32)
    }
}
