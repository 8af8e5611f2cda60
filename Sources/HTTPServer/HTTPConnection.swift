import Synchronization

/// One accepted TCP connection: its parser, its outbound queue and where it stands in the
/// request/response cycle. The event loop that owns it reads, flushes, times out and closes
/// it; the task running the responder writes responses straight into the socket. Both sides
/// meet only inside `state`'s lock, and only the loop closes the descriptor, so a number is
/// never reused while a task still writes to it.
final class HTTPConnection: Sendable {
    enum Phase {
        /// Reading a request; no response in progress (a previous one may still be flushing).
        case reading
        /// A responder (or a server error response) owns the connection; input is only buffered.
        case responding
        /// FIN sent after the last response; unread input is drained until the peer closes.
        case closing(since: Double)
        case closed
    }

    struct State {
        var parser: HTTPRequestParser
        var phase = Phase.reading
        var outbound: [UInt8] = []
        var outboundOffset = 0
        var writeWaiter: CheckedContinuation<Void, any Error>?
        var registered: UInt32 = EventPoll.readable
        /// When the head now being read began (connection open or its first byte); nil when idle.
        var headStartedAt: Double?
        var lastReadAt: Double
        var lastWriteAt: Double
        var idleSince: Double
        var peerClosed = false
        var draining = false
        var closeAfterFlush = false
        /// The streamed body of the request being answered, until its last byte arrives.
        var stream: HTTPRequestBody?
        /// Set when a streamed body failed or was left unread: the connection cannot frame
        /// another request, so it closes after the response.
        var closeAfterResponse = false

        var hasPendingOutput: Bool { outboundOffset < outbound.count }
    }

    /// What the loop must do after an event, outside the lock.
    struct Effects {
        var start: PendingRequest?
        var finalize = false
        var resume: CheckedContinuation<Void, any Error>?
    }

    /// A parsed request waiting for the responder, with the keep-alive decision of its head.
    struct PendingRequest: Sendable {
        var request: HTTPRequest
        var keepAlive: Bool
    }

    /// How long a closing connection may keep sending before it is closed anyway.
    static let lingerSeconds = 2.0

    let socket: Socket
    let remoteAddress: String
    let context: HTTPServerContext
    let poll: EventPoll
    /// False for connections accepted only to be answered 503; they do not count as open.
    let counted: Bool
    let state: Mutex<State>

    init(socket: Socket, remoteAddress: String, context: HTTPServerContext, poll: EventPoll, counted: Bool, now: Double) {
        self.socket = socket
        self.remoteAddress = remoteAddress
        self.context = context
        self.poll = poll
        self.counted = counted
        self.state = Mutex(
            State(
                parser: HTTPRequestParser(maxHeaderBytes: context.configuration.maxHeaderBytes),
                headStartedAt: now, lastReadAt: now, lastWriteAt: now, idleSince: now))
    }

    var token: UInt64 { UInt64(UInt32(bitPattern: socket.fd)) }

    // MARK: Loop side

    /// Handles readiness reported by epoll. Called on the loop thread only.
    func handle(events: UInt32, buffer: UnsafeMutableRawBufferPointer, now: Double) -> Effects {
        state.withLock { s in
            var effects = Effects()
            if case .closed = s.phase { return effects }
            // EPOLLHUP means neither direction works any more (a reset, or FIN both ways).
            if events & (EventPoll.error | EventPoll.hangUp) != 0 {
                effects.finalize = true
                return effects
            }
            if events & EventPoll.writable != 0 {
                flushLocked(&s, now: now, effects: &effects)
            }
            if !effects.finalize && events & EventPoll.readable != 0 {
                readLocked(&s, buffer: buffer, now: now, effects: &effects)
            }
            if !effects.finalize { updateInterestLocked(&s) }
            return effects
        }
    }

    private func readLocked(_ s: inout State, buffer: UnsafeMutableRawBufferPointer, now: Double, effects: inout Effects) {
        var rounds = 0
        reading: while rounds < 4 {
            rounds += 1
            switch socket.read(into: buffer) {
            case .bytes(let count):
                if case .closing = s.phase { continue reading }  // lingering: discard
                s.parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                s.lastReadAt = now
                if s.headStartedAt == nil { s.headStartedAt = now }
                if count < buffer.count { break reading }
                if inputIsFullLocked(s) { break reading }
            case .wouldBlock:
                break reading
            case .endOfFile:
                s.peerClosed = true
                break reading
            case .failed:
                effects.finalize = true
                return
            }
        }
        switch s.phase {
        case .closing:
            if s.peerClosed { effects.finalize = true }
        case .reading:
            advanceLocked(&s, now: now, effects: &effects)
            if s.peerClosed, case .reading = s.phase {
                // The peer will send nothing more and no request is complete.
                if s.hasPendingOutput { s.closeAfterFlush = true } else { effects.finalize = true }
            }
        case .responding:
            if s.stream != nil { pumpStreamLocked(&s, now: now) }
        case .closed:
            break
        }
    }

