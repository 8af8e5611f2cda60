import Foundation
import HTTPServer

/// One line per request: time, request id, shop, method, path, status, bytes, ms.
/// A streamed body is logged when its last byte is written, with its real size.
public struct AccessLogMiddleware: Middleware {
    let sink: LogSink

    public init(sink: LogSink) { self.sink = sink }

    public func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        guard sink.enabled else { return try await next(request, context) }
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let shop = AccessLogMiddleware.shopSlug(in: request.path) ?? "-"
        let sink = self.sink
        @Sendable func line(_ status: Int, _ bytes: Int) -> String {
            let elapsed = ContinuousClock.now - started
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            return "\(Timestamp.now()) \(context.requestID) \(shop) \(request.method.rawValue) \(request.path) "
                + "\(status) \(bytes)B \(String(format: "%.2f", ms))ms"
        }
        switch response.body {
        case .bytes(let bytes):
            sink.log(line(response.status.code, bytes.count))
            return response
        case .stream(let write):
            var counted = response
            let status = response.status.code
            counted.body = .stream { writer in
                let counter = CountingBodyWriter(inner: writer)
                do {
                    try await write(counter)
                    sink.log(line(status, counter.count))
                } catch {
                    sink.log(line(status, counter.count) + " aborted")
                    throw error
                }
            }
            return counted
        }
    }

    /// The `{shop}` of `/shops/{shop}/...`, without routing again.
    static func shopSlug(in path: String) -> String? {
        guard path.hasPrefix("/shops/") else { return nil }
        let rest = path.dropFirst("/shops/".count)
        let slug = rest.prefix { $0 != "/" }
        return slug.isEmpty ? nil : String(slug)
    }
}

/// Counts the bytes of a streamed body on their way out.
final class CountingBodyWriter: HTTPBodyWriter {
    let inner: any HTTPBodyWriter
    private let total = AtomicCounter()

    init(inner: any HTTPBodyWriter) { self.inner = inner }

    var count: Int { total.value }

    func write(_ bytes: [UInt8]) async throws {
        try await inner.write(bytes)
        total.add(bytes.count)
    }
}
