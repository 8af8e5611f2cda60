import Dispatch
import Foundation
import Synchronization

/// Why a test client call failed.
public struct TestClientError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with errno text when a system call failed.
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A raw HTTP/1.1 client over one loopback TCP connection, for testing servers from the
/// outside: it sends exactly the bytes a test asks for (malformed ones included) and reads
/// responses framed by Content-Length, chunked coding or connection close.
///
/// The socket is blocking with a read timeout, so no test can hang; the blocking calls run
/// on the connection's own dispatch queue, never on Swift's cooperative pool, so the server
/// under test (whose handlers run on that pool) keeps making progress.
///
/// ```swift
/// let client = try await TestHTTPClient.connect(port: server.port)
/// let first = try await client.request(path: "/health")
/// let second = try await client.request(method: "POST", path: "/echo", body: Array("hi".utf8))
/// client.close()
/// ```
// @unchecked Sendable: the descriptor and receive buffer are used only on `queue`, a serial queue.
public final class TestHTTPClient: @unchecked Sendable {
    private let fd: Int32
    private let queue = DispatchQueue(label: "TestHTTPClient")
    private var received: [UInt8] = []
    private var closed = false
    /// Set by the first `close`: the descriptor is shut down once, from any thread.
    private let shutDown = Atomic<Bool>(false)
    /// The port connected to; `request` uses it for the Host header.
    public let port: Int

    private init(fd: Int32, port: Int) {
        self.fd = fd
        self.port = port
    }

    deinit {
        if !closed { _ = Glibc.close(fd) }
    }

    /// Opens a connection to `host:port` (an IPv4 literal).
    /// - Parameter timeout: seconds any single read may wait before throwing.
    public static func connect(port: Int, host: String = "127.0.0.1", timeout: Double = 10) async throws -> TestHTTPClient {
        try await onBackgroundQueue {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw TestClientError("socket: \(errnoText())") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 else {
                let text = errnoText()
                _ = Glibc.close(fd)
                throw TestClientError("connect to \(host):\(port): \(text)")
            }
            return TestHTTPClient(fd: fd, port: port)
        }
    }

    /// Opens a connection, sends one request with `Connection: close`, reads the response
    /// and closes.
    public static func request(
        port: Int, method: String = "GET", path: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) async throws -> TestResponse {
        let client = try await connect(port: port)
        defer { client.close() }
        var headers = headers
        if !headers.contains(where: { $0.0.lowercased() == "connection" }) { headers.append(("Connection", "close")) }
        return try await client.request(method: method, path: path, headers: headers, body: body)
    }

    /// Sends raw bytes exactly as given.
    public func send(_ bytes: [UInt8]) async throws {
        try await run { try self.sendAll(bytes) }
    }

    /// Sends raw text as UTF-8 exactly as given (write `\r\n` yourself).
    public func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    /// Sends a request. Adds `Host` unless given, and `Content-Length` when there is a body
    /// and neither Content-Length nor Transfer-Encoding is given.
    public func sendRequest(
        method: String = "GET", path: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) async throws {
        try await send(Self.encodeRequest(method: method, path: path, headers: headers, body: body, port: port))
    }

    /// The bytes `sendRequest` would send, for tests that pipeline several requests in one write.
    public static func encodeRequest(
        method: String = "GET", path: String, headers: [(String, String)] = [], body: [UInt8] = [], port: Int = 80
    ) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\n"
        let names = Set(headers.map { $0.0.lowercased() })
        if !names.contains("host") { text += "Host: 127.0.0.1:\(port)\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if !body.isEmpty && !names.contains("content-length") && !names.contains("transfer-encoding") {
            text += "Content-Length: \(body.count)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8) + body
    }

    /// Sends a request and reads its response on this connection (keep-alive friendly).
    public func request(
        method: String = "GET", path: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) async throws -> TestResponse {
        try await sendRequest(method: method, path: path, headers: headers, body: body)
        return try await readResponse(requestMethod: method)
    }

    /// Reads one response (an interim `100 Continue` counts as one).
    /// - Parameter requestMethod: `HEAD` responses have no body whatever their headers say.
    public func readResponse(requestMethod: String = "GET") async throws -> TestResponse {
        try await run { try self.readResponseBlocking(requestMethod: requestMethod) }
    }

    /// Reads whatever arrives next (at most `maxBytes`); empty when the peer has closed.
    public func read(maxBytes: Int = 65536) async throws -> [UInt8] {
        try await run {
            if !self.received.isEmpty {
                let count = min(maxBytes, self.received.count)
                defer { self.received.removeFirst(count) }
                return Array(self.received.prefix(count))
            }
            return try self.receiveChunk(maxBytes: maxBytes) ?? []
        }
    }

