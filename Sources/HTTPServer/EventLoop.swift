import Synchronization

/// One epoll thread and the connections it owns. The first loop also owns the listening
/// socket and hands accepted connections out round-robin. Responders never run here: a
/// complete request becomes a Task, so a slow handler or a slow client never stalls the
/// other connections of the loop.
// @unchecked Sendable: all `var` state is touched only on the loop's own thread; other threads use only `inbox` (a Mutex) and `wakeup`.
final class EventLoop: @unchecked Sendable {  // safe: loop-thread state (see above)
    enum Command {
        case adopt(Socket, remoteAddress: String)
        case stopAccepting
        case drain
        case stop
    }

    private static let wakeToken = UInt64.max
    private static let listenerToken = UInt64.max - 1
    private static let sweepInterval = 0.25
    private static let readBufferSize = 64 * 1024
    private static let eventCapacity = 256

    let context: HTTPServerContext
    let poll: EventPoll
    private let wakeup: WakeupSignal
    private let inbox = Mutex<[Command]>([])
    private let exit = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    private var connections: [Int32: HTTPConnection] = [:]
    private var listener: Socket?
    private var peers: [EventLoop] = []
    private var nextPeer = 0
    private var acceptPausedUntil: Double?
    private var stopping = false

    init(context: HTTPServerContext) throws(SocketError) {
        self.context = context
        self.poll = try EventPoll()
        do {
            self.wakeup = try WakeupSignal()
        } catch {
            poll.close()
            throw error
        }
        poll.add(wakeup.fd, events: EventPoll.readable, token: Self.wakeToken)
    }

    /// Makes this loop the acceptor. Call before `start`.
    func acceptConnections(from listener: Socket, distributingTo peers: [EventLoop]) {
        self.listener = listener
        self.peers = peers
        poll.add(listener.fd, events: EventPoll.readable, token: Self.listenerToken)
    }

    func start() throws(SocketError) {
        try SystemThread.start { [self] in run() }
    }

    /// Queues a command for the loop thread and wakes it.
    func submit(_ command: Command) {
        inbox.withLock { $0.append(command) }
        wakeup.signal()
    }

    /// Returns once the loop thread has closed everything and exited.
    func waitForExit() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = exit.withLock { state in
                if !state.done { state.waiters.append(continuation) }
                return state.done
            }
            if done { continuation.resume() }
        }
    }

    // MARK: Loop thread

    private func run() {
        let events = UnsafeMutableRawPointer.allocate(
            byteCount: Self.eventCapacity * EventPoll.eventStride, alignment: 8)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readBufferSize, alignment: 16)
        defer {
            events.deallocate()
            buffer.deallocate()
        }
        var lastSweep = SystemClock.monotonic()
        while !stopping {
            let count = poll.wait(into: events, count: Self.eventCapacity, timeoutMilliseconds: 250)
            let now = SystemClock.monotonic()
            for index in 0..<count {
                let (flags, token) = EventPoll.event(in: events, at: index)
                switch token {
                case Self.wakeToken:
                    wakeup.drain()
                    processInbox(now: now)
                case Self.listenerToken:
                    acceptAll(now: now)
                default:
                    guard let connection = connections[Int32(truncatingIfNeeded: token)] else { continue }
                    apply(connection.handle(events: flags, buffer: buffer, now: now), to: connection)
                }
            }
            if now - lastSweep >= Self.sweepInterval {
                lastSweep = now
                sweep(now: now)
            }
        }
        for connection in connections.values { connection.finalize() }
        connections.removeAll()
        if let listener {
            listener.close()
            self.listener = nil
        }
        poll.close()
        wakeup.close()
        let waiters = exit.withLock { state in
            state.done = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func apply(_ effects: HTTPConnection.Effects, to connection: HTTPConnection) {
        if let start = effects.start {
            Task { await connection.serve(start) }
        }
        effects.resume?.resume()
        if effects.finalize { remove(connection) }
    }

    private func remove(_ connection: HTTPConnection) {
        connections[connection.socket.fd] = nil
        connection.finalize()
    }

    private func processInbox(now: Double) {
        let commands = inbox.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
        for command in commands {
            switch command {
            case .adopt(let socket, let remoteAddress):
                adopt(socket, remoteAddress: remoteAddress, counted: true, now: now)
            case .stopAccepting:
                if let listener {
                    poll.remove(listener.fd)
                    listener.close()
                    self.listener = nil
                }
            case .drain:
                for connection in Array(connections.values) where connection.beginDrain(now: now) {
                    remove(connection)
                }
            case .stop:
                stopping = true
            }
        }
    }

    private func acceptAll(now: Double) {
        guard let listener else { return }
        let configuration = context.configuration
        while true {
            switch listener.accept() {
            case .accepted(let socket, let remoteAddress):
                if context.openConnections.load(ordering: .relaxed) >= configuration.maxConnections {
                    context.log("HTTP 503 too_many_connections from \(remoteAddress)")
                    adopt(socket, remoteAddress: remoteAddress, counted: false, now: now)
                    continue
                }
                context.openConnections.add(1, ordering: .relaxed)
                let target = peers.isEmpty ? self : peers[nextPeer % peers.count]
                nextPeer &+= 1
                if target === self {
                    adopt(socket, remoteAddress: remoteAddress, counted: true, now: now)
                } else {
                    target.submit(.adopt(socket, remoteAddress: remoteAddress))
                }
            case .wouldBlock:
                return
            case .failed(let code):
                // Out of descriptors: the listener stays readable, so stop polling it briefly
                // instead of spinning; the sweep turns it back on.
                context.log("accept failed: \(SocketError.describe("accept", code, ""))")
                poll.modify(listener.fd, events: 0, token: Self.listenerToken)
                acceptPausedUntil = now + 0.1
                return
            }
        }
    }

    private func adopt(_ socket: Socket, remoteAddress: String, counted: Bool, now: Double) {
        let connection = HTTPConnection(
            socket: socket, remoteAddress: remoteAddress, context: context, poll: poll, counted: counted, now: now)
        connections[socket.fd] = connection
        poll.add(socket.fd, events: EventPoll.readable, token: connection.token)
        if !counted { connection.reject(now: now) }
    }

    private func sweep(now: Double) {
        if let until = acceptPausedUntil, now >= until, let listener {
            acceptPausedUntil = nil
            poll.modify(listener.fd, events: EventPoll.readable, token: Self.listenerToken)
        }
        for connection in Array(connections.values) where connection.sweep(now: now) {
            remove(connection)
        }
    }
}
