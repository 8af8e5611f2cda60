import Dispatch
import TLS

/// A response as the client read it: the status, the headers in order, and the body (at most
/// the request's `maxBodyBytes`; `bodyTruncated` says when more was sent).
public struct HTTPClientResponse: Sendable {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]
    public let bodyTruncated: Bool
}

/// A small HTTP/1.1 client for outbound calls (webhooks): one request per connection
/// (`Connection: close`), over TCP or, for an `https` URL, TLS with the server's certificate
/// verified (the `TLS` target's connections, shared with the SMTP client), a connect deadline
/// and a read/write timeout. The blocking
/// conversation runs on a dispatch queue of its own; async callers wait on a continuation, so no
/// thread of the cooperative pool (nor of the global dispatch queue) ever blocks on a socket.
///
/// ```swift
/// let url = try HTTPClientURL("http://erp.example/hooks")
/// let response = try await HTTPClient.post(url, headers: [("Content-Type", "application/json")], body: bytes)
/// ```
public enum HTTPClient {
    /// Sends one POST and reads the answer.
    /// - Parameters:
    ///   - connectTimeout: seconds to resolve and connect.
    ///   - timeout: seconds any one read or write may block.
    ///   - maxBodyBytes: how much of the response body is kept.
    ///   - verification: which certificates an `https` server may present: the system's
    ///     authorities by default, plus a PEM file's (a private CA) with `.trusting`.
    /// - Throws: `HTTPClientError` when no HTTP answer came (connection, TLS, timeout, protocol).
    public static func post(
        _ url: HTTPClientURL, headers: [(String, String)], body: [UInt8], connectTimeout: Double = 10, timeout: Double = 30,
        maxBodyBytes: Int = 65_536, verification: CertificateVerification = .system
    ) async throws(HTTPClientError) -> HTTPClientResponse {
        let headerList = headers.map { HeaderPair(name: $0.0, value: $0.1) }
        let result: Result<HTTPClientResponse, HTTPClientError> = await withCheckedContinuation { continuation in
            // A queue of its own: a serial queue gets a thread of its own, while the global
            // queue has one per core on Linux and a blocked socket there would starve others.
            DispatchQueue(label: "shopadmin.http-client").async {
                continuation.resume(
                    returning: Result { () throws(HTTPClientError) -> HTTPClientResponse in
                        try exchange(
                            url, headers: headerList, body: body, connectTimeout: connectTimeout, timeout: timeout,
                            maxBodyBytes: maxBodyBytes, verification: verification)
                    })
            }
        }
        return try result.get()
    }

    private struct HeaderPair: Sendable {
        let name: String
        let value: String
    }

    /// The blocking conversation: connect, write the request, read the response.
    private static func exchange(
        _ url: HTTPClientURL, headers: [HeaderPair], body: [UInt8], connectTimeout: Double, timeout: Double, maxBodyBytes: Int,
        verification: CertificateVerification
    ) throws(HTTPClientError) -> HTTPClientResponse {
        for header in headers {
            let text = header.name + header.value
            guard !text.utf8.contains(where: { $0 == 13 || $0 == 10 }) else {
                throw HTTPClientError(.invalidRequest, "header \(header.name) contains a line break")
            }
        }
        var head = "POST \(url.target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "\r\n"
        let stream: any ByteStream
        do throws(StreamError) {
            let tcp = try TCPConnection.connect(host: url.host, port: url.port, timeout: connectTimeout, ioTimeout: timeout)
            stream = url.isSecure ? try TLSConnection(over: tcp, host: url.host, verification: verification) : tcp
        } catch {
            throw HTTPClientError(error)
        }
        defer { stream.close() }
        var parser = ResponseParser(maxBodyBytes: maxBodyBytes)
        do throws(StreamError) { try stream.write(Array(head.utf8) + body) } catch { throw HTTPClientError(error) }
        while true {
            let bytes: [UInt8]
            do throws(StreamError) { bytes = try stream.read(maxCount: 16_384) } catch { throw HTTPClientError(error) }
            if let response = try parser.feed(bytes) { return response }
        }
    }
}