    /// Reads until the peer closes and returns everything not yet consumed.
    public func readToEnd() async throws -> [UInt8] {
        try await run {
            while try self.receive() {}
            defer { self.received.removeAll() }
            return self.received
        }
    }

    /// True when the server closes the connection (EOF or reset) within the read timeout;
    /// any bytes received first are discarded.
    public func waitForClose() async -> Bool {
        (try? await run { () throws -> Bool in
            while true {
                do {
                    if try self.receiveChunk(maxBytes: 65536) == nil { return true }
                } catch let error as TestClientError {
                    return !error.message.contains("timed out")
                }
            }
        }) ?? false
    }

    /// Sends FIN: the server sees the end of input while the client can still read the answer.
    public func shutdownWrite() {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    /// Closes the connection. Safe to call more than once, and never waits: a read in
    /// progress on the client's queue is woken by the shutdown, and the descriptor is closed
    /// on the queue after it (so its number is never closed twice or under a reader).
    public func close() {
        guard !shutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
        queue.async { [self] in
            if !closed {
                closed = true
                _ = Glibc.close(fd)
            }
        }
    }

    // MARK: Blocking internals (on `queue`)

    private func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    private static func onBackgroundQueue<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    private func sendAll(_ bytes: [UInt8]) throws {
        guard !closed else { throw TestClientError("send on a closed client") }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw TestClientError("send: \(errnoText())")
            }
            offset += count
        }
    }

    /// Reads more bytes into `received`; false at end of stream.
    @discardableResult
    private func receive() throws -> Bool {
        guard let chunk = try receiveChunk(maxBytes: 65536) else { return false }
        received.append(contentsOf: chunk)
        return true
    }

    private func receiveChunk(maxBytes: Int) throws -> [UInt8]? {
        guard !closed else { throw TestClientError("recv on a closed client") }
        var buffer = [UInt8](repeating: 0, count: maxBytes)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, maxBytes, 0) }
            if count > 0 { return Array(buffer[0..<count]) }
            if count == 0 { return nil }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw TestClientError("recv timed out") }
            if errno == ECONNRESET { return nil }
            throw TestClientError("recv: \(errnoText())")
        }
    }

    private func readResponseBlocking(requestMethod: String) throws -> TestResponse {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = Self.find([13, 10, 13, 10], in: received)
            if headEnd == nil, try !receive() {
                throw TestClientError("connection closed before a complete response head (got \(received.count) bytes)")
            }
        }
        let headBytes = Array(received[0..<headEnd!])
        received.removeFirst(headEnd! + 4)
        let lines = String(decoding: headBytes, as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw TestClientError("malformed status line: \(lines[0])")
        }
        let reason = statusParts.count > 2 ? String(statusParts[2]) : ""
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = TestResponse(status: status, reason: reason, headers: headers, body: [])
        if requestMethod == "HEAD" || status < 200 || status == 204 || status == 304 { return response }
        if response.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            response.body = try readChunkedBody()
        } else if let lengthText = response.header("Content-Length"), let length = Int(lengthText) {
            while received.count < length {
                if try !receive() { throw TestClientError("connection closed after \(received.count) of \(length) body bytes") }
            }
            response.body = Array(received[0..<length])
            received.removeFirst(length)
        } else {
            while try receive() {}
            response.body = received
            received.removeAll()
        }
        return response
    }

    private func readChunkedBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try readLine()
            let sizeText = line.split(separator: ";").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let size = Int(sizeText, radix: 16) else { throw TestClientError("bad chunk size line: \(line)") }
            if size == 0 {
                while try !readLine().isEmpty {}  // trailers
                return body
            }
            while received.count < size + 2 {
                if try !receive() { throw TestClientError("connection closed inside a chunk") }
            }
            body.append(contentsOf: received[0..<size])
            received.removeFirst(size + 2)
        }
    }

    private func readLine() throws -> String {
        while true {
            if let end = Self.find([13, 10], in: received) {
                let line = String(decoding: received[0..<end], as: UTF8.self)
                received.removeFirst(end + 2)
                return line
            }
            if try !receive() { throw TestClientError("connection closed inside a chunked body") }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<index + needle.count]) == needle { return index }
        }
        return nil
    }
}

private func errnoText() -> String {
    String(cString: strerror(errno))
}
