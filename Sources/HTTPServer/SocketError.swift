import Glibc

/// A failed system call of the socket layer. The errno is captured the moment the call
/// fails, before anything else can overwrite it, so the message names the real cause.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    /// The operation that failed (`bind`, `listen`, `epoll_create1`, …), for matching in logs.
    public let operation: String
    /// The errno value of the failure; 0 when the failure was not a system call (bad address).
    public let errno: Int32
    /// A sentence saying what failed and where, e.g. `address already in use 127.0.0.1:8080`.
    public let message: String

    /// Creates an error from an errno already captured by the caller.
    public init(operation: String, errno: Int32, message: String) {
        self.operation = operation
        self.errno = errno
        self.message = message
    }

    /// The message, so the error prints as the sentence.
    public var description: String { message }

    /// Captures `errno` now and describes it; `detail` (an address) is appended when given.
    static func capture(_ operation: String, _ detail: String = "") -> SocketError {
        let code = Glibc.errno
        return SocketError(operation: operation, errno: code, message: describe(operation, code, detail))
    }

    static func describe(_ operation: String, _ code: Int32, _ detail: String) -> String {
        let reason: String
        switch code {
        case EADDRINUSE: reason = "address already in use"
        case EACCES: reason = "permission denied"
        case EADDRNOTAVAIL: reason = "address not available"
        case EMFILE, ENFILE: reason = "too many open files"
        default: reason = "\(operation) failed: \(String(cString: strerror(code)))"
        }
        return detail.isEmpty ? reason : "\(reason) \(detail)"
    }
}
