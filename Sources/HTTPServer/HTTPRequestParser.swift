/// An incremental HTTP/1.1 request parser (RFC 9112) over bytes. It is fed whatever the
/// socket delivered and hands back complete requests, so it can be tested without sockets
/// and split at any byte. It works on `UInt8`, never on `Character`: in Swift `"\r\n"` is a
/// single Character and would hide bare CRs.
///
/// The parser stops at each message boundary: `next` returns at most one request, and the
/// bytes of a pipelined successor stay buffered until the caller asks again. After an error
/// it stays failed; the connection answers once and closes.
struct HTTPRequestParser {
    /// What `next` found.
    enum Event {
        /// The head asks `Expect: 100-continue` and its body is within the limit; the body
        /// follows once the client hears `100 Continue`.
        case continueExpected(HTTPRequestHead)
        /// A complete request with its whole (de-chunked) body.
        case request(head: HTTPRequestHead, body: [UInt8], keepAlive: Bool)
        /// The head of a request whose body is streamed: the body's bytes follow through
        /// `takeStreamedBody()` after each `next`, until `streamEnded`.
        case streamStarted(head: HTTPRequestHead, keepAlive: Bool, expectsContinue: Bool)
        /// The streamed body's last byte has been handed over (take it first).
        case streamEnded
    }

    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkEnd
        case trailers(size: Int)
        case failed(HTTPParseError)
    }

    private struct Pending {
        var head: HTTPRequestHead
        var keepAlive: Bool
        var limit: Int
    }

    let maxHeaderBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanFrom = 0
    private var state = State.head
    private var pending: Pending?
    private var body: [UInt8] = []
    /// Whether the current body is streamed: `body` then holds only what was not yet taken.
    private var streaming = false
    /// Body bytes received for the current request (the limit counts these, not `body`).
    private var received = 0

    // A chunk size line longer than this is an attack, not an extension.
    private static let maxChunkLine = 4096

    init(maxHeaderBytes: Int) {
        self.maxHeaderBytes = maxHeaderBytes
    }

    /// Bytes received but not yet consumed by a request.
    var bufferedCount: Int { buffer.count - start }

    /// True between requests with nothing of the next one received.
    var isIdle: Bool {
        if case .head = state { return bufferedCount == 0 }
        return false
    }

    /// True while the head of a request is still incomplete (the header timeout runs).
    var isAwaitingHead: Bool {
        if case .head = state { return true }
        return false
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
            scanFrom = 0
        } else if start >= 16 * 1024 && start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
            scanFrom -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Parses as far as the buffered bytes allow.
    /// - Parameter bodyLimit: the responder's limit for this head; asked once per request.
    /// - Returns: an event, or nil when more bytes are needed.
    /// - Throws: the framing error; the parser stays failed afterwards.
    mutating func next(
        bodyLimit: (HTTPRequestHead) -> Int, streamsBody: (HTTPRequestHead) -> Bool = { _ in false }
    ) throws(HTTPParseError) -> Event? {
        do {
            return try step(bodyLimit: bodyLimit, streamsBody: streamsBody)
        } catch {
            state = .failed(error)
            throw error
        }
    }

    /// The streamed body's bytes decoded so far and not yet taken.
    mutating func takeStreamedBody() -> [UInt8] {
        guard streaming || !body.isEmpty else { return [] }
        defer { body = [] }
        return body
    }

    private mutating func step(
        bodyLimit: (HTTPRequestHead) -> Int, streamsBody: (HTTPRequestHead) -> Bool
    ) throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .head:
                guard let end = try findHeadEnd() else { return nil }
                let parsed = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
                    try HTTPHeadParser.parse(UnsafeBufferPointer(rebasing: bytes[start..<end - 2]))
                }
                start = end
                scanFrom = end
                // Most requests have no body: they need no limit, and asking for one costs a route lookup.
                if case .none = parsed.framing {
                    return .request(head: parsed.head, body: [], keepAlive: parsed.keepAlive)
                }
                let limit = bodyLimit(parsed.head)
                let pending = Pending(head: parsed.head, keepAlive: parsed.keepAlive, limit: limit)
                switch parsed.framing {
                case .none:
                    return .request(head: parsed.head, body: [], keepAlive: parsed.keepAlive)
                case .length(let length):
                    guard length <= limit else { throw .bodyTooLarge(limit: limit) }
                    if length == 0 {
                        return .request(head: parsed.head, body: [], keepAlive: parsed.keepAlive)
                    }
                    body = []
                    state = .fixedBody(remaining: length)
                case .chunked:
                    body = []
                    state = .chunkSize
                }
                self.pending = pending
                received = 0
                if streamsBody(parsed.head) {
                    streaming = true
                    return .streamStarted(head: parsed.head, keepAlive: parsed.keepAlive, expectsContinue: parsed.expectsContinue)
                }
                if case .fixedBody(let length) = state { body.reserveCapacity(min(length, 1 << 20)) }
                if parsed.expectsContinue { return .continueExpected(parsed.head) }
            case .fixedBody(let remaining):
                let take = min(remaining, bufferedCount)
                body.append(contentsOf: buffer[start..<start + take])
                start += take
                received += take
                if take < remaining {
                    state = .fixedBody(remaining: remaining - take)
                    return nil
                }
                return finish()
            case .chunkSize:
                guard let lineEnd = findCRLF(limit: Self.maxChunkLine) else { return nil }
                let size = try parseChunkSize(start..<lineEnd)
                start = lineEnd + 2
                if size == 0 {
                    state = .trailers(size: 0)
                } else {
                    let limit = pending?.limit ?? 0
                    guard size <= limit - received else { throw .bodyTooLarge(limit: limit) }
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let take = min(remaining, bufferedCount)
                body.append(contentsOf: buffer[start..<start + take])
                start += take
                received += take
                if take < remaining {
                    state = .chunkData(remaining: remaining - take)
                    return nil
                }
                state = .chunkEnd
            case .chunkEnd:
                guard bufferedCount >= 2 else { return nil }
                guard buffer[start] == 13, buffer[start + 1] == 10 else { throw .invalidChunkedBody }
                start += 2
                state = .chunkSize
            case .trailers(let size):
                // Trailer fields are accepted and ignored (RFC 9112 §7.1.2), within the header budget.
                guard let lineEnd = findCRLF(limit: maxHeaderBytes - size) else {
                    if bufferedCount > maxHeaderBytes - size { throw .headersTooLarge(limit: maxHeaderBytes) }
                    return nil
                }
                let length = lineEnd - start
                start = lineEnd + 2
                if length == 0 { return finish() }
                state = .trailers(size: size + length + 2)
            }
        }
    }

    private mutating func finish() -> Event {
        let done = pending!
        pending = nil
        state = .head
        if streaming {
            // The rest of `body` is taken by the caller after this event.
            streaming = false
            return .streamEnded
        }
        let result = body
        body = []
        return .request(head: done.head, body: result, keepAlive: done.keepAlive)
    }

    /// Finds the end of the head (index just past CRLFCRLF), skipping empty lines before the
    /// request line (RFC 9112 §2.2), and enforces the header size limit.
    private mutating func findHeadEnd() throws(HTTPParseError) -> Int? {
        while bufferedCount >= 2 && buffer[start] == 13 && buffer[start + 1] == 10 {
            start += 2
        }
        if scanFrom < start { scanFrom = start }
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            var index = max(scanFrom, start + 3)
            while index < bytes.count {
                if bytes[index] == 10 && bytes[index - 1] == 13 && bytes[index - 2] == 10 && bytes[index - 3] == 13 {
                    return index + 1
                }
                index += 1
            }
            return nil
        }
        if let end = found {
            guard end - start <= maxHeaderBytes else { throw .headersTooLarge(limit: maxHeaderBytes) }
            return end
        }
        scanFrom = max(start, buffer.count - 3)
        guard bufferedCount <= maxHeaderBytes else { throw .headersTooLarge(limit: maxHeaderBytes) }
        return nil
    }

    /// The index of the next CR of a CRLF after `start`, or nil when not yet received.
    private func findCRLF(limit: Int) -> Int? {
        var index = start
        let end = min(buffer.count, start + max(limit, 0) + 2)
        while index + 1 < end {
            if buffer[index] == 13 && buffer[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }

    /// `chunk-size [ chunk-ext ]` (RFC 9112 §7.1); extensions are checked for control bytes and ignored.
    private func parseChunkSize(_ range: Range<Int>) throws(HTTPParseError) -> Int {
        var size = 0
        var digits = 0
        var index = range.lowerBound
        while index < range.upperBound, let value = HTTPHeadParser.hexValue(buffer[index]) {
            guard digits < 15 else { throw .invalidChunkedBody }  // 15 hex digits cannot overflow Int
            size = size << 4 | value
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw .invalidChunkedBody }
        while index < range.upperBound, buffer[index] == 32 || buffer[index] == 9 { index += 1 }
        if index < range.upperBound {
            guard buffer[index] == UInt8(ascii: ";") else { throw .invalidChunkedBody }
            for byte in buffer[index..<range.upperBound] where (byte < 32 && byte != 9) || byte == 127 {
                throw .invalidChunkedBody
            }
        }
        return size
    }
}