    /// Parses the next request when the connection is free for one; answers framing errors.
    func advanceLocked(_ s: inout State, now: Double, effects: inout Effects) {
        let responder = context.responder
        // A peer that pipelines without reading must not make responses pile up in memory:
        // the next request starts only once the previous response has left (see flushLocked).
        while case .reading = s.phase, !s.hasPendingOutput {
            do {
                guard
                    let event = try s.parser.next(
                        bodyLimit: { responder.bodyLimit(for: $0) }, streamsBody: { responder.streamsBody(for: $0) })
                else { return }
                switch event {
                case .continueExpected:
                    // RFC 9110 §10.1.1: the body is within limits, so invite it.
                    _ = sendLocked(&s, HTTPResponseEncoder.continueHead, [], now: now)
                case .request(let head, let body, let keepAlive):
                    s.phase = .responding
                    s.headStartedAt = nil
                    effects.start = PendingRequest(
                        request: HTTPRequest(head: head, body: body, remoteAddress: remoteAddress), keepAlive: keepAlive)
                    return
                case .streamStarted(let head, let keepAlive, let expectsContinue):
                    // RFC 9110 §10.1.1: the declared body is within limits, so invite it.
                    if expectsContinue { _ = sendLocked(&s, HTTPResponseEncoder.continueHead, [], now: now) }
                    let stream = HTTPRequestBody(bufferLimit: context.streamBufferLimit) { [weak self] in self?.streamDrained() }
                    s.phase = .responding
                    s.headStartedAt = nil
                    s.stream = stream
                    s.lastReadAt = now
                    effects.start = PendingRequest(
                        request: HTTPRequest(head: head, remoteAddress: remoteAddress, bodyStream: stream), keepAlive: keepAlive)
                    pumpStreamLocked(&s, now: now)
                    return
                case .streamEnded:
                    return  // only while a stream is pumped, never here
                }
            } catch {
                context.log("HTTP \(error.status.code) \(error.code) from \(remoteAddress): \(error.message)")
                failLocked(&s, status: error.status, code: error.code, message: error.message, now: now)
            }
        }
    }

    /// Answers once with a JSON error and closes after it is written.
    func failLocked(_ s: inout State, status: HTTPStatus, code: String, message: String, now: Double) {
        s.phase = .responding
        let bytes = HTTPResponseEncoder.encodeError(status: status, code: code, message: message)
        _ = sendLocked(&s, bytes, [], now: now)
        closeWhenFlushedLocked(&s, now: now)
    }

    private func flushLocked(_ s: inout State, now: Double, effects: inout Effects) {
        guard s.hasPendingOutput else { return }
        let result = s.outbound.withUnsafeBytes { socket.write(UnsafeRawBufferPointer(rebasing: $0[s.outboundOffset...])) }
        switch result {
        case .bytes(let count):
            s.outboundOffset += count
            s.lastWriteAt = now
        case .wouldBlock, .endOfFile:
            return
        case .failed:
            effects.finalize = true
            return
        }
        guard !s.hasPendingOutput else { return }
        s.outbound.removeAll(keepingCapacity: s.outbound.capacity <= 64 * 1024)
        s.outboundOffset = 0
        effects.resume = s.writeWaiter
        s.writeWaiter = nil
        if s.closeAfterFlush {
            enterClosingLocked(&s, now: now)
        } else if case .reading = s.phase {
            advanceLocked(&s, now: now, effects: &effects)
        }
    }

    /// Checks the connection's deadlines; returns true when the loop should close it now.
    func sweep(now: Double) -> Bool {
        let configuration = context.configuration
        return state.withLock { s in
            switch s.phase {
            case .closed:
                return false
            case .closing(let since):
                // A shutdown does not wait the full linger for peers slow to close.
                return now - since > (s.draining ? Self.lingerSeconds / 8 : Self.lingerSeconds)
            case .responding:
                // A streamed body that stops arriving (while the handler waits for it) fails
                // after the idle timeout; the handler answers and the connection closes.
                if let stream = s.stream, !stream.isFull, now - s.lastReadAt > configuration.idleTimeout {
                    context.log("HTTP 408 request_timeout in a streamed body from \(remoteAddress)")
                    stream.fail(.timedOut)
                    s.stream = nil
                    s.closeAfterResponse = true
                }
                // A peer that stopped reading a response is not allowed to pin it forever.
                return s.hasPendingOutput && now - s.lastWriteAt > configuration.idleTimeout
            case .reading:
                if s.hasPendingOutput && now - s.lastWriteAt > configuration.idleTimeout { return true }
                if s.parser.isIdle && s.headStartedAt == nil {
                    return s.draining || now - s.idleSince > configuration.idleTimeout
                }
                if s.draining { return !s.hasPendingOutput }
                let started = s.headStartedAt ?? s.idleSince
                let expired =
                    s.parser.isAwaitingHead
                    ? now - started > configuration.headerTimeout
                    : now - s.lastReadAt > configuration.headerTimeout
                guard expired else { return false }
                if s.parser.isIdle { return true }  // opened but never spoke: close silently
                context.log("HTTP 408 request_timeout from \(remoteAddress)")
                failLocked(
                    &s, status: .requestTimeout, code: "request_timeout",
                    message: "The request was not received in time.", now: now)
                updateInterestLocked(&s)
                return false
            }
        }
    }

