import Glibc
import Synchronization

/// A blocking TCP connection with a connect timeout and per-call read and write timeouts, for
/// the SMTP client and the HTTP client alike. Every socket call of the clients lives in this
/// file, so the EINTR, SIGPIPE and errno rules are applied in one place.
public final class TCPConnection: ByteStream {
    /// The socket, or -1 once closed.
    public private(set) var descriptor: Int32
    private let peer: String
    private let canceller: SocketCanceller?

    private init(descriptor: Int32, peer: String, canceller: SocketCanceller?) {
        self.descriptor = descriptor
        self.peer = peer
        self.canceller = canceller
    }

    deinit { close() }

    /// Resolves `host` and connects to the first of its addresses that answers, all within
    /// `timeout` seconds; reads and writes then time out after `ioTimeout` seconds each.
    /// `canceller` learns each socket as soon as it exists, so it can end a blocked call.
    public static func connect(
        host: String, port: Int, timeout: Double, ioTimeout: Double, canceller: SocketCanceller? = nil
    ) throws(StreamError) -> TCPConnection {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let peer = name.contains(":") ? "[\(name)]:\(port)" : "\(name):\(port)"
        guard (1...65535).contains(port) else { throw StreamError(.connection, "invalid port \(port)") }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            throw StreamError(.connection, "cannot resolve \(name): \(reason)")
        }
        defer { freeaddrinfo(list) }

        let deadline = monotonicSeconds() + timeout
        var lastFailure = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let remaining = deadline - monotonicSeconds()
            guard remaining > 0 else {
                throw StreamError(.timeout, "connecting to \(peer) took longer than \(seconds(timeout))")
            }
            let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastFailure = String(cString: strerror(errno))
                continue
            }
            let stream = TCPConnection(descriptor: fd, peer: peer, canceller: canceller)
            canceller?.register(fd)
            switch connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen, timeout: remaining) {
            case .connected:
                stream.setTimeouts(ioTimeout)
                return stream
            case .timedOut:
                stream.close()
                throw StreamError(.timeout, "connecting to \(peer) took longer than \(seconds(timeout))")
            case .failed(let code):
                stream.close()
                lastFailure = String(cString: strerror(code))
            }
        }
        throw StreamError(.connection, "cannot connect to \(peer): \(lastFailure)")
    }

    private enum ConnectResult {
        case connected
        case timedOut
        case failed(Int32)
    }

    /// A non-blocking connect waited for with poll, then the socket made blocking again.
    private static func connect(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: socklen_t, timeout: Double)
        -> ConnectResult
    {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(fd, F_SETFL, flags) }
        if Glibc.connect(fd, address, length) == 0 { return .connected }
        guard errno == EINPROGRESS || errno == EINTR else { return .failed(errno) }
        let deadline = monotonicSeconds() + timeout
        while true {
            let remaining = deadline - monotonicSeconds()
            guard remaining > 0 else { return .timedOut }
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining * 1000 + 1, 2_000_000_000)))
            if ready < 0 {
                if errno == EINTR { continue }
                return .failed(errno)
            }
            if ready == 0 { return .timedOut }
            var error: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 else { return .failed(errno) }
            return error == 0 ? .connected : .failed(error)
        }
    }

    private func setTimeouts(_ seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, size)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, size)
    }

    public func write(_ bytes: [UInt8]) throws(StreamError) {
        var offset = 0
        while offset < bytes.count {
            guard descriptor >= 0 else { throw StreamError(.connection, "the connection to \(peer) is closed") }
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

    public func read(maxCount: Int) throws(StreamError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: maxCount)
        while true {
            guard descriptor >= 0 else { throw StreamError(.connection, "the connection to \(peer) is closed") }
            let count = bytes.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return Array(bytes[..<count]) }
            let code = errno
            if code == EINTR { continue }
            throw failure(code, "reading from")
        }
    }

    /// An error for a failed read or write; SO_RCVTIMEO and SO_SNDTIMEO end in EAGAIN.
    func failure(_ code: Int32, _ action: String) -> StreamError {
        if code == EAGAIN || code == EWOULDBLOCK { return StreamError(.timeout, "\(peer) did not answer in time") }
        return StreamError(.connection, "\(action) \(peer) failed: \(String(cString: strerror(code)))")
    }

    public func close() {
        guard descriptor >= 0 else { return }
        if let canceller {
            canceller.close(descriptor)
        } else {
            _ = Glibc.close(descriptor)
        }
        descriptor = -1
    }

    /// Seconds on a clock that never jumps, for deadlines and timings.
    public static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

/// Ends a session's blocked socket call from another thread. It shuts the socket down rather
/// than closing it, and closes it only under its own lock, so a cancel can never hit a
/// descriptor number the system has since given to another file.
public final class SocketCanceller: Sendable {
    private let descriptor = Mutex<Int32>(-1)
    private let cancelled = Mutex(false)

    public init() {}

    /// The session's socket, as soon as it exists; shut down at once if already cancelled.
    func register(_ fd: Int32) {
        descriptor.withLock { current in
            current = fd
            if cancelled.withLock({ $0 }) { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    /// Closes the socket with the lock held.
    func close(_ fd: Int32) {
        descriptor.withLock { current in
            if current == fd { current = -1 }
            _ = Glibc.close(fd)
        }
    }

    /// Shuts the current socket down: a blocked read, write or connect fails at once, and
    /// any socket registered later is shut down as it arrives.
    public func cancel() {
        descriptor.withLock { current in
            cancelled.withLock { $0 = true }
            if current >= 0 { _ = shutdown(current, Int32(SHUT_RDWR)) }
        }
    }
}
