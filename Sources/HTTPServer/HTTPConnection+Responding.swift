/// The task side of a connection: run the responder, write its response, and go straight on
/// to the next pipelined request, so requests on one connection are answered strictly in
/// order with one handler at a time.
extension HTTPConnection {
    /// Serves `first` and every request already buffered behind it. Runs in its own Task.
    func serve(_ first: PendingRequest) async {
        var current = first
        while true {
            let response = await context.responder.respond(to: current.request)
            guard let next = await deliver(response, for: current) else { return }
            current = next
        }
    }

    /// Writes one response and returns the next pipelined request, if one is complete.
    private func deliver(_ response: HTTPResponse, for pending: PendingRequest) async -> PendingRequest? {
        let head = pending.request.head
        let isHead = head.method == .head
        let http10 = head.version.minor == 0
        var close =
            !pending.keepAlive || response.closeConnection || context.draining.load(ordering: .relaxed)
            || response.headers.values("Connection").contains { $0.lowercased() == "close" }
        // A streamed body the handler left unread (or that failed) cannot be skipped reliably:
        // the connection closes after this response, and says so.
        if let stream = pending.request.bodyStream, !stream.isComplete { close = true }
        if state.withLock({ $0.closeAfterResponse }) { close = true }
        let allowsBody = HTTPResponseEncoder.allowsBody(response.status)

        switch response.body {
        case .bytes(let body):
            let framing: HTTPResponseEncoder.Framing = allowsBody ? .length(body.count) : .none
            let sendsBody = allowsBody && !isHead && !body.isEmpty
            // Small bodies ride in the head's buffer: one write, one allocation.
            let inline = sendsBody && body.count <= 2048
            var bytes = HTTPResponseEncoder.encodeHead(
                status: response.status, headers: response.headers, framing: framing, close: close,
                keepAliveHeader: http10 && !close, capacity: 256 + (inline ? body.count : 0))
            if inline { bytes.append(contentsOf: body) }
            return complete(bytes, sendsBody && !inline ? body : [], close: close)

        case .stream(let produce):
            if isHead || !allowsBody {
                let bytes = HTTPResponseEncoder.encodeHead(
                    status: response.status, headers: response.headers, framing: .none, close: close,
                    keepAliveHeader: http10 && !close)
                return complete(bytes, [], close: close)
            }
            // HTTP/1.0 has no chunked coding: the body ends when the connection does.
            let chunked = !http10
            if http10 { close = true }
            let bytes = HTTPResponseEncoder.encodeHead(
                status: response.status, headers: response.headers, framing: chunked ? .chunked : .untilClose,
                close: close, keepAliveHeader: false)
            do {
                try await sendAndWait(bytes)
                try await produce(ConnectionBodyWriter(connection: self, chunked: chunked))
            } catch {
                // Headers are gone; the only honest signal left is a connection closed early.
                abortResponse()
                return nil
            }
            return complete(chunked ? HTTPResponseEncoder.finalChunk : [], [], close: close)
        }
    }

    /// Sends the last bytes of a response, then either closes or moves on to the next request.
    private func complete(_ first: [UInt8], _ second: [UInt8], close: Bool) -> PendingRequest? {
        let now = SystemClock.monotonic()
        return state.withLock { s in
            sendLocked(&s, first, second, now: now)
            if let stream = s.stream {
                // The handler answered without reading the whole body: it is not read any more.
                stream.fail(.cutShort)
                s.stream = nil
                s.closeAfterResponse = true
            }
            if close || s.peerClosed || s.draining || s.closeAfterResponse {
                closeWhenFlushedLocked(&s, now: now)
                return nil
            }
            guard case .responding = s.phase else { return nil }
            s.phase = .reading
            s.idleSince = now
            s.lastReadAt = now
            s.headStartedAt = s.parser.bufferedCount > 0 ? now : nil
            var effects = Effects()
            advanceLocked(&s, now: now, effects: &effects)
            updateInterestLocked(&s)
            return effects.start
        }
    }

    private func abortResponse() {
        let now = SystemClock.monotonic()
        state.withLock { s in
            guard case .responding = s.phase else { return }
            closeWhenFlushedLocked(&s, now: now)
        }
    }

    /// Writes `bytes`, suspending until the socket has taken all of them (back-pressure).
    func sendAndWait(_ bytes: [UInt8]) async throws {
        let now = SystemClock.monotonic()
        let queued: Bool = try state.withLock { s throws in
            guard case .responding = s.phase, !s.peerClosed else { throw ConnectionClosedError() }
            if sendLocked(&s, bytes, [], now: now) { return false }
            updateInterestLocked(&s)
            return true
        }
        guard queued else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome: Result<Void, any Error>? = state.withLock { s in
                switch s.phase {
                case .closed, .closing: return .failure(ConnectionClosedError())
                default: break
                }
                if s.peerClosed { return .failure(ConnectionClosedError()) }
                if !s.hasPendingOutput { return .success(()) }
                s.writeWaiter = continuation
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }
}

/// The `HTTPBodyWriter` handed to streamed responses: frames chunks and waits for the socket.
struct ConnectionBodyWriter: HTTPBodyWriter {
    let connection: HTTPConnection
    let chunked: Bool

    func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        guard chunked else { return try await connection.sendAndWait(bytes) }
        var frame = HTTPResponseEncoder.chunkHeader(bytes.count)
        frame.reserveCapacity(frame.count + bytes.count + 2)
        frame.append(contentsOf: bytes)
        frame.append(13)
        frame.append(10)
        try await connection.sendAndWait(frame)
    }
}
