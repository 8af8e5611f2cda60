internal import COpenSSL

/// An error from the cryptography layer, with a matchable ``code`` so callers can tell bad
/// input (a corrupt stored hash) from a failure inside OpenSSL.
///
/// The text never contains the stored hash, the salt or the password: errors end up in logs.
public struct CryptographyError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, so callers can match on the kind of failure rather than on text.
    public enum Code: Sendable, Equatable {
        /// A stored password hash could not be parsed (wrong shape, bad base64, unknown scheme).
        case malformedEncodedHash
        /// Parameters outside the supported range, such as an iteration count that would stall
        /// the server or scrypt settings needing more memory than the cap allows.
        case unsupportedParameters
        /// OpenSSL reported a failure; ``detail`` carries its error string.
        case openSSL
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable explanation, safe to log.
    public let detail: String

    /// Creates an error; public so that tests and higher layers can build expected values.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - detail: A human-readable explanation that must not contain secrets.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// A one-line description for logs, prefixed by the failure kind.
    public var description: String {
        switch code {
        case .malformedEncodedHash: "malformed password hash: \(detail)"
        case .unsupportedParameters: "unsupported parameters: \(detail)"
        case .openSSL: "OpenSSL failure: \(detail)"
        }
    }

    /// Builds an `.openSSL` error from the calling thread's OpenSSL error queue and clears it.
    ///
    /// Must be called on the thread where the failing call ran, right after it: the OpenSSL
    /// error queue is thread-local.
    /// - Parameter operation: The name of the OpenSSL function that failed.
    static func openSSL(_ operation: String) -> CryptographyError {
        var messages: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let length = buffer.firstIndex(of: 0) ?? buffer.count
            let bytes = buffer[..<length].map { UInt8(bitPattern: $0) }
            messages.append(String(decoding: bytes, as: UTF8.self))
        }
        let reason = messages.isEmpty ? "no error queued" : messages.joined(separator: "; ")
        return CryptographyError(.openSSL, "\(operation) failed: \(reason)")
    }
}
