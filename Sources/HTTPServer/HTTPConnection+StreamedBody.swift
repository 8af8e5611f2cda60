/// The loop side of a streamed request body (`HTTPRequestBody`): the body's bytes are parsed
/// as they arrive and handed to the handler's stream; reading stops while the stream is full
/// and starts again when the handler has taken enough.
extension HTTPConnection {
    /// Moves the streamed body's decoded bytes to its handler; ends or fails the stream.
    func pumpStreamLocked(_ s: inout State, now: Double) {
        guard let stream = s.stream else { return }
        let responder = context.responder
        do {
            let event = try s.parser.next(bodyLimit: { responder.bodyLimit(for: $0) })
            let bytes = s.parser.takeStreamedBody()
            if !bytes.isEmpty { stream.push(bytes) }
            if case .streamEnded? = event {
                stream.finish()
                s.stream = nil
                s.headStartedAt = s.parser.bufferedCount > 0 ? now : nil
                return
            }
        } catch {
            context.log("HTTP \(error.status.code) \(error.code) in a streamed body from \(remoteAddress): \(error.message)")
            stream.fail(.parse(error))
            s.stream = nil
            s.closeAfterResponse = true
            return
        }
        if s.peerClosed {
            stream.fail(.cutShort)
            s.stream = nil
            s.closeAfterResponse = true
        }
    }

    /// The handler took enough of a streamed body: read the socket again. Any thread.
    func streamDrained() {
        state.withLock { s in updateInterestLocked(&s) }
    }
}
