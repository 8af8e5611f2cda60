import CLinux
import Glibc

// Every system call of the server lives in this file, so the rest of the target is plain
// Swift and the EINTR, SIGPIPE and errno rules are applied in exactly one place.
//
// The Linux-only calls (epoll, eventfd, accept4) come from the CLinux system-library
// target, whose shim header includes what Swift's Glibc module leaves out.

// MARK: - Sockets

extension Socket {
    /// Creates a non-blocking listening socket bound to `host:port` with SO_REUSEADDR.
    /// `host` is an IPv4 or IPv6 literal (brackets allowed) or `localhost`.
    static func listen(host: String, port: Int, backlog: Int32) throws(SocketError) -> Socket {
        var name = host
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" { name = "127.0.0.1" }
        let display = name.contains(":") ? "[\(name)]:\(port)" : "\(name):\(port)"
        guard (0...65535).contains(port) else {
            throw SocketError(operation: "bind", errno: 0, message: "invalid port \(display)")
        }
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        if withUnsafeMutablePointer(
            to: &storage,
            { pointer in
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    address.pointee.sin_family = sa_family_t(AF_INET)
                    address.pointee.sin_port = in_port_t(UInt16(port).bigEndian)
                    return inet_pton(AF_INET, name, &address.pointee.sin_addr) == 1
                }
            })
        {
            family = AF_INET
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        } else if withUnsafeMutablePointer(
            to: &storage,
            { pointer in
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    address.pointee.sin6_family = sa_family_t(AF_INET6)
                    address.pointee.sin6_port = in_port_t(UInt16(port).bigEndian)
                    return inet_pton(AF_INET6, name, &address.pointee.sin6_addr) == 1
                }
            })
        {
            family = AF_INET6
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        } else {
            throw SocketError(
                operation: "bind", errno: 0,
                message: "invalid address \(display): expected an IPv4 or IPv6 literal or localhost")
        }

        let fd = Glibc.socket(family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError.capture("socket", display) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) }
        }
        guard bound == 0 else {
            let error = SocketError.capture("bind", display)
            _ = Glibc.close(fd)
            throw error
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let error = SocketError.capture("listen", display)
            _ = Glibc.close(fd)
            throw error
        }
        return Socket(fd: fd)
    }

    /// The local port, so a server bound to port 0 can say where it listens.
    func localPort() -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { return 0 }
        return Self.describe(&storage).port
    }

    /// Accepts one pending connection as a non-blocking socket with TCP_NODELAY set.
    func accept() -> AcceptResult {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let client = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    CLinux.accept4(fd, $0, &length, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
                }
            }
            if client >= 0 {
                var one: Int32 = 1
                // Responses are written whole; Nagle would only delay the last segment.
                setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                let peer = Self.describe(&storage)
                return .accepted(Socket(fd: client), remoteAddress: peer.text)
            }
            let code = errno
            switch code {
            case EINTR, ECONNABORTED: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(code)
            }
        }
    }

    private static func describe(_ storage: inout sockaddr_storage) -> (text: String, port: Int) {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    inet_ntop(AF_INET, &address.pointee.sin_addr, &text, socklen_t(text.count))
                    let port = Int(UInt16(bigEndian: address.pointee.sin_port))
                    return ("\(Self.text(text)):\(port)", port)
                }
            }
        case AF_INET6:
            return withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    inet_ntop(AF_INET6, &address.pointee.sin6_addr, &text, socklen_t(text.count))
                    let port = Int(UInt16(bigEndian: address.pointee.sin6_port))
                    return ("[\(Self.text(text))]:\(port)", port)
                }
            }
        default:
            return ("unknown", 0)
        }
    }

    private static func text(_ characters: [CChar]) -> String {
        let bytes = characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads what is available, up to the buffer's size.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfFile }
            let code = errno
            if code == EINTR { continue }
            return (code == EAGAIN || code == EWOULDBLOCK) ? .wouldBlock : .failed(code)
        }
    }

    /// Writes as much of the buffer as the socket accepts now, never raising SIGPIPE.
    func write(_ buffer: UnsafeRawBufferPointer) -> IOResult {
        guard buffer.count > 0 else { return .bytes(0) }
        while true {
            let count = send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return .bytes(count) }
            let code = errno
            if code == EINTR { continue }
            return (code == EAGAIN || code == EWOULDBLOCK) ? .wouldBlock : .failed(code)
        }
    }

    /// Writes two buffers with one system call (a response head and its body).
    func write(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> IOResult {
        var vectors = (
            iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count),
            iovec(iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress), iov_len: second.count)
        )
        while true {
            let count = withUnsafeMutablePointer(to: &vectors) { pointer in
                pointer.withMemoryRebound(to: iovec.self, capacity: 2) { iov in
                    var message = msghdr()
                    message.msg_iov = iov
                    message.msg_iovlen = 2
                    return sendmsg(fd, &message, Int32(MSG_NOSIGNAL))
                }
            }
            if count >= 0 { return .bytes(count) }
            let code = errno
            if code == EINTR { continue }
            return (code == EAGAIN || code == EWOULDBLOCK) ? .wouldBlock : .failed(code)
        }
    }

    /// Sends FIN after the last response while still reading, so unread request bytes
    /// do not turn the close into a reset that destroys the response in flight.
    func shutdownWrite() {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    /// Closes the descriptor; EINTR is not retried (on Linux the descriptor is gone anyway).
    func close() {
        _ = Glibc.close(fd)
    }

    /// A write to a peer that has gone raises SIGPIPE by default; the server wants EPIPE.
    static func ignoreBrokenPipe() {
        _ = signal(SIGPIPE, SIG_IGN)
    }
}

