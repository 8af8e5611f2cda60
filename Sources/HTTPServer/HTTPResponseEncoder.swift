/// Writes response heads as bytes. The server owns the framing headers (`Content-Length`,
/// `Transfer-Encoding`, `Connection`) so a responder cannot frame a response wrongly; a
/// responder's own values for them are dropped.
enum HTTPResponseEncoder {
    /// How the body that follows the head is delimited.
    enum Framing {
        /// No body may follow (HEAD of a stream, 1xx, 204, 304).
        case none
        /// A body of this many bytes follows (or would, for HEAD).
        case length(Int)
        /// Chunked transfer coding follows (HTTP/1.1 streams).
        case chunked
        /// The body runs until the connection closes (HTTP/1.0 streams).
        case untilClose
    }

    static let continueHead: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    static let finalChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    /// Whether a response with this status may carry a body at all (RFC 9110 §6.4.1).
    static func allowsBody(_ status: HTTPStatus) -> Bool {
        !(status.code < 200 || status.code == 204 || status.code == 304)
    }

    /// Encodes the status line and headers, ending with the empty line.
    /// - Parameters:
    ///   - close: adds `Connection: close` (the server closes after this response).
    ///   - keepAliveHeader: adds `Connection: keep-alive` (HTTP/1.0 peers that asked for it).
    static func encodeHead(
        status: HTTPStatus, headers: HTTPHeaders, framing: Framing, close: Bool, keepAliveHeader: Bool,
        capacity: Int = 256
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status.code, to: &out)
        out.append(32)
        appendSanitized(status.reason, to: &out)
        out.append(13)
        out.append(10)
        var sawDate = false
        for field in headers.fields {
            if HTTPHeaders.equalNames(field.name, "Content-Length")
                || HTTPHeaders.equalNames(field.name, "Transfer-Encoding")
                || HTTPHeaders.equalNames(field.name, "Connection")
            {
                continue
            }
            if HTTPHeaders.equalNames(field.name, "Date") { sawDate = true }
            appendSanitized(field.name, to: &out)
            out.append(58)
            out.append(32)
            appendSanitized(field.value, to: &out)
            out.append(13)
            out.append(10)
        }
        switch framing {
        case .length(let count):
            out.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(count, to: &out)
            out.append(13)
            out.append(10)
        case .chunked:
            out.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
        case .none, .untilClose:
            break
        }
        if !sawDate {
            out.append(contentsOf: "Date: ".utf8)
            HTTPDateCache.shared.append(to: &out)
            out.append(13)
            out.append(10)
        }
        if close {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if keepAliveHeader {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(13)
        out.append(10)
        return out
    }

    /// The size line of one chunk (`1a2b\r\n`).
    static func chunkHeader(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(18)
        var digits: [UInt8] = []
        var value = count
        repeat {
            let digit = UInt8(value & 0xF)
            digits.append(digit < 10 ? 48 + digit : 87 + digit)
            value >>= 4
        } while value > 0
        out.append(contentsOf: digits.reversed())
        out.append(13)
        out.append(10)
        return out
    }

    /// The JSON error response the server itself sends (framing errors, limits, timeouts).
    static func errorResponse(status: HTTPStatus, code: String, message: String) -> HTTPResponse {
        let body = "{\"error\":{\"code\":\"\(jsonEscaped(code))\",\"message\":\"\(jsonEscaped(message))\"}}"
        return HTTPResponse(
            status: status, headers: ["Content-Type": "application/json"], body: .bytes(Array(body.utf8)),
            closeConnection: true)
    }

    /// The full bytes (head and body) of an error response that closes the connection.
    static func encodeError(status: HTTPStatus, code: String, message: String) -> [UInt8] {
        let response = errorResponse(status: status, code: code, message: message)
        guard case .bytes(let body) = response.body else { return [] }
        var out = encodeHead(
            status: status, headers: response.headers, framing: .length(body.count), close: true, keepAliveHeader: false)
        out.append(contentsOf: body)
        return out
    }

    private static func jsonEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 10 {
            out.append(48 + UInt8(value))
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while remaining > 0 {
                raw[19 - count] = 48 + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            }
            out.append(contentsOf: raw[(20 - count)...])
        }
    }

    /// Header values must not contain CR or LF: a responder echoing input must not be able
    /// to inject headers (response splitting).
    private static func appendSanitized(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            out.append(byte == 13 || byte == 10 ? 32 : byte)
        }
    }
}
