import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where log lines go: a file descriptor (stdout by default), buffered so that a busy
/// server does not pay one `write` per request; flushed every 200 ms and on `flush()`.
// @unchecked: the buffer is behind a Mutex and the timer is only touched in init and deinit.
public final class LogSink: @unchecked Sendable {  // safe: state behind a Mutex (see above)
    private let descriptor: Int32
    private let buffer = Mutex<[UInt8]>([])
    private let timer: DispatchSourceTimer?
    /// Whether lines are kept at all (benchmarks and quiet tests turn it off).
    public let enabled: Bool

    /// - Parameter descriptor: 1 for stdout, 2 for stderr, or an opened file.
    public init(descriptor: Int32 = 1, enabled: Bool = true) {
        self.descriptor = descriptor
        self.enabled = enabled
        guard enabled else {
            timer = nil
            return
        }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "shopadmin.log"))
        timer.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(200))
        self.timer = timer
        timer.setEventHandler { [weak self] in self?.flush() }
        timer.resume()
    }

    /// A sink that drops everything.
    public static let disabled = LogSink(enabled: false)

    /// Appends one line (a newline is added).
    public func log(_ line: String) {
        guard enabled else { return }
        let full = buffer.withLock { buffer -> Bool in
            buffer.append(contentsOf: line.utf8)
            buffer.append(0x0A)
            return buffer.count >= 64 * 1024
        }
        if full { flush() }
    }

    /// Writes out what is buffered.
    public func flush() {
        let bytes = buffer.withLock { buffer -> [UInt8] in
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    deinit {
        timer?.cancel()
    }
}