// MARK: - epoll

/// An epoll instance of one event loop. Registrations carry a 64-bit token.
struct EventPoll: Sendable {
    static let readable = EPOLLIN.rawValue
    static let writable = EPOLLOUT.rawValue
    static let error = EPOLLERR.rawValue
    static let hangUp = EPOLLHUP.rawValue
    static let peerHangUp = EPOLLRDHUP.rawValue
    /// Bytes per event in a wait buffer (`struct epoll_event` is packed on x86_64).
    static let eventStride = MemoryLayout<epoll_event>.stride

    let fd: Int32

    init() throws(SocketError) {
        let fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw SocketError.capture("epoll_create1") }
        self.fd = fd
    }

    /// Registers, changes or removes interest; failures mean the descriptor is gone.
    @discardableResult
    func control(_ operation: Int32, _ target: Int32, events: UInt32, token: UInt64) -> Bool {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        return epoll_ctl(fd, operation, target, &event) == 0
    }

    @discardableResult
    func add(_ target: Int32, events: UInt32, token: UInt64) -> Bool {
        control(EPOLL_CTL_ADD, target, events: events, token: token)
    }

    @discardableResult
    func modify(_ target: Int32, events: UInt32, token: UInt64) -> Bool {
        control(EPOLL_CTL_MOD, target, events: events, token: token)
    }

    func remove(_ target: Int32) {
        control(EPOLL_CTL_DEL, target, events: 0, token: 0)
    }

    /// Waits for events into `buffer` (capacity `count` events); returns how many arrived.
    /// An interrupted wait reports none rather than failing.
    func wait(into buffer: UnsafeMutableRawPointer, count: Int, timeoutMilliseconds: Int32) -> Int {
        let events = buffer.bindMemory(to: epoll_event.self, capacity: count)
        let result = epoll_wait(fd, events, Int32(count), timeoutMilliseconds)
        return result < 0 ? 0 : Int(result)
    }

    /// The readiness flags and token of the `index`th event in a wait buffer.
    static func event(in buffer: UnsafeMutableRawPointer, at index: Int) -> (events: UInt32, token: UInt64) {
        let event = buffer.assumingMemoryBound(to: epoll_event.self)[index]
        return (event.events, event.data.u64)
    }

    func close() { _ = Glibc.close(fd) }
}

// MARK: - Wake-ups, threads, clocks

/// An eventfd that another thread signals to wake an event loop out of `epoll_wait`.
struct WakeupSignal: Sendable {
    let fd: Int32

    init() throws(SocketError) {
        let fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard fd >= 0 else { throw SocketError.capture("eventfd") }
        self.fd = fd
    }

    func signal() {
        var one: UInt64 = 1
        while Glibc.write(fd, &one, 8) < 0 && errno == EINTR {}
    }

    func drain() {
        var value: UInt64 = 0
        while Glibc.read(fd, &value, 8) < 0 && errno == EINTR {}
    }

    func close() { _ = Glibc.close(fd) }
}

/// Dedicated OS threads for the event loops, which block in `epoll_wait` and so must
/// never run on Swift's cooperative pool.
enum SystemThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Online processors, for one event loop per core.
    static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    static func start(_ body: @escaping @Sendable () -> Void) throws(SocketError) {
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                box.body()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            throw SocketError(operation: "pthread_create", errno: result, message: SocketError.describe("pthread_create", result, ""))
        }
        pthread_detach(thread)
    }
}

/// Time sources: monotonic for timeouts, the wall clock for the `Date` header.
enum SystemClock {
    /// Seconds on a clock that never jumps, for deadlines.
    static func monotonic() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }

    /// Whole seconds since 1970 and their UTC calendar fields.
    static func utcNow() -> (seconds: Int, weekday: Int, day: Int, month: Int, year: Int, hour: Int, minute: Int, second: Int) {
        var now = time(nil)
        var fields = tm()
        gmtime_r(&now, &fields)
        return (
            Int(now), Int(fields.tm_wday), Int(fields.tm_mday), Int(fields.tm_mon), Int(fields.tm_year) + 1900,
            Int(fields.tm_hour), Int(fields.tm_min), Int(fields.tm_sec)
        )
    }

    /// Whole seconds since 1970; cheap (vDSO), for checking whether a cached date is stale.
    static func wallSeconds() -> Int { Int(time(nil)) }
}
