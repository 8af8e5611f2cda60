import HTTPClient
import HTTPServer
import Testing

/// The client over real loopback sockets against our own server: a POST and its answer, a
/// streamed (chunked) answer, a refused connection, a header that would split the request, and URLs.
@Suite struct HTTPClientTests {
    struct Echo: HTTPResponder {
        func bodyLimit(for head: HTTPRequestHead) -> Int { 1 << 20 }

        func respond(to request: HTTPRequest) async -> HTTPResponse {
            if request.path == "/stream" {
                return HTTPResponse(
                    status: .ok,
                    body: .stream { writer in
                        for part in ["one,", "two,", "three"] { try await writer.write(Array(part.utf8)) }
                    })
            }
            var headers = HTTPHeaders()
            headers.set("X-Seen-Signature", request.headers["X-Signature"] ?? "")
            return HTTPResponse(status: HTTPStatus(code: 202), headers: headers, body: .bytes(request.body.reversed()))
        }
    }

    static func withServer(_ body: (Int) async throws -> Void) async throws {
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoops = 1
        let server = HTTPServer(configuration: configuration, responder: Echo())
        try server.start()
        do {
            try await body(server.port)
        } catch {
            await server.shutdown(gracePeriod: 1)
            throw error
        }
        await server.shutdown(gracePeriod: 1)
    }

    @Test func aPostIsAnsweredWithStatusHeadersAndBody() async throws {
        try await Self.withServer { port in
            let url = try HTTPClientURL("http://127.0.0.1:\(port)/hooks?x=1")
            let response = try await HTTPClient.post(url, headers: [("X-Signature", "abc")], body: Array("12345".utf8))
            #expect(response.status == 202)
            #expect(response.body == Array("54321".utf8))
            #expect(response.headers.first { $0.name.lowercased() == "x-seen-signature" }?.value == "abc")
            let streamed = try await HTTPClient.post(try HTTPClientURL("http://127.0.0.1:\(port)/stream"), headers: [], body: [])
            #expect(String(decoding: streamed.body, as: UTF8.self) == "one,two,three")
        }
    }

    @Test func aClosedPortIsAConnectionError() async throws {
        // Port 9 (discard) has no listener on the test machine's loopback.
        await #expect(throws: HTTPClientError.self) {
            _ = try await HTTPClient.post(try HTTPClientURL("http://127.0.0.1:9/"), headers: [], body: [], connectTimeout: 2)
        }
    }

    @Test func aHeaderWithALineBreakIsRefusedBeforeConnecting() async throws {
        do {
            _ = try await HTTPClient.post(try HTTPClientURL("http://127.0.0.1:9/"), headers: [("X-A", "b\r\nX-B: c")], body: [])
            Issue.record("a header with CRLF was sent")
        } catch {
            #expect(error.kind == .invalidRequest, "\(error)")
        }
    }

    @Test func urlsAreTakenApart() throws {
        let plain = try HTTPClientURL("http://erp.example")
        #expect(plain.host == "erp.example" && plain.port == 80 && plain.target == "/")
        let full = try HTTPClientURL("http://[::1]:8080/a/b?c=d#frag")
        #expect(full.host == "::1" && full.port == 8080 && full.target == "/a/b?c=d")
        let secure = try HTTPClientURL("https://erp.example/hooks")
        #expect(secure.isSecure && secure.port == 443 && secure.target == "/hooks" && !plain.isSecure)
        for bad in ["ftp://x", "https://", "http://", "http://u:p@x/", "http://x:99999/", "http://x /y"] {
            #expect(throws: HTTPClientError.self, "\(bad)") { _ = try HTTPClientURL(bad) }
        }
    }
}
