import Synchronization

/// An HTTP/1.1 server on plain non-blocking sockets and epoll threads. It knows bytes and
/// connections only: every complete request goes to the `HTTPResponder`, which runs in a
/// Swift Task so it may await (the database, other services) without holding up a loop.
///
/// ```swift
/// let server = HTTPServer(configuration: configuration, responder: app)
/// try server.start()
/// // …
/// await server.shutdown()
/// ```
public final class HTTPServer: Sendable {
    private enum Lifecycle {
        case idle
        case running([EventLoop])
        case stopping
        case stopped
    }

    private let context: HTTPServerContext
    private let lifecycle = Mutex<Lifecycle>(.idle)
    private let boundPort = Atomic<Int>(0)

    /// Creates a server; nothing is bound until `start`.
    /// - Parameters:
    ///   - configuration: address, limits and timeouts.
    ///   - responder: answers every request that frames correctly.
    ///   - logger: receives server-level events (framing errors, rejected connections), one line each.
    public init(
        configuration: HTTPServerConfiguration, responder: any HTTPResponder,
        logger: (@Sendable (String) -> Void)? = nil
    ) {
        self.context = HTTPServerContext(configuration: configuration, responder: responder, logger: logger)
    }

    /// The port the server listens on; with port 0 in the configuration, the one the system
    /// picked. 0 before `start`.
    public var port: Int { boundPort.load(ordering: .relaxed) }

    /// Connections accepted and not yet closed, for tests and metrics.
    public var openConnectionCount: Int { context.openConnections.load(ordering: .relaxed) }

    /// Binds, listens and starts the event loops, then returns; the server runs on its own threads.
    /// - Throws: `SocketError` when the address cannot be bound (in use, not local, no permission)
    ///   or the server was already started.
    public func start() throws {
        let configuration = context.configuration
        try lifecycle.withLock { (state: inout Lifecycle) throws(SocketError) in
            guard case .idle = state else {
                throw SocketError(operation: "start", errno: 0, message: "the server has already been started")
            }
            Socket.ignoreBrokenPipe()
            let listener = try Socket.listen(
                host: configuration.host, port: configuration.port, backlog: configuration.backlog)
            let count = configuration.eventLoops > 0 ? configuration.eventLoops : SystemThread.processorCount
            var loops: [EventLoop] = []
            do throws(SocketError) {
                for _ in 0..<count { loops.append(try EventLoop(context: context)) }
                loops[0].acceptConnections(from: listener, distributingTo: loops)
                for loop in loops { try loop.start() }
            } catch {
                // Loops already running stop on their own once told; the rest never started.
                for loop in loops { loop.submit(.stop) }
                if loops.isEmpty { listener.close() }
                throw error
            }
            boundPort.store(listener.localPort(), ordering: .relaxed)
            state = .running(loops)
        }
    }

    /// Stops gracefully: no new connections, idle keep-alive connections closed at once,
    /// requests in flight answered (with `Connection: close`) for up to `gracePeriod`
    /// seconds; then every connection is closed and the threads end. Calling it again, or
    /// concurrently, waits for the same shutdown.
    public func shutdown(gracePeriod: Double = 10) async {
        let loops: [EventLoop]? = lifecycle.withLock { state in
            switch state {
            case .running(let loops):
                state = .stopping
                return loops
            case .idle:
                state = .stopped
                return nil
            case .stopping, .stopped:
                return nil
            }
        }
        guard let loops else {
            while lifecycle.withLock({ if case .stopping = $0 { true } else { false } }) {
                try? await Task.sleep(for: .milliseconds(10))
            }
            return
        }
        context.draining.store(true, ordering: .relaxed)
        loops[0].submit(.stopAccepting)
        for loop in loops { loop.submit(.drain) }
        let deadline = SystemClock.monotonic() + max(0, gracePeriod)
        while context.openConnections.load(ordering: .relaxed) > 0 && SystemClock.monotonic() < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        for loop in loops { loop.submit(.stop) }
        for loop in loops { await loop.waitForExit() }
        lifecycle.withLock { $0 = .stopped }
    }
}