    /// Answers 503 at once and closes: the server is at `maxConnections`.
    func reject(now: Double) {
        state.withLock { s in
            failLocked(
                &s, status: .serviceUnavailable, code: "too_many_connections",
                message: "The server has too many open connections; try again shortly.", now: now)
        }
    }

    /// Shutdown has begun: idle connections close now, busy ones after their response.
    func beginDrain(now: Double) -> Bool {
        state.withLock { s in
            s.draining = true
            guard case .reading = s.phase else { return false }
            if s.hasPendingOutput {
                s.closeAfterFlush = true
                return false
            }
            return true
        }
    }

    /// Closes the descriptor. Loop thread only; a writer still waiting is failed.
    func finalize() {
        let waiter: CheckedContinuation<Void, any Error>? = state.withLock { s in
            if case .closed = s.phase { return nil }
            s.phase = .closed
            // Count first: whoever sees the close must also see the count drop.
            if counted { context.openConnections.subtract(1, ordering: .relaxed) }
            socket.close()
            let waiter = s.writeWaiter
            s.writeWaiter = nil
            s.stream?.fail(.cutShort)
            s.stream = nil
            return waiter
        }
        waiter?.resume(throwing: ConnectionClosedError())
    }

    // MARK: Shared

    /// Writes now what the socket takes, queues the rest for the loop (EPOLLOUT).
    /// - Returns: true when everything went out at once.
    @discardableResult
    func sendLocked(_ s: inout State, _ first: [UInt8], _ second: [UInt8], now: Double) -> Bool {
        switch s.phase {
        case .closed, .closing: return false
        default: break
        }
        if s.hasPendingOutput {
            s.outbound.append(contentsOf: first)
            s.outbound.append(contentsOf: second)
            return false
        }
        let result: Socket.IOResult =
            second.isEmpty
            ? first.withUnsafeBytes { socket.write($0) }
            : first.withUnsafeBytes { a in second.withUnsafeBytes { b in socket.write(a, b) } }
        var written = 0
        switch result {
        case .bytes(let count):
            written = count
            s.lastWriteAt = now
        case .wouldBlock, .endOfFile:
            break
        case .failed:
            // The loop sees EPOLLERR/EPOLLHUP and closes; nothing more is queued.
            s.peerClosed = true
            return false
        }
        if written == first.count + second.count { return true }
        if written < first.count {
            s.outbound.append(contentsOf: first[written...])
            s.outbound.append(contentsOf: second)
        } else {
            s.outbound.append(contentsOf: second[(written - first.count)...])
        }
        s.outboundOffset = 0
        return false
    }

    /// Closes after the queued output is written, announcing it with FIN first.
    func closeWhenFlushedLocked(_ s: inout State, now: Double) {
        if s.hasPendingOutput {
            s.closeAfterFlush = true
        } else {
            enterClosingLocked(&s, now: now)
        }
    }

    private func enterClosingLocked(_ s: inout State, now: Double) {
        s.closeAfterFlush = false
        s.phase = .closing(since: now)
        socket.shutdownWrite()
        updateInterestLocked(&s)
    }

    /// True when enough unparsed input is queued: while a response is in progress (or still
    /// leaving) the parser does not consume, so reading stops until it does.
    private func inputIsFullLocked(_ s: State) -> Bool {
        if let stream = s.stream { return stream.isFull || s.parser.bufferedCount >= context.pipelineBufferLimit }
        if case .reading = s.phase, !s.hasPendingOutput { return false }
        return s.parser.bufferedCount >= context.pipelineBufferLimit
    }

    /// Keeps the epoll registration in step with what the connection can use.
    func updateInterestLocked(_ s: inout State) {
        var wanted: UInt32 = 0
        switch s.phase {
        case .closed:
            return
        case .closing:
            // Reading drains the peer's leftovers and notices its close (EOF) promptly.
            wanted = EventPoll.readable
        case .reading, .responding:
            if !s.peerClosed && !inputIsFullLocked(s) { wanted |= EventPoll.readable }
        }
        if s.hasPendingOutput { wanted |= EventPoll.writable }
        if wanted != s.registered {
            s.registered = wanted
            poll.modify(socket.fd, events: wanted, token: token)
        }
    }
}

/// Thrown to a streamed body's `write` when the connection has closed.
struct ConnectionClosedError: Error, CustomStringConvertible {
    var description: String { "the connection is closed" }
}
