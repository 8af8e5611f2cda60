import Testing

@testable import HTTPServer

/// Raw-bytes tests of the request parser: framing, limits and every malformed case.
@Suite struct HTTPRequestParserTests {
    struct Parsed {
        var head: HTTPRequestHead
        var body: [UInt8]
        var keepAlive: Bool
    }

    /// Feeds `text` in one piece and returns the requests parsed, or the error.
    static func parse(
        _ text: String, limit: Int = 1024, maxHeaderBytes: Int = 16 * 1024
    ) -> (requests: [Parsed], continues: Int, error: HTTPParseError?) {
        var parser = HTTPRequestParser(maxHeaderBytes: maxHeaderBytes)
        parser.append(Array(text.utf8))
        return drain(&parser, limit: limit)
    }

    static func drain(_ parser: inout HTTPRequestParser, limit: Int) -> (requests: [Parsed], continues: Int, error: HTTPParseError?) {
        var requests: [Parsed] = []
        var continues = 0
        do {
            while let event = try parser.next(bodyLimit: { _ in limit }) {
                switch event {
                case .continueExpected: continues += 1
                case .request(let head, let body, let keepAlive):
                    requests.append(Parsed(head: head, body: body, keepAlive: keepAlive))
                case .streamStarted, .streamEnded:
                    Issue.record("no route streams here")
                }
            }
        } catch {
            return (requests, continues, error)
        }
        return (requests, continues, nil)
    }

    static func error(_ text: String, limit: Int = 1024, maxHeaderBytes: Int = 16 * 1024) -> HTTPParseError? {
        parse(text, limit: limit, maxHeaderBytes: maxHeaderBytes).error
    }

    /// A streamed chunked body fed one byte at a time comes out whole, then the next request.
    @Test func streamedBodySplitAtEveryByte() throws {
        let text =
            "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;x=y\r\n, world\r\n0\r\n\r\n"
            + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n"
        var parser = HTTPRequestParser(maxHeaderBytes: 16 * 1024)
        var body: [UInt8] = []
        var events: [String] = []
        for byte in Array(text.utf8) {
            parser.append([byte])
            while let event = try parser.next(bodyLimit: { _ in 1024 }, streamsBody: { $0.path == "/up" }) {
                body += parser.takeStreamedBody()
                switch event {
                case .streamStarted(let head, _, _): events.append("start \(head.path)")
                case .streamEnded: events.append("end")
                case .request(let head, _, _): events.append("request \(head.path)")
                case .continueExpected: events.append("continue")
                }
            }
            body += parser.takeStreamedBody()
        }
        #expect(events == ["start /up", "end", "request /next"])
        #expect(String(decoding: body, as: UTF8.self) == "hello, world")
    }

    @Test func parsesASimpleGet() throws {
        let result = Self.parse("GET /a/b?x=1&y=2 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n")
        #expect(result.error == nil)
        let request = try #require(result.requests.first)
        #expect(request.head.method == .get)
        #expect(request.head.target == "/a/b?x=1&y=2")
        #expect(request.head.path == "/a/b")
        #expect(request.head.query == "x=1&y=2")
        #expect(request.head.version == (1, 1))
        #expect(request.head.headers["host"] == "example.com")
        #expect(request.head.headers["ACCEPT"] == "*/*")
        #expect(request.body.isEmpty)
        #expect(request.keepAlive)
    }

    @Test func trimsOptionalWhitespaceAroundValues() throws {
        let result = Self.parse("GET / HTTP/1.1\r\nHost:\t  h \t\r\nX-Empty:\r\n\r\n")
        let head = try #require(result.requests.first).head
        #expect(head.headers["Host"] == "h")
        #expect(head.headers["X-Empty"] == "")
    }

    @Test func keepAliveRules() {
        #expect(Self.parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").requests.first?.keepAlive == false)
        #expect(Self.parse("GET / HTTP/1.0\r\n\r\n").requests.first?.keepAlive == false)
        #expect(Self.parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").requests.first?.keepAlive == true)
        #expect(Self.parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: upgrade, close\r\n\r\n").requests.first?.keepAlive == false)
    }

