import HTTPClient
import ShopAdminTesting
import TLS
import Testing

/// POSTs to `https` URLs over the TLS target against a real TLS server (Python's ssl): the
/// certificate verified against the system's authorities by default (a self-signed receiver is
/// refused, naming why), trusted through a CA file, and its name checked against the host.
@Suite("HTTPS client")
struct HTTPSClientTests {
    @Test func postsOverTLSToAReceiverTrustedThroughACAFile() async throws {
        let certificate = try await SelfSignedCertificate.make()
        let receiver = try await HTTPSReceiver.start(certificate: certificate)
        defer { receiver.stop() }
        let url = try HTTPClientURL("https://localhost:\(receiver.port)/hooks?shop=demo")
        let body = Array(#"{"event":"customer.created","name":"Äänekoski"}"#.utf8)

        // The system's authorities do not know a self-signed receiver.
        do {
            _ = try await HTTPClient.post(url, headers: [("Content-Type", "application/json")], body: body)
            Issue.record("a self-signed certificate was accepted")
        } catch {
            #expect(error.kind == .tls, "\(error)")
            #expect(error.message.contains("self-signed"), "\(error)")
        }
        #expect(receiver.posts().isEmpty)

        let response = try await HTTPClient.post(
            url, headers: [("Content-Type", "application/json"), ("X-Test", "1")], body: body,
            verification: .trusting(pemFile: certificate.certificate))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "received")
        let posts = try await receiver.waitForPosts(1)
        #expect(posts.count == 1)
        #expect(posts.first?.path == "/hooks?shop=demo")
        #expect(posts.first?.body == String(decoding: body, as: UTF8.self))
        #expect(posts.first?.headers["X-Test"] == "1")
        #expect(posts.first?.headers["Host"] == "localhost:\(receiver.port)")
    }

    @Test func aCertificateForAnotherNameIsRefused() async throws {
        let certificate = try await SelfSignedCertificate.make(names: ["DNS:erp.example"])
        let receiver = try await HTTPSReceiver.start(certificate: certificate)
        defer { receiver.stop() }
        do {
            _ = try await HTTPClient.post(
                try HTTPClientURL("https://127.0.0.1:\(receiver.port)/"), headers: [], body: [],
                verification: .trusting(pemFile: certificate.certificate))
            Issue.record("a certificate for another name was accepted")
        } catch {
            #expect(error.kind == .tls, "\(error)")
        }
        #expect(receiver.posts().isEmpty)
    }
}
