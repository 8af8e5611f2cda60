import Foundation

/// An HTTPS server that records what is POSTed to it, for the webhook tests over TLS:
/// `Tests/External/https_receiver.py` (Python's http.server and ssl, nothing from PyPI) on a
/// free loopback port with a `SelfSignedCertificate`.
///
/// ```swift
/// let receiver = try await HTTPSReceiver.start(certificate: try await SelfSignedCertificate.make())
/// defer { receiver.stop() }
/// ```
public final class HTTPSReceiver: Sendable {
    public let port: Int
    private let directory: String
    private let process: SpawnedProcess

    private init(port: Int, directory: String, process: SpawnedProcess) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    deinit { process.kill() }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("External/https_receiver.py").path

    /// Starts the receiver and waits until it accepts connections.
    public static func start(certificate: SelfSignedCertificate) async throws -> HTTPSReceiver {
        let directory = freeTemporaryDirectory(prefix: "https-receiver")
        let process = try SpawnedProcess.spawn(
            [
                "python3", script, "--cert", certificate.certificate, "--key", certificate.key, "--out", directory + "/posts.jsonl",
                "--parent", String(getpid()),
            ], stdout: directory + "/stdout", stderr: directory + "/stderr")
        for _ in 0..<300 {
            let output = (try? String(contentsOfFile: directory + "/stdout", encoding: .utf8)) ?? ""
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }), let port = Int(line.dropFirst(6)) {
                return HTTPSReceiver(port: port, directory: directory, process: process)
            }
            if process.hasExited() { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.kill()
        let errors = (try? String(contentsOfFile: directory + "/stderr", encoding: .utf8)) ?? ""
        throw TestClientError("the HTTPS receiver did not start: \(errors.suffix(2000))")
    }

    public func stop() { process.kill() }

    /// One request as received.
    public struct Post: Sendable {
        public let path: String
        public let headers: [String: String]
        public let body: String
    }

    /// The POSTs received so far, oldest first.
    public func posts() -> [Post] {
        let text = (try? String(contentsOfFile: directory + "/posts.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else { return nil }
            return Post(
                path: object["path"] as? String ?? "", headers: object["headers"] as? [String: String] ?? [:],
                body: object["body"] as? String ?? "")
        }
    }

    /// Waits up to `timeout` seconds for at least `count` POSTs; returns them all.
    public func waitForPosts(_ count: Int, timeout: Double = 20) async throws -> [Post] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let received = posts()
            if received.count >= count || Date() > deadline { return received }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
