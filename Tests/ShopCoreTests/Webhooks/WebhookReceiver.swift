import Foundation
import HTTPServer
import ShopCore
import Synchronization
import Testing

/// A merchant's webhook endpoint for tests: our HTTP server on a free loopback port that keeps
/// every request it gets and answers 500 to the first `failures` of them, 200 afterwards.
final class WebhookReceiver: Sendable {
    /// One request as received: its headers and the raw body bytes.
    struct Received: Sendable {
        let path: String
        let headers: HTTPHeaders
        let body: [UInt8]

        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
        func header(_ name: String) -> String? { headers[name] }
    }

    private final class Responder: HTTPResponder {
        let received = Mutex<[Received]>([])
        let failuresLeft: Mutex<Int>

        init(failures: Int) { failuresLeft = Mutex(failures) }

        func bodyLimit(for head: HTTPRequestHead) -> Int { 1 << 20 }

        func respond(to request: HTTPRequest) async -> HTTPResponse {
            received.withLock { $0.append(Received(path: request.path, headers: request.headers, body: request.body)) }
            let fail = failuresLeft.withLock { left -> Bool in
                defer { left = max(0, left - 1) }
                return left > 0
            }
            if fail { return HTTPResponse(status: HTTPStatus(code: 500), body: .bytes(Array("receiver broke".utf8))) }
            return HTTPResponse(status: .ok, body: .bytes(Array("thanks".utf8)))
        }
    }

    private let responder: Responder
    private let server: HTTPServer

    private init(failures: Int) throws {
        responder = Responder(failures: failures)
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoops = 1
        server = HTTPServer(configuration: configuration, responder: responder)
        try server.start()
    }

    /// The URL to subscribe.
    var url: String { "http://127.0.0.1:\(server.port)/hooks" }

    var received: [Received] { responder.received.withLock { $0 } }

    /// Starts a receiver, runs `body` and stops it however `body` ends.
    static func with(failures: Int = 0, _ body: (WebhookReceiver) async throws -> Void) async throws {
        let receiver = try WebhookReceiver(failures: failures)
        do {
            try await body(receiver)
        } catch {
            await receiver.server.shutdown(gracePeriod: 1)
            throw error
        }
        await receiver.server.shutdown(gracePeriod: 1)
    }

    /// Waits until `count` requests have arrived; returns them.
    func waitFor(_ count: Int, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [Received] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let all = received
            if all.count >= count { return all }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("expected \(count) webhook requests, got \(received.count)", sourceLocation: sourceLocation)
        return received
    }
}
