/// Why a request could not be framed. Each case knows the status it is answered with and
/// a stable snake_case code for the JSON error body, so the connection answers once and
/// closes without a table of its own; the parser never builds responses.
public enum HTTPParseError: Error, Sendable, Equatable {
    /// Request line plus headers exceed `maxHeaderBytes` (431).
    case headersTooLarge(limit: Int)
    /// The declared or received body exceeds the responder's limit (413).
    case bodyTooLarge(limit: Int)
    /// The request line is not `method SP target SP HTTP/x.y` (400).
    case malformedRequestLine
    /// A well-formed version other than HTTP/1.0 and HTTP/1.1 (505).
    case unsupportedVersion
    /// A header line breaks RFC 9112 §5 (bad name, space before colon, obs-fold, control bytes) (400).
    case invalidHeader(String)
    /// A line ended in a bare CR or bare LF instead of CRLF (400).
    case invalidLineEnding
    /// An HTTP/1.1 request without exactly one Host header (400, RFC 9112 §3.2).
    case missingHost
    /// Content-Length repeated, differing, non-numeric, negative or too large (400).
    case invalidContentLength
    /// Both Content-Length and Transfer-Encoding; a smuggling vector (400, RFC 9112 §6.1).
    case conflictingFraming
    /// A transfer coding other than plain `chunked` (501).
    case unsupportedTransferEncoding
    /// A malformed chunk size line, chunk terminator or trailer section (400).
    case invalidChunkedBody

    /// The status the connection answers with before it closes.
    public var status: HTTPStatus {
        switch self {
        case .headersTooLarge: return .requestHeaderFieldsTooLarge
        case .bodyTooLarge: return .payloadTooLarge
        case .unsupportedVersion: return .httpVersionNotSupported
        case .unsupportedTransferEncoding: return .notImplemented
        default: return .badRequest
        }
    }

    /// A stable machine-readable code for the JSON error body.
    public var code: String {
        switch self {
        case .headersTooLarge: return "request_header_fields_too_large"
        case .bodyTooLarge: return "payload_too_large"
        case .malformedRequestLine: return "malformed_request_line"
        case .unsupportedVersion: return "http_version_not_supported"
        case .invalidHeader: return "invalid_header"
        case .invalidLineEnding: return "invalid_line_ending"
        case .missingHost: return "missing_host"
        case .invalidContentLength: return "invalid_content_length"
        case .conflictingFraming: return "conflicting_framing"
        case .unsupportedTransferEncoding: return "unsupported_transfer_encoding"
        case .invalidChunkedBody: return "invalid_chunked_body"
        }
    }

    /// A sentence for the client; it never echoes request bytes back.
    public var message: String {
        switch self {
        case .headersTooLarge(let limit):
            return "The request line and headers exceed the limit of \(limit) bytes."
        case .bodyTooLarge(let limit):
            return "The request body exceeds the limit of \(limit) bytes."
        case .malformedRequestLine:
            return "The request line is malformed."
        case .unsupportedVersion:
            return "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .invalidHeader(let reason):
            return "A header field is invalid: \(reason)."
        case .invalidLineEnding:
            return "Lines must end with CRLF; a bare CR or LF was found."
        case .missingHost:
            return "An HTTP/1.1 request must carry exactly one Host header."
        case .invalidContentLength:
            return "The Content-Length header is invalid or repeated."
        case .conflictingFraming:
            return "A request must not carry both Content-Length and Transfer-Encoding."
        case .unsupportedTransferEncoding:
            return "Only the chunked transfer coding is supported."
        case .invalidChunkedBody:
            return "The chunked request body is malformed."
        }
    }
}
