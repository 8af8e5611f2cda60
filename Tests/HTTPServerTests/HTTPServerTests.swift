import HTTPServer
import ShopAdminTesting
import Testing

/// Live loopback tests of the server: connection reuse, pipelining, bodies, HEAD, streaming.
@Suite struct HTTPServerTests {
    @Test func answersAndAddsFramingHeaders() async throws {
        try await withServer { server in
            let response = try await TestHTTPClient.request(port: server.port, path: "/health")
            #expect(response.status == 200)
            #expect(response.text == "ok")
            #expect(response.header("Content-Length") == "2")
            #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            #expect(response.header("Connection") == "close")
        }
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() async throws {
        try await withServer { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            for index in 0..<5 {
                let response = try await client.request(method: "POST", path: "/echo", body: Array("n\(index)".utf8))
                #expect(response.status == 200)
                #expect(response.text == "n\(index)")
                #expect(response.header("Connection") == nil)
            }
            #expect(server.openConnectionCount == 1)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let responder = TestResponder()
        try await withServer(responder: responder) { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            let bytes =
                TestHTTPClient.encodeRequest(path: "/sleep?ms=300&id=first")
                + TestHTTPClient.encodeRequest(path: "/sleep?ms=0&id=second")
                + TestHTTPClient.encodeRequest(method: "POST", path: "/echo", body: Array("third".utf8))
            try await client.send(bytes)
            let first = try await client.readResponse()
            let second = try await client.readResponse()
            let third = try await client.readResponse()
            #expect(first.text == "slept first")
            #expect(second.text == "slept second")
            #expect(third.text == "third")
            // One handler at a time: the second started only after the first finished.
            #expect(responder.log.all == ["/sleep", "/sleep", "/echo"])
        }
    }

    @Test func contentLengthAndChunkedRequestBodies() async throws {
        try await withServer { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            let payload = [UInt8]((0..<100_000).map { UInt8($0 % 251) })
            let plain = try await client.request(method: "POST", path: "/echo", body: payload)
            #expect(plain.body == payload)

            try await client.send(
                "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n")
            let chunked = try await client.readResponse()
            #expect(chunked.status == 200)
            #expect(chunked.text == "hello world")
            #expect(chunked.header("X-Body-Length") == "11")
        }
    }

    @Test func headResponsesCarryHeadersButNoBody() async throws {
        try await withServer { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            let head = try await client.request(method: "HEAD", path: "/health")
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "2")
            #expect(head.body.isEmpty)
            // Had a body leaked, this response would be misread.
            let next = try await client.request(path: "/health")
            #expect(next.text == "ok")
        }
    }

    @Test func noContentHasNoBodyAndNoLength() async throws {
        try await withServer { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            let response = try await client.request(path: "/nocontent")
            #expect(response.status == 204)
            #expect(response.header("Content-Length") == nil)
            let next = try await client.request(path: "/health")
            #expect(next.text == "ok")
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withServer { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            let response = try await client.request(path: "/health", headers: [("Connection", "close")])
            #expect(response.header("Connection") == "close")
            #expect(await client.waitForClose())

            let other = try await TestHTTPClient.connect(port: server.port)
            defer { other.close() }
            let closing = try await other.request(path: "/close")
            #expect(closing.text == "bye")
            #expect(closing.header("Connection") == "close")
            #expect(await other.waitForClose())
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() async throws {
        try await withServer { server in
            let plain = try await TestHTTPClient.connect(port: server.port)
            defer { plain.close() }
            try await plain.send("GET /health HTTP/1.0\r\n\r\n")
            let first = try await plain.readResponse()
            #expect(first.text == "ok")
            #expect(await plain.waitForClose())

            let kept = try await TestHTTPClient.connect(port: server.port)
            defer { kept.close() }
            try await kept.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let second = try await kept.readResponse()
            #expect(second.header("Connection") == "keep-alive")
            try await kept.send("GET /stream?chunks=3&size=10 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let stream = try await kept.readResponse()
            // No chunked coding for 1.0: the body runs until the server closes.
            #expect(stream.header("Transfer-Encoding") == nil)
            #expect(stream.body.count == 30)
        }
    }

    @Test func expectContinueInvitesTheBodyOnlyWithinTheLimit() async throws {
        try await withServer { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            try await client.send("POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = try await client.readResponse()
            #expect(interim.status == 100)
            try await client.send("hello")
            let final = try await client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "hello")

            let refused = try await TestHTTPClient.connect(port: server.port)
            defer { refused.close() }
            try await refused.send("POST /small HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n")
            let tooLarge = try await refused.readResponse()
            #expect(tooLarge.status == 413)
        }
    }

    @Test func streamedResponseIsChunkedAndDoesNotBlockOthers() async throws {
        try await withServer { server in
            let slow = try await TestHTTPClient.connect(port: server.port)
            defer { slow.close() }
            // 16 MiB, read slowly: the server must wait on the socket, not buffer it all.
            try await slow.sendRequest(path: "/stream?chunks=256&size=65536")
            let firstBytes = try await slow.read(maxBytes: 4096)
            #expect(String(decoding: firstBytes, as: UTF8.self).contains("Transfer-Encoding: chunked"))

            let clock = ContinuousClock()
            let started = clock.now
            let other = try await TestHTTPClient.request(port: server.port, path: "/health")
            #expect(other.status == 200)
            // A blocked server would never answer (the stream waits on a reader that is not
            // reading); the bound is loose so a loaded test machine does not fail it.
            #expect(clock.now - started < .seconds(5))

            var total = firstBytes.count
            var reads = 0
            while true {
                let chunk = try await slow.read(maxBytes: 256 * 1024)
                if chunk.isEmpty { break }
                total += chunk.count
                reads += 1
                if reads % 16 == 0 { try await Task.sleep(for: .milliseconds(5)) }
                if chunk.suffix(5) == Array("0\r\n\r\n".utf8) { break }
            }
            // Body plus chunk framing plus the head.
            #expect(total > 256 * 65536)
        }
    }

    @Test func thousandIdleConnectionsDoNotDelayARequest() async throws {
        #expect(raiseOpenFileLimit(to: 8192) >= 2200)
        try await withServer({ $0.headerTimeout = 30 }) { server in
            var idle: [TestHTTPClient] = []
            defer { idle.forEach { $0.close() } }
            for _ in 0..<1000 {
                idle.append(try await TestHTTPClient.connect(port: server.port))
            }
            let clock = ContinuousClock()
            let started = clock.now
            let response = try await TestHTTPClient.request(port: server.port, path: "/health")
            #expect(response.status == 200)
            // Loose, for a loaded test machine; a server stuck on idle peers never answers.
            #expect(clock.now - started < .seconds(5))
            #expect(server.openConnectionCount >= 1000)
        }
    }

    @Test func gracefulShutdownFinishesRequestsInFlight() async throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 2
        let server = HTTPServer(configuration: configuration, responder: TestResponder())
        try server.start()
        let port = server.port
        let idle = try await TestHTTPClient.connect(port: port)
        defer { idle.close() }
        _ = try await idle.request(path: "/health")

        let busy = try await TestHTTPClient.connect(port: port)
        defer { busy.close() }
        try await busy.sendRequest(path: "/sleep?ms=600&id=inflight")
        try await Task.sleep(for: .milliseconds(100))

        async let stopped: Void = server.shutdown(gracePeriod: 5)
        let response = try await busy.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "slept inflight")
        #expect(response.header("Connection") == "close")
        #expect(await idle.waitForClose())
        await stopped
        #expect(server.openConnectionCount == 0)
        await server.shutdown()  // idempotent
        await #expect(throws: (any Error).self) { _ = try await TestHTTPClient.request(port: port, path: "/health") }
    }

    @Test func startReportsAnAddressInUse() async throws {
        try await withServer { server in
            var configuration = HTTPServerConfiguration()
            configuration.port = server.port
            let second = HTTPServer(configuration: configuration, responder: TestResponder())
            do {
                try second.start()
                Issue.record("a second bind succeeded")
                await second.shutdown()
            } catch let error as SocketError {
                #expect(error.message == "address already in use 127.0.0.1:\(server.port)")
            }
        }
    }

    @Test func bindsIPv6AndLocalhost() async throws {
        for host in ["::1", "localhost"] {
            var configuration = HTTPServerConfiguration()
            configuration.host = host
            configuration.port = 0
            let server = HTTPServer(configuration: configuration, responder: TestResponder())
            try server.start()
            #expect(server.port > 0)
            await server.shutdown()
        }
    }
}

/// Pipelining beyond the input cap: the server pauses reading and still answers all, in order.
@Suite struct HTTPServerPipeliningTests {
    @Test func manyPipelinedRequestsPastTheInputCap() async throws {
        try await withServer { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            let count = 3000
            var bytes: [UInt8] = []
            for index in 0..<count {
                bytes += TestHTTPClient.encodeRequest(method: "POST", path: "/echo", body: Array("\(index)".utf8))
            }
            #expect(bytes.count > 128 * 1024)
            try await client.send(bytes)
            for index in 0..<count {
                let response = try await client.readResponse()
                guard response.text == "\(index)" else {
                    Issue.record("response \(index) was \(response.text)")
                    return
                }
            }
        }
    }
}
