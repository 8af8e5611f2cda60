import Testing

@testable import HTTPClient

/// The response parser on raw bytes, fed whole and a byte at a time: each framing, the body
/// limit, and replies that are not HTTP.
@Suite struct ResponseParserTests {
    /// Feeds `raw` in pieces of `step` bytes, then the end of the connection.
    static func parse(_ raw: String, step: Int = .max, limit: Int = 1000) throws(HTTPClientError) -> HTTPClientResponse? {
        var parser = ResponseParser(maxBodyBytes: limit)
        let bytes = Array(raw.utf8)
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + min(step, bytes.count))
            if let response = try parser.feed(Array(bytes[index..<end])) { return response }
            index = end
        }
        return try parser.feed([])
    }

    @Test(arguments: [Int.max, 1, 7])
    func contentLengthChunkedAndCloseDelimitedBodies(step: Int) throws {
        let sized = try #require(try Self.parse("HTTP/1.1 201 Created\r\nContent-Length: 5\r\nX-A:  b \r\n\r\nhello", step: step))
        #expect(sized.status == 201)
        #expect(sized.body == Array("hello".utf8))
        #expect(sized.headers.first { $0.name == "X-A" }?.value == "b")
        let chunked = try #require(
            try Self.parse(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n", step: step))
        #expect(String(decoding: chunked.body, as: UTF8.self) == "Wikipedia")
        let closed = try #require(try Self.parse("HTTP/1.0 500 Internal Server Error\r\n\r\nbroken", step: step))
        #expect(closed.status == 500)
        #expect(closed.body == Array("broken".utf8))
        let empty = try #require(try Self.parse("HTTP/1.1 204 No Content\r\n\r\n", step: step))
        #expect(empty.body.isEmpty)
    }

    @Test func aLongBodyIsCutAtTheLimit() throws {
        let body = String(repeating: "x", count: 50)
        let sized = try #require(try Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n\(body)", limit: 10))
        #expect(sized.body.count == 10)
        #expect(sized.bodyTruncated)
        let chunked = try #require(
            try Self.parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n32\r\n\(body)\r\n0\r\n\r\n", limit: 10))
        #expect(chunked.body.count == 10)
        #expect(chunked.bodyTruncated)
    }

    @Test(arguments: [
        "SMTP ready\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HTTP/1.1 200 OK\r\n",
    ])
    func whatIsNotAnHTTPResponseIsAProtocolViolation(raw: String) {
        #expect(throws: HTTPClientError.self) { try Self.parse(raw) }
        do {
            _ = try Self.parse(raw)
        } catch {
            #expect(error.kind == .protocolViolation)
        }
    }
}
