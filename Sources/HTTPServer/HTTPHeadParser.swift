/// Parses one complete request head (request line and header fields, each line ending in
/// CRLF) and decides the message framing, applying the RFC 9112 rules that keep requests
/// from being smuggled: one framing only, strict Content-Length, chunked as the only coding.
enum HTTPHeadParser {
    /// How the body is delimited (RFC 9112 §6.3).
    enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
    }

    struct Result {
        var head: HTTPRequestHead
        var framing: Framing
        var keepAlive: Bool
        var expectsContinue: Bool
    }

    private static let cr: UInt8 = 13
    private static let lf: UInt8 = 10
    private static let space: UInt8 = 32
    private static let tab: UInt8 = 9

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Result {
        var position = 0
        guard let lineEnd = try nextLineEnd(bytes, from: position) else { throw .malformedRequestLine }
        let (method, target, version) = try parseRequestLine(bytes, position..<lineEnd)
        position = lineEnd + 2

        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(8)
        var contentLengths = 0
        var contentLength = 0
        var codings: [String] = []
        var sawTransferEncoding = false
        var hosts = 0
        var connectionClose = false
        var connectionKeepAlive = false
        var expectsContinue = false

        while position < bytes.count {
            guard let end = try nextLineEnd(bytes, from: position) else { throw .invalidLineEnding }
            let line = UnsafeBufferPointer(rebasing: bytes[position..<end])
            position = end + 2
            let (nameRange, valueRange) = try splitField(line)
            let nameBytes = UnsafeBufferPointer(rebasing: line[nameRange])
            let valueBytes = UnsafeBufferPointer(rebasing: line[valueRange])
            let name = String(decoding: nameBytes, as: UTF8.self)
            let value = String(decoding: valueBytes, as: UTF8.self)
            fields.append((name: name, value: value))

            switch nameBytes.count {
            case 4 where equalsLowercase(nameBytes, "host"):
                hosts += 1
            case 6 where equalsLowercase(nameBytes, "expect"):
                expectsContinue = equalsLowercase(valueBytes, "100-continue")
            case 10 where equalsLowercase(nameBytes, "connection"):
                forEachToken(valueBytes) { token in
                    if equalsLowercase(token, "close") { connectionClose = true }
                    if equalsLowercase(token, "keep-alive") { connectionKeepAlive = true }
                }
            case 14 where equalsLowercase(nameBytes, "content-length"):
                contentLengths += 1
                contentLength = try parseContentLength(valueBytes)
            case 17 where equalsLowercase(nameBytes, "transfer-encoding"):
                sawTransferEncoding = true
                forEachToken(valueBytes) { token in
                    if !token.isEmpty { codings.append(String(decoding: token, as: UTF8.self).lowercased()) }
                }
            default:
                break
            }
        }

        var framing = Framing.none
        if sawTransferEncoding {
            guard contentLengths == 0 else { throw .conflictingFraming }
            if codings.contains(where: { $0 != "chunked" }) { throw .unsupportedTransferEncoding }
            guard codings.count == 1 else { throw .invalidHeader("Transfer-Encoding must name chunked exactly once") }
            framing = .chunked
        } else if contentLengths > 1 {
            throw .invalidContentLength
        } else if contentLengths == 1 {
            framing = .length(contentLength)
        }
        if version.minor == 1 && hosts != 1 { throw .missingHost }
        if hosts > 1 { throw .missingHost }

        let keepAlive = version.minor == 1 ? !connectionClose : (connectionKeepAlive && !connectionClose)
        let head = HTTPRequestHead(method: method, target: target, version: version, headers: HTTPHeaders(fields: fields))
        let hasBody = framing == .chunked || (framing != .none && framing != .length(0))
        return Result(head: head, framing: framing, keepAlive: keepAlive, expectsContinue: expectsContinue && hasBody)
    }

    /// The index of the CR ending the line that starts at `from`; a bare CR or LF is an error.
    private static func nextLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) throws(HTTPParseError) -> Int? {
        var index = from
        while index < bytes.count {
            let byte = bytes[index]
            if byte == cr {
                guard index + 1 < bytes.count, bytes[index + 1] == lf else { throw .invalidLineEnding }
                return index
            }
            if byte == lf { throw .invalidLineEnding }
            index += 1
        }
        return nil
    }

    private static func parseRequestLine(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
    ) throws(HTTPParseError) -> (HTTPMethod, String, (major: Int, minor: Int)) {
        guard let firstSpace = bytes[range].firstIndex(of: space),
            let secondSpace = bytes[(firstSpace + 1)..<range.upperBound].firstIndex(of: space)
        else { throw .malformedRequestLine }
        let methodBytes = UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<firstSpace])
        let targetBytes = UnsafeBufferPointer(rebasing: bytes[(firstSpace + 1)..<secondSpace])
        let versionBytes = UnsafeBufferPointer(rebasing: bytes[(secondSpace + 1)..<range.upperBound])

        let version = try parseVersion(versionBytes)
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(isTokenByte) else { throw .malformedRequestLine }
        // request-target: visible ASCII only (RFC 9112 §3.2); no spaces, controls or raw UTF-8.
        guard !targetBytes.isEmpty, targetBytes.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw .malformedRequestLine
        }
        return (method(methodBytes), String(decoding: targetBytes, as: UTF8.self), version)
    }

    private static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> (major: Int, minor: Int) {
        if bytes.count == 8 && bytes.starts(with: "HTTP/1.".utf8) {
            if bytes[7] == UInt8(ascii: "1") { return (1, 1) }
            if bytes[7] == UInt8(ascii: "0") { return (1, 0) }
        }
        // Anything shaped like a version (HTTP/2.0, HTTP/1.2, HTTP/3) is well-formed but unsupported.
        guard bytes.count > 5, bytes.starts(with: "HTTP/".utf8) else { throw .malformedRequestLine }
        let rest = UnsafeBufferPointer(rebasing: bytes[5...])
        let parts = rest.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }) else {
            throw .malformedRequestLine
        }
        throw .unsupportedVersion
    }

    private static func method(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPMethod {
        // The common methods reuse the shared constants instead of building a string.
        switch bytes.count {
        case 3 where bytes.elementsEqual("GET".utf8): return .get
        case 3 where bytes.elementsEqual("PUT".utf8): return .put
        case 4 where bytes.elementsEqual("POST".utf8): return .post
        case 4 where bytes.elementsEqual("HEAD".utf8): return .head
        case 5 where bytes.elementsEqual("PATCH".utf8): return .patch
        case 6 where bytes.elementsEqual("DELETE".utf8): return .delete
        default: return HTTPMethod(rawValue: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5.1): no whitespace before the colon,
    /// no obs-fold, no control bytes in the value.
    private static func splitField(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> (Range<Int>, Range<Int>) {
        guard let first = line.first else { throw .invalidHeader("an empty line inside the header section") }
        if first == space || first == tab { throw .invalidHeader("obsolete line folding is not allowed") }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .invalidHeader("a field has no colon") }
        guard colon > 0 else { throw .invalidHeader("a field name is empty") }
        for byte in line[0..<colon] where !isTokenByte(byte) {
            if byte == space || byte == tab { throw .invalidHeader("whitespace before the colon is not allowed") }
            throw .invalidHeader("a field name contains an invalid character")
        }
        var lower = colon + 1
        var upper = line.count
        while lower < upper, line[lower] == space || line[lower] == tab { lower += 1 }
        while upper > lower, line[upper - 1] == space || line[upper - 1] == tab { upper -= 1 }
        for byte in line[lower..<upper] where (byte < 32 && byte != tab) || byte == 127 {
            throw .invalidHeader("a field value contains a control character")
        }
        return (0..<colon, lower..<upper)
    }

    private static func parseContentLength(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        // 1-18 digits fit in Int without overflow; a list ("5, 5") counts as a duplicate.
        guard !bytes.isEmpty, bytes.count <= 18 else { throw .invalidContentLength }
        var value = 0
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { throw .invalidContentLength }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// Calls `body` with each comma-separated token, trimmed of spaces and tabs.
    private static func forEachToken(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        for part in bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            var lower = part.startIndex
            var upper = part.endIndex
            while lower < upper, bytes[lower] == space || bytes[lower] == tab { lower += 1 }
            while upper > lower, bytes[upper - 1] == space || bytes[upper - 1] == tab { upper -= 1 }
            body(UnsafeBufferPointer(rebasing: bytes[lower..<upper]))
        }
    }

    /// ASCII case-insensitive comparison with a lowercase literal.
    static func equalsLowercase(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let expected = literal.utf8Start
        for index in 0..<bytes.count {
            var byte = bytes[index]
            if byte >= 65 && byte <= 90 { byte |= 0x20 }
            if byte != expected[index] { return false }
        }
        return true
    }

    /// tchar of RFC 9110 §5.6.2.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122: return true
        case 33, 35, 36, 37, 38, 39, 42, 43, 45, 46, 94, 95, 96, 124, 126: return true
        default: return false
        }
    }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 48...57: return Int(byte - 48)
        case 65...70: return Int(byte - 55)
        case 97...102: return Int(byte - 87)
        default: return nil
        }
    }
}
