import HTTPServer
import ShopAdminTesting
import Testing

/// Streamed request bodies over loopback: a route that streams gets its body piece by piece
/// with the socket read only as fast as the handler takes it (back-pressure), the route's limit
/// checked as bytes arrive, and the connection reused only when the body was read to its end.
@Suite struct HTTPRequestBodyStreamTests {
    static func body(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) } }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var sum: UInt32 = 0
        for byte in bytes { sum = sum &* 31 &+ UInt32(byte) }
        return sum
    }

    @Test func aLargeBodyReachesASlowHandlerWholeWithFlatMemory() async throws {
        try await withServer { server in
            let payload = Self.body(24 * 1024 * 1024)
            let response = try await TestHTTPClient.request(port: server.port, method: "POST", path: "/upload?pause=2", body: payload)
            #expect(response.status == 200, "\(response.text)")
            let parts = response.text.split(separator: " ").compactMap { Int($0) }
            try #require(parts.count == 3, "\(response.text)")
            #expect(parts[0] == payload.count)
            #expect(UInt32(parts[1]) == Self.checksum(payload))
            // 24 MiB went through at most about 1 MiB (the buffer) plus one read round waiting.
            #expect(parts[2] <= (1 << 20) + 4 * 64 * 1024, "peak \(parts[2]) bytes waited for the handler")
        }
    }

    @Test func aChunkedBodyStreamsAndTheConnectionIsReusedAfterIt() async throws {
        try await withServer { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            let first = Array(repeating: UInt8(ascii: "a"), count: 3000)
            let second = Array(repeating: UInt8(ascii: "b"), count: 5)
            var raw = Array("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            raw += Array("bb8\r\n".utf8) + first + Array("\r\n5\r\n".utf8) + second + Array("\r\n0\r\n\r\n".utf8)
            raw += Array("GET /health HTTP/1.1\r\nHost: h\r\n\r\n".utf8)
            try await client.send(raw)
            let upload = try await client.readResponse(requestMethod: "POST")
            #expect(upload.status == 200)
            #expect(upload.text.hasPrefix("3005 \(Self.checksum(first + second)) "), "\(upload.text)")
            #expect(upload.header("Connection") != "close")
            let health = try await client.readResponse()
            #expect(health.status == 200 && health.text == "ok")
        }
    }

    @Test func theRouteLimitHoldsAsBytesArrive() async throws {
        try await withServer { server in
            // Declared too large: 413 before any of the body is read, as for whole bodies.
            let declared = try await TestHTTPClient.request(
                port: server.port, method: "POST", path: "/upload-small", body: Array(repeating: 65, count: 2000))
            #expect(declared.status == 413)
            // Chunked past the limit: the handler's stream fails with 413 and the connection closes.
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            let chunk = String(repeating: "x", count: 800)
            try await client.send(
                "POST /upload-small HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n320\r\n\(chunk)\r\n320\r\n\(chunk)\r\n")
            let response = try await client.readResponse(requestMethod: "POST")
            #expect(response.status == 413 && response.text == "payload_too_large", "\(response.text)")
            #expect(await client.waitForClose())
        }
    }

    @Test func aBodyLeftUnreadClosesTheConnectionAfterTheAnswer() async throws {
        try await withServer { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            defer { client.close() }
            try await client.send(
                "POST /upload-ignored HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n" + String(repeating: "z", count: 1000))
            let response = try await client.readResponse(requestMethod: "POST")
            #expect(response.status == 202)
            #expect(response.header("Connection") == "close")
            #expect(await client.waitForClose())
        }
    }

    @Test func aBodyCutShortFailsTheHandlersStream() async throws {
        try await withServer { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            try await client.send(
                "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n" + String(repeating: "z", count: 1000))
            client.shutdownWrite()
            let response = try await client.readResponse(requestMethod: "POST")
            #expect(response.status == 400 && response.text == "incomplete_body", "\(response.text)")
            client.close()
        }
    }
}
