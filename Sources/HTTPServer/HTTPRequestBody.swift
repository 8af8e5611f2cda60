import Synchronization

/// A request body read as it arrives, for a route that takes bodies too large to hold (an
/// upload of hundreds of megabytes): the handler awaits `next()` piece by piece while the
/// connection keeps reading. At most `bufferLimit` bytes wait here; beyond that the
/// connection stops reading its socket until the handler catches up (back-pressure, so
/// memory stays flat whatever the body's size). The whole-body limit is the route's
/// `bodyLimit`, checked by the server as the bytes arrive.
///
/// ```swift
/// while let piece = try await body.next() { try file.write(piece) }
/// ```
public final class HTTPRequestBody: Sendable {
    private struct State {
        var pieces: [[UInt8]] = []
        var first = 0
        var buffered = 0
        var peak = 0
        var finished = false
        var error: (any Error)?
        var waiter: CheckedContinuation<[UInt8]?, any Error>?
    }

    /// Bytes buffered here above which the connection stops reading.
    let bufferLimit: Int
    private let state = Mutex(State())
    /// Called (outside any lock) when the buffer drops below the limit again.
    private let onDrained: @Sendable () -> Void

    init(bufferLimit: Int, onDrained: @escaping @Sendable () -> Void) {
        self.bufferLimit = bufferLimit
        self.onDrained = onDrained
    }

    /// The next piece of the body, nil after the last one.
    /// - Throws: `HTTPRequestBodyError` when the body was malformed, too large or cut short,
    ///   or did not arrive in time.
    public func next() async throws -> [UInt8]? {
        enum Step {
            case piece([UInt8], drained: Bool)
            case end
            case failure(any Error)
            case wait
        }
        let step: Step = state.withLock { s in
            if s.first < s.pieces.count {
                let piece = s.pieces[s.first]
                s.first += 1
                if s.first == s.pieces.count {
                    s.pieces.removeAll(keepingCapacity: true)
                    s.first = 0
                }
                let wasFull = s.buffered >= bufferLimit
                s.buffered -= piece.count
                return .piece(piece, drained: wasFull && s.buffered < bufferLimit)
            }
            if let error = s.error { return .failure(error) }
            if s.finished { return .end }
            return .wait
        }
        switch step {
        case .piece(let piece, let drained):
            if drained { onDrained() }
            return piece
        case .end: return nil
        case .failure(let error): throw error
        case .wait: break
        }
        return try await withCheckedThrowingContinuation { continuation in
            // Pieces that arrived since the first look are handed over now; otherwise the
            // next `push` (or the end) resumes the waiter.
            let ready: (Result<[UInt8]?, any Error>, drained: Bool)? = state.withLock { s in
                if s.first < s.pieces.count {
                    let piece = s.pieces[s.first]
                    s.first += 1
                    let wasFull = s.buffered >= bufferLimit
                    s.buffered -= piece.count
                    return (.success(piece), wasFull && s.buffered < bufferLimit)
                }
                if let error = s.error { return (.failure(error), false) }
                if s.finished { return (.success(nil), false) }
                s.waiter = continuation
                return nil
            }
            if let ready {
                continuation.resume(with: ready.0)
                if ready.drained { onDrained() }
            }
        }
    }

    /// The most bytes that ever waited here for the handler (for tests and metrics: with
    /// back-pressure it stays near `bufferLimit` whatever the body's size).
    public var peakBuffered: Int { state.withLock { $0.peak } }

    // MARK: Connection side (under the connection's lock)

    /// Whether the connection should stop reading until the handler catches up.
    var isFull: Bool { state.withLock { $0.buffered >= bufferLimit } }

    /// Whether the last byte arrived (or the body failed).
    var isComplete: Bool { state.withLock { $0.finished || $0.error != nil } }

    func push(_ bytes: [UInt8]) {
        let waiter: CheckedContinuation<[UInt8]?, any Error>? = state.withLock { s in
            if let waiter = s.waiter {
                s.waiter = nil
                return waiter
            }
            s.pieces.append(bytes)
            s.buffered += bytes.count
            s.peak = max(s.peak, s.buffered)
            return nil
        }
        waiter?.resume(returning: bytes)
    }

    func finish() {
        let waiter: CheckedContinuation<[UInt8]?, any Error>? = state.withLock { s in
            s.finished = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(returning: nil)
    }

    func fail(_ error: HTTPRequestBodyError) {
        let waiter: CheckedContinuation<[UInt8]?, any Error>? = state.withLock { s in
            guard !s.finished, s.error == nil else { return nil }
            s.error = error
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(throwing: error)
    }
}

/// Why a streamed request body ended early; `status` is the answer a handler should give.
public struct HTTPRequestBodyError: Error, Sendable, CustomStringConvertible {
    public let status: HTTPStatus
    public let code: String
    public let message: String

    public var description: String { message }

    static func parse(_ error: HTTPParseError) -> HTTPRequestBodyError {
        HTTPRequestBodyError(status: error.status, code: error.code, message: error.message)
    }

    static let cutShort = HTTPRequestBodyError(
        status: .badRequest, code: "incomplete_body", message: "The connection closed before the whole body arrived.")
    static let timedOut = HTTPRequestBodyError(
        status: .requestTimeout, code: "request_timeout", message: "The request body stopped arriving.")
}