    @Test func contentLengthBody() throws {
        let result = Self.parse("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET")
        #expect(result.error == nil)
        #expect(result.requests.count == 1)
        #expect(result.requests.first?.body == Array("hello".utf8))
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let text =
            "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n6 ; ext\r\n world\r\n0\r\nX-Trailer: yes\r\nX-Other: 1\r\n\r\n"
        let result = Self.parse(text)
        #expect(result.error == nil)
        #expect(result.requests.first.map { String(decoding: $0.body, as: UTF8.self) } == "hello world")
    }

    @Test func pipelinedRequestsComeOutInOrder() {
        let text =
            "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
            + "GET /3 HTTP/1.1\r\nHost: h\r\n\r\n"
        let result = Self.parse(text)
        #expect(result.requests.map(\.head.path) == ["/1", "/2", "/3"])
        #expect(result.requests[1].body == Array("abc".utf8))
    }

    @Test func splitAtEveryByteGivesTheSameRequest() throws {
        let text =
            "POST /split?q=1 HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nT: v\r\n\r\n"
            + "PUT /two HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nwxyz"
        let bytes = Array(text.utf8)
        // Every single split point, then one byte at a time.
        for split in 0...bytes.count {
            var parser = HTTPRequestParser(maxHeaderBytes: 16 * 1024)
            parser.append(Array(bytes[..<split]))
            var collected = Self.drain(&parser, limit: 1024)
            parser.append(Array(bytes[split...]))
            let rest = Self.drain(&parser, limit: 1024)
            collected.requests += rest.requests
            #expect(collected.error == nil && rest.error == nil)
            #expect(collected.requests.map(\.head.path) == ["/split", "/two"], "split at \(split)")
            #expect(collected.requests.map { String(decoding: $0.body, as: UTF8.self) } == ["abcde", "wxyz"])
        }
        var parser = HTTPRequestParser(maxHeaderBytes: 16 * 1024)
        var requests: [Parsed] = []
        for byte in bytes {
            parser.append([byte])
            let result = Self.drain(&parser, limit: 1024)
            #expect(result.error == nil)
            requests += result.requests
        }
        #expect(requests.map(\.head.path) == ["/split", "/two"])
        #expect(requests.first?.head.headers["X-A"] == "1")
    }

    @Test func ignoresEmptyLinesBeforeTheRequestLine() {
        #expect(Self.parse("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n").requests.count == 1)
    }

    @Test func expectContinueOnlyWithinLimit() {
        let ok = Self.parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n", limit: 100)
        #expect(ok.continues == 1)
        #expect(ok.error == nil)
        let tooBig = Self.parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n", limit: 100)
        #expect(tooBig.continues == 0)
        #expect(tooBig.error == .bodyTooLarge(limit: 100))
    }

    // MARK: Limits

    @Test func headersOverTheLimitAre431() {
        let big = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(String(repeating: "a", count: 2000))\r\n\r\n"
        #expect(Self.error(big, maxHeaderBytes: 1024) == .headersTooLarge(limit: 1024))
        // Also when the end of the head has not arrived yet.
        let unfinished = "GET / HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 2000))"
        #expect(Self.error(unfinished, maxHeaderBytes: 1024) == .headersTooLarge(limit: 1024))
        #expect(HTTPParseError.headersTooLarge(limit: 1).status.code == 431)
    }

    @Test func declaredBodyOverTheLimitIs413BeforeAnyBody() {
        let error = Self.error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2048\r\n\r\n", limit: 1024)
        #expect(error == .bodyTooLarge(limit: 1024))
        #expect(error?.status.code == 413)
    }

