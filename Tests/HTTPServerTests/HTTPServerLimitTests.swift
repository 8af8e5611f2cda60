import HTTPServer
import ShopAdminTesting
import Testing

/// Live loopback tests of the limits: each is answered once with a JSON error, then closed.
@Suite struct HTTPServerLimitTests {
    /// Sends `raw` on a fresh connection and reads the single answer.
    static func answer(to raw: String, port: Int) async throws -> (TestResponse, closed: Bool) {
        let client = try await TestHTTPClient.connect(port: port)
        defer { client.close() }
        try await client.send(raw)
        let response = try await client.readResponse()
        return (response, await client.waitForClose())
    }

    static func expectJSONError(_ response: TestResponse, status: Int, code: String) {
        #expect(response.status == status)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("Connection") == "close")
        #expect(response.errorCode == code)
        let message = (response.jsonObject?["error"] as? [String: Any])?["message"] as? String
        #expect(message?.isEmpty == false)
    }

    @Test func oversizedHeadersAre431() async throws {
        try await withServer { server in
            let big = String(repeating: "a", count: 20 * 1024)
            let (response, closed) = try await Self.answer(to: "GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(big)\r\n\r\n", port: server.port)
            Self.expectJSONError(response, status: 431, code: "request_header_fields_too_large")
            #expect(closed)
        }
    }

    @Test func declaredBodyOverTheLimitIs413BeforeTheBodyIsSent() async throws {
        try await withServer { server in
            // Only the head is sent: the answer must not wait for the 10 MB never coming.
            let (response, closed) = try await Self.answer(
                to: "POST /small HTTP/1.1\r\nHost: h\r\nContent-Length: 10000000\r\n\r\n", port: server.port)
            Self.expectJSONError(response, status: 413, code: "payload_too_large")
            #expect(closed)
        }
    }

    @Test func chunkedBodyGrowingPastTheLimitIs413() async throws {
        try await withServer { server in
            let chunk = String(repeating: "x", count: 800)
            let raw = "POST /small HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n320\r\n\(chunk)\r\n320\r\n\(chunk)\r\n"
            let (response, closed) = try await Self.answer(to: raw, port: server.port)
            Self.expectJSONError(response, status: 413, code: "payload_too_large")
            #expect(closed)
        }
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400, "missing_host"),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "conflicting_framing"),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400, "invalid_content_length"),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "unsupported_transfer_encoding"),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", 400, "invalid_chunked_body"),
        ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505, "http_version_not_supported"),
        ("GET /\r\n\r\n", 400, "malformed_request_line"),
        ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400, "invalid_header"),
        ("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", 400, "invalid_header"),
        ("GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", 400, "invalid_line_ending"),
    ])
    func framingErrorsAreAnsweredOnceAndClosed(raw: String, status: Int, code: String) async throws {
        try await withServer { server in
            let (response, closed) = try await Self.answer(to: raw, port: server.port)
            Self.expectJSONError(response, status: status, code: code)
            #expect(closed)
        }
    }

    @Test func framingErrorAfterAGoodRequestAnswersTheGoodOneFirst() async throws {
        try await withServer { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            try await client.send("GET /health HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/3\r\nHost: h\r\n\r\n")
            #expect(try await client.readResponse().text == "ok")
            Self.expectJSONError(try await client.readResponse(), status: 505, code: "http_version_not_supported")
            #expect(await client.waitForClose())
        }
    }

    // 5 s: a connection that has sent nothing when the timeout falls is closed silently by
    // design, and hundreds of tests sharing two cores can delay the client's first bytes.
    @Test func slowHeadersAre408() async throws {
        try await withServer({ $0.headerTimeout = 5 }) { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            try await client.send("GET /health HTTP/1.1\r\nHost: h\r\n")  // never finished
            let response = try await client.readResponse()
            Self.expectJSONError(response, status: 408, code: "request_timeout")
            #expect(await client.waitForClose())
        }
    }

    @Test func stalledBodyIs408() async throws {
        try await withServer({ $0.headerTimeout = 5 }) { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            try await client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc")
            Self.expectJSONError(try await client.readResponse(), status: 408, code: "request_timeout")
        }
    }

    @Test func idleKeepAliveConnectionsCloseSilently() async throws {
        try await withServer({ $0.idleTimeout = 0.5 }) { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            #expect(try await client.request(path: "/health").status == 200)
            let clock = ContinuousClock()
            let started = clock.now
            #expect(try await client.readToEnd().isEmpty)  // closed with no bytes
            // Well under the client's own receive timeout: the server closed it. The bound is
            // loose because the whole suite on two cores once took 3.6 s for a 0.5 s timeout.
            #expect(clock.now - started < .seconds(10))
            #expect(server.openConnectionCount == 0)
        }
    }

    @Test func connectionsOverTheLimitAre503() async throws {
        try await withServer({ $0.maxConnections = 2 }) { server in
            var held: [TestHTTPClient] = []
            defer { held.forEach { $0.close() } }
            for _ in 0..<2 {
                let client = try await TestHTTPClient.connect(port: server.port)
                #expect(try await client.request(path: "/health").status == 200)
                held.append(client)
            }
            let extra = try await TestHTTPClient.connect(port: server.port)
            defer { extra.close() }
            let response = try await extra.readResponse()
            Self.expectJSONError(response, status: 503, code: "too_many_connections")
            #expect(await extra.waitForClose())
            #expect(server.openConnectionCount == 2)
        }
    }
}
