import Glibc

/// A blocking TCP connection with a connect deadline and per-call read and write timeouts.
/// Every system call of the client lives in this file, so the EINTR, SIGPIPE and errno rules
/// are applied in one place. Used only on a dispatch thread, never on the cooperative pool.
final class ClientSocket {
    /// The socket, or -1 once closed.
    private var descriptor: Int32
    private let peer: String

    private init(descriptor: Int32, peer: String) {
        self.descriptor = descriptor
        self.peer = peer
    }

    deinit { close() }

    /// Resolves `host` and connects to the first address that answers within `timeout`
    /// seconds; reads and writes then give up after `ioTimeout` seconds each.
    static func connect(host: String, port: Int, timeout: Double, ioTimeout: Double) throws(HTTPClientError) -> ClientSocket {
        let peer = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            throw HTTPClientError(.connection, "cannot resolve \(host): \(reason)")
        }
        defer { freeaddrinfo(list) }
        let deadline = monotonicSeconds() + timeout
        var lastFailure = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let remaining = deadline - monotonicSeconds()
            guard remaining > 0 else { throw HTTPClientError(.timeout, "connecting to \(peer) took longer than \(timeout) s") }
            let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastFailure = String(cString: strerror(errno))
                continue
            }
            let connection = ClientSocket(descriptor: fd, peer: peer)
            switch waitForConnect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen, timeout: remaining) {
            case 0:
                connection.setTimeouts(ioTimeout)
                return connection
            case ETIMEDOUT:
                connection.close()
                throw HTTPClientError(.timeout, "connecting to \(peer) took longer than \(timeout) s")
            case let code:
                connection.close()
                lastFailure = String(cString: strerror(code))
            }
        }
        throw HTTPClientError(.connection, "cannot connect to \(peer): \(lastFailure)")
    }

    /// A non-blocking connect waited for with poll; 0 when connected, else the errno
    /// (`ETIMEDOUT` when the deadline passed). The socket is left blocking.
    private static func waitForConnect(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: socklen_t, timeout: Double)
        -> Int32
    {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(fd, F_SETFL, flags) }
        if Glibc.connect(fd, address, length) == 0 { return 0 }
        guard errno == EINPROGRESS || errno == EINTR else { return errno }
        let deadline = monotonicSeconds() + timeout
        while true {
            let remaining = deadline - monotonicSeconds()
            guard remaining > 0 else { return ETIMEDOUT }
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining * 1000 + 1, 2_000_000_000)))
            if ready < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if ready == 0 { return ETIMEDOUT }
            var error: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 else { return errno }
            return error
        }
    }

    private func setTimeouts(_ seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, size)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, size)
    }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(HTTPClientError) {
        var offset = 0
        while offset < bytes.count {
            guard descriptor >= 0 else { throw HTTPClientError(.connection, "the connection to \(peer) is closed") }
            let count = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count >= 0 {
                offset += count
                continue
            }
            let code = errno
            if code == EINTR { continue }
            throw failure(code, "writing to")
        }
    }

    /// Reads what is available, up to `maxCount` bytes; empty when the peer closed.
    func read(maxCount: Int) throws(HTTPClientError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: maxCount)
        while true {
            guard descriptor >= 0 else { throw HTTPClientError(.connection, "the connection to \(peer) is closed") }
            let count = bytes.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return Array(bytes[..<count]) }
            let code = errno
            if code == EINTR { continue }
            throw failure(code, "reading from")
        }
    }

    /// SO_RCVTIMEO and SO_SNDTIMEO end in EAGAIN.
    private func failure(_ code: Int32, _ action: String) -> HTTPClientError {
        if code == EAGAIN || code == EWOULDBLOCK { return HTTPClientError(.timeout, "\(peer) did not answer in time") }
        return HTTPClientError(.connection, "\(action) \(peer) failed: \(String(cString: strerror(code)))")
    }

    func close() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    /// Seconds on a clock that never jumps, for deadlines and timings.
    static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }
}
