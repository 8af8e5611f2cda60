import Synchronization

/// What every loop and connection of one server shares: the configuration, the responder,
/// the logger and the live connection count (for the 503 limit and for metrics).
final class HTTPServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let logger: (@Sendable (String) -> Void)?
    /// Connections accepted and not yet closed (rejected 503 connections excluded).
    let openConnections = Atomic<Int>(0)
    /// Set when shutdown begins: responses still being produced announce `Connection: close`.
    let draining = Atomic<Bool>(false)

    /// Unconsumed pipelined input above which a busy connection stops reading its socket.
    let pipelineBufferLimit: Int
    /// Bytes of a streamed request body waiting for its handler above which the connection
    /// stops reading (back-pressure).
    let streamBufferLimit = 1 << 20

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, logger: (@Sendable (String) -> Void)?) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        self.pipelineBufferLimit = max(64 * 1024, configuration.maxHeaderBytes * 2)
    }

    func log(_ line: @autoclosure () -> String) {
        logger?(line())
    }
}
