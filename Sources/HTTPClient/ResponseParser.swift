/// Reads an HTTP/1.1 response from bytes as they arrive (RFC 9112): the status line, the
/// headers, then the body framed by Content-Length, chunked coding, or the end of the
/// connection. Bytes, never `Character`s: in Swift `"\r\n"` is one Character.
struct ResponseParser {
    private let maxBodyBytes: Int
    private var buffer: [UInt8] = []
    private var head: (status: Int, headers: [(name: String, value: String)])?
    private var bodyStart = 0

    init(maxBodyBytes: Int) { self.maxBodyBytes = maxBodyBytes }

    /// The largest head accepted, as our server accepts (16 KiB).
    static let maxHeadBytes = 16_384

    /// Takes the next bytes read; an empty array is the end of the connection. Returns the
    /// response once it is complete (or once enough of its body is kept).
    mutating func feed(_ bytes: [UInt8]) throws(HTTPClientError) -> HTTPClientResponse? {
        let closed = bytes.isEmpty
        buffer += bytes
        if head == nil {
            guard let end = Self.headEnd(buffer) else {
                if closed { throw HTTPClientError(.protocolViolation, "the connection closed before a complete response head") }
                if buffer.count > Self.maxHeadBytes { throw HTTPClientError(.protocolViolation, "the response head is too large") }
                return nil
            }
            head = try Self.parseHead(buffer[..<end])
            bodyStart = end + 4
        }
        guard let head else { return nil }
        let body = buffer[bodyStart...]
        let header = { (name: String) in head.headers.last { $0.name.lowercased() == name }?.value }
        if head.status == 204 || head.status == 304 || (100..<200).contains(head.status) {
            return response(head, [])
        }
        if header("transfer-encoding")?.lowercased().contains("chunked") == true {
            if let decoded = try Self.dechunk(Array(body), limit: maxBodyBytes) { return response(head, decoded.body, decoded.truncated) }
            if closed { throw HTTPClientError(.protocolViolation, "the connection closed inside a chunked body") }
            return nil
        }
        if let lengthText = header("content-length") {
            guard let length = Int(lengthText.trimmingSpaces), length >= 0 else {
                throw HTTPClientError(.protocolViolation, "invalid Content-Length \(lengthText)")
            }
            if body.count >= min(length, maxBodyBytes) {
                return response(head, Array(body.prefix(min(length, maxBodyBytes))), length > maxBodyBytes)
            }
            if closed { throw HTTPClientError(.protocolViolation, "the connection closed before the whole body arrived") }
            return nil
        }
        // No framing: the body runs to the end of the connection.
        if body.count > maxBodyBytes { return response(head, Array(body.prefix(maxBodyBytes)), true) }
        return closed ? response(head, Array(body)) : nil
    }

    private func response(_ head: (status: Int, headers: [(name: String, value: String)]), _ body: [UInt8], _ truncated: Bool = false)
        -> HTTPClientResponse
    {
        HTTPClientResponse(status: head.status, headers: head.headers, body: body, bodyTruncated: truncated)
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    private static func parseHead(_ bytes: ArraySlice<UInt8>) throws(HTTPClientError) -> (
        status: Int, headers: [(name: String, value: String)]
    ) {
        var lines: [String] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 13, index + 1 < bytes.endIndex, bytes[index + 1] == 10 {
                lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(String(decoding: bytes[start..<bytes.endIndex], as: UTF8.self))
        let statusLine = lines.first ?? ""
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]) else {
            throw HTTPClientError(.protocolViolation, "not an HTTP/1.x status line: \(statusLine.prefix(80))")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw HTTPClientError(.protocolViolation, "a header line without a colon: \(line.prefix(80))")
            }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces))
        }
        return (status, headers)
    }

    /// The decoded body once the last chunk has arrived (or `limit` bytes are kept); nil while
    /// more is needed.
    private static func dechunk(_ bytes: [UInt8], limit: Int) throws(HTTPClientError) -> (body: [UInt8], truncated: Bool)? {
        var body: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = lineEnd(bytes, from: index) else { return nil }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingSpaces, radix: 16), size >= 0 else {
                throw HTTPClientError(.protocolViolation, "invalid chunk size \(sizeText.prefix(20))")
            }
            index = lineEnd + 2
            if size == 0 { return (body, false) }
            guard bytes.count >= index + size + 2 else {
                if body.count + (bytes.count - index) >= limit { return (body + bytes[index...].prefix(limit - body.count), true) }
                return nil
            }
            body += bytes[index..<(index + size)]
            if body.count >= limit { return (Array(body.prefix(limit)), true) }
            index += size + 2
        }
    }

    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (optional white space, RFC 9110 §5.6.3).
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