    @Test func chunkedBodyGrowingPastTheLimitIs413() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n"
        #expect(Self.error(text, limit: 10) == .bodyTooLarge(limit: 10))
    }

    // MARK: Framing errors

    @Test func contentLengthAndTransferEncodingTogetherAre400() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(Self.error(text) == .conflictingFraming)
        #expect(HTTPParseError.conflictingFraming.status.code == 400)
    }

    @Test(arguments: [
        "Content-Length: 3\r\nContent-Length: 3",
        "Content-Length: 3\r\nContent-Length: 4",
        "Content-Length: 3, 3",
        "Content-Length: abc",
        "Content-Length: -1",
        "Content-Length: +5",
        "Content-Length: ",
        "Content-Length: 99999999999999999999999",
        "Content-Length: 1 2",
    ])
    func invalidContentLengthIs400(header: String) {
        let error = Self.error("POST / HTTP/1.1\r\nHost: h\r\n\(header)\r\n\r\n")
        #expect(error == .invalidContentLength, "\(header)")
        #expect(error?.status.code == 400)
    }

    @Test(arguments: ["gzip", "gzip, chunked", "chunked, gzip", "identity", "deflate"])
    func unsupportedTransferCodingIs501(coding: String) {
        let error = Self.error("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \(coding)\r\n\r\n")
        #expect(error == .unsupportedTransferEncoding)
        #expect(error?.status.code == 501)
    }

    @Test func repeatedChunkedIs400() {
        let error = Self.error("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n")
        #expect(error?.status.code == 400)
    }

    @Test(arguments: ["zz\r\n", "\r\n", ";ext\r\n", "1234567890abcdef0\r\n", "5 x\r\n", "5\r\nhelloXX"])
    func badChunkIs400(chunk: String) {
        let error = Self.error("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n\(chunk)0\r\n\r\n")
        #expect(error == .invalidChunkedBody, "\(chunk.debugDescription)")
    }

    @Test(arguments: ["HTTP/2.0", "HTTP/1.2", "HTTP/3", "HTTP/0.9", "HTTP/10.0"])
    func otherVersionsAre505(version: String) {
        let error = Self.error("GET / \(version)\r\nHost: h\r\n\r\n")
        #expect(error == .unsupportedVersion, "\(version)")
        #expect(error?.status.code == 505)
    }

    @Test(arguments: [
        "GET /\r\n", "GET  / HTTP/1.1\r\n", "GET / HTTP/1.1 \r\n", "GET / HTTX/1.1\r\n", "G(T / HTTP/1.1\r\n",
        "GET /a b HTTP/1.1\r\n", " GET / HTTP/1.1\r\n", "GET / http/1.1\r\n", "GET / HTTP/1.x\r\n",
    ])
    func malformedRequestLineIs400(line: String) {
        let error = Self.error("\(line)Host: h\r\n\r\n")
        #expect(error == .malformedRequestLine, "\(line.debugDescription)")
    }

    @Test(arguments: [
        "Bad Name: x", "Bad(Name): x", "Name : x", "Name\t: x", ": x", "NoColon", "X: a\u{1}b", "X: a\u{7f}",
    ])
    func invalidHeaderIs400(line: String) {
        let error = Self.error("GET / HTTP/1.1\r\nHost: h\r\n\(line)\r\n\r\n")
        if case .invalidHeader = error {} else { Issue.record("\(line.debugDescription) gave \(String(describing: error))") }
    }

    @Test func obsFoldIs400() {
        let error = Self.error("GET / HTTP/1.1\r\nHost: h\r\nX-Long: a\r\n  continued\r\n\r\n")
        if case .invalidHeader(let reason) = error {
            #expect(reason.contains("folding"))
        } else {
            Issue.record("got \(String(describing: error))")
        }
    }

    @Test func bareCRAndBareLFAre400() {
        #expect(Self.error("GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n") == .invalidLineEnding)
        #expect(Self.error("GET / HTTP/1.1\nHost: h\r\n\r\n") == .invalidLineEnding)
        #expect(Self.error("GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n") == .invalidLineEnding)
    }

    @Test func hostRules() {
        #expect(Self.error("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n") == .missingHost)
        #expect(Self.error("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == .missingHost)
        #expect(Self.error("GET / HTTP/1.0\r\n\r\n") == nil)
    }

    @Test func staysFailedAfterAnError() {
        var parser = HTTPRequestParser(maxHeaderBytes: 1024)
        parser.append(Array("GET / HTTP/9.9\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.unsupportedVersion) { try parser.next(bodyLimit: { _ in 0 }) }
        #expect(throws: HTTPParseError.unsupportedVersion) { try parser.next(bodyLimit: { _ in 0 }) }
    }

    @Test func everyErrorHasASnakeCaseCodeAndASentence() {
        let all: [HTTPParseError] = [
            .headersTooLarge(limit: 1), .bodyTooLarge(limit: 1), .malformedRequestLine, .unsupportedVersion,
            .invalidHeader("x"), .invalidLineEnding, .missingHost, .invalidContentLength, .conflictingFraming,
            .unsupportedTransferEncoding, .invalidChunkedBody,
        ]
        for error in all {
            #expect(error.code.allSatisfy { $0.isLowercase || $0 == "_" })
            #expect(error.message.hasSuffix("."))
        }
    }
}
