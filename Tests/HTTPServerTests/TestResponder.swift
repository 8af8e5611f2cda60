import HTTPServer
import Synchronization

/// A responder with a few routes that exercise the server: echo, sleep, stream, close.
struct TestResponder: HTTPResponder {
    /// Requests seen, in the order handlers started, for ordering checks.
    let log = Log()

    final class Log: Sendable {
        private let entries = Mutex<[String]>([])
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    func bodyLimit(for head: HTTPRequestHead) -> Int {
        switch head.path {
        case "/small", "/upload-small": return 1024
        case "/upload", "/upload-ignored": return 64 * 1024 * 1024
        default: return 8 * 1024 * 1024
        }
    }

    func streamsBody(for head: HTTPRequestHead) -> Bool { head.path.hasPrefix("/upload") }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        log.append(request.path)
        let query = Self.query(request.query)
        switch request.path {
        case "/health":
            return HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: .bytes(Array("ok".utf8)))
        case "/echo", "/small":
            return HTTPResponse(
                status: .ok,
                headers: [("X-Method", request.method.rawValue), ("X-Body-Length", "\(request.body.count)")].reduce(
                    into: HTTPHeaders()
                ) { $0.add($1.0, $1.1) },
                body: .bytes(request.body))
        case "/sleep":
            let milliseconds = Int(query["ms"] ?? "100") ?? 100
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return HTTPResponse(status: .ok, body: .bytes(Array("slept \(query["id"] ?? "")".utf8)))
        case "/stream":
            let chunks = Int(query["chunks"] ?? "16") ?? 16
            let size = Int(query["size"] ?? "65536") ?? 65536
            return HTTPResponse(
                status: .ok, headers: ["Content-Type": "application/octet-stream"],
                body: .stream { writer in
                    for index in 0..<chunks {
                        try await writer.write([UInt8](repeating: UInt8(index % 256), count: size))
                    }
                })
        case "/upload", "/upload-small":
            // Reads the streamed body, slowly when asked (`pause` ms every 8 pieces), and
            // answers its length, a checksum and the most bytes that waited for it.
            guard let stream = request.bodyStream else {
                return HTTPResponse(status: .ok, body: .bytes(Array("whole \(request.body.count)".utf8)))
            }
            let pause = Int(query["pause"] ?? "0") ?? 0
            var length = 0
            var checksum: UInt32 = 0
            var pieces = 0
            do {
                while let piece = try await stream.next() {
                    length += piece.count
                    for byte in piece { checksum = checksum &* 31 &+ UInt32(byte) }
                    pieces += 1
                    if pause > 0, pieces % 8 == 0 { try? await Task.sleep(for: .milliseconds(pause)) }
                }
            } catch let error as HTTPRequestBodyError {
                return HTTPResponse(status: error.status, body: .bytes(Array(error.code.utf8)))
            } catch {
                return HTTPResponse(status: .internalServerError, body: .bytes(Array("\(error)".utf8)))
            }
            return HTTPResponse(status: .ok, body: .bytes(Array("\(length) \(checksum) \(stream.peakBuffered)".utf8)))
        case "/upload-ignored":
            return HTTPResponse(status: .accepted, body: .bytes(Array("not read".utf8)))
        case "/close":
            return HTTPResponse(status: .ok, body: .bytes(Array("bye".utf8)), closeConnection: true)
        case "/nocontent":
            return HTTPResponse(status: .noContent, body: .bytes(Array("ignored".utf8)))
        default:
            return HTTPResponse(status: .notFound, body: .bytes(Array("not found".utf8)))
        }
    }

    static func query(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }
}

/// Starts a server on a free port, runs `body`, and always shuts the server down.
func withServer<T>(
    _ configure: (inout HTTPServerConfiguration) -> Void = { _ in },
    responder: TestResponder = TestResponder(),
    _ body: (HTTPServer) async throws -> T
) async throws -> T {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configuration.eventLoops = 2
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, responder: responder)
    try server.start()
    do {
        let result = try await body(server)
        await server.shutdown(gracePeriod: 2)
        return result
    } catch {
        await server.shutdown(gracePeriod: 2)
        throw error
    }
}
