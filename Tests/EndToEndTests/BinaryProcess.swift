import Foundation
import ShopAdminTesting
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built `shopadmin` executable, run as a subprocess the way an operator runs it.
enum ShopAdminBinary {
    /// What one command printed and how it ended.
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `$SHOPADMIN_BINARY`, else `shopadmin` next to the test bundle (SwiftPM puts both in
    /// the same build products folder).
    static func path() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["SHOPADMIN_BINARY"], !override.isEmpty { return override }
        let folders = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ]
        for folder in folders {
            let candidate = folder.appendingPathComponent("shopadmin").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let searched = folders.map(\.path).joined(separator: ", ")
        Issue.record("the shopadmin binary was not found in \(searched); build it (swift build --build-tests) or set SHOPADMIN_BINARY")
        throw TestClientError("shopadmin binary not found in \(searched)")
    }

    /// The environment commands run with: a cheap password hash, no inherited data directory.
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SHOPADMIN_PASSWORD_ITERATIONS"] = "1000"
        environment["SHOPADMIN_DATA"] = nil
        return environment
    }

    private static let launches = Mutex(())

    /// Starts the binary with stdout and stderr going to files (no pipe can fill and block it).
    static func launch(_ arguments: [String], stdout: String, stderr: String) throws -> Process {
        _ = FileManager.default.createFile(atPath: stdout, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        // One launch at a time: Foundation's Process.run crashed once (a bad read inside it)
        // with several suites launching at once in one test process.
        try launches.withLock { _ in try process.run() }
        return process
    }

    /// Runs one command to completion. `dataDirectory` is passed as `--data-dir`.
    static func run(_ arguments: [String], dataDirectory: String?) async throws -> Result {
        let folder = freeTemporaryDirectory(prefix: "shopadmin-cli-output")
        let arguments = arguments + (dataDirectory.map { ["--data-dir", $0] } ?? [])
        let process = try launch(arguments, stdout: folder + "/stdout", stderr: folder + "/stderr")
        let status = await waitForExit(process)
        return Result(
            status: status, stdout: (try? String(contentsOfFile: folder + "/stdout", encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: folder + "/stderr", encoding: .utf8)) ?? "")
    }

    /// Waits off the cooperative pool for the process to end; returns its exit status.
    static func waitForExit(_ process: Process) async -> Int32 {
        let box = ProcessBox(process)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                box.process.waitUntilExit()
                continuation.resume(returning: box.process.terminationStatus)
            }
        }
    }
}

/// Carries a `Process` to the queue that waits for it.
// @unchecked: the process is only waited on and read after exit; Foundation locks its state.
final class ProcessBox: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}

/// `shopadmin serve` running on a free port over a data directory.
// @unchecked: `process` is only signalled and waited on (Foundation locks it); the rest is immutable.
final class ServerProcess: @unchecked Sendable {
    let process: Process
    let port: Int
    /// The token printed on a data directory's first start; nil on later starts.
    let operatorToken: String?
    let stdoutPath: String
    let stderrPath: String

    private init(process: Process, port: Int, operatorToken: String?, stdoutPath: String, stderrPath: String) {
        self.process = process
        self.port = port
        self.operatorToken = operatorToken
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Starts `serve --port 0` and waits (up to 20 s) for its `listening on` line.
    static func start(dataDirectory: String, extra: [String] = []) async throws -> ServerProcess {
        let folder = freeTemporaryDirectory(prefix: "shopadmin-serve-output")
        let stdout = folder + "/stdout"
        let stderr = folder + "/stderr"
        let process = try ShopAdminBinary.launch(
            ["serve", "--port", "0", "--data-dir", dataDirectory] + extra, stdout: stdout, stderr: stderr)
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? ""
            if let port = firstMatch(#"listening on http://127\.0\.0\.1:([0-9]+)"#, in: text).flatMap({ Int($0) }) {
                let token = firstMatch(#"operator token \(shown once, stored hashed\): (\S+)"#, in: text)
                return ServerProcess(process: process, port: port, operatorToken: token, stdoutPath: stdout, stderrPath: stderr)
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let output = (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
        throw TestClientError("shopadmin serve did not start listening:\n\(output)\n\(errors)")
    }

    /// Everything printed on stdout so far.
    var output: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var errorOutput: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends a signal without waiting.
    func signal(_ number: Int32 = SIGTERM) {
        kill(process.processIdentifier, number)
    }

    /// Sends SIGTERM and waits for the exit status.
    func stop() async -> Int32 {
        signal(SIGTERM)
        return await ShopAdminBinary.waitForExit(process)
    }

    /// One request on its own connection.
    func request(
        _ method: String = "GET", _ path: String, token: String? = nil, json: String? = nil
    ) async throws -> TestResponse {
        var headers: [(String, String)] = []
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if json != nil { headers.append(("Content-Type", "application/json")) }
        return try await TestHTTPClient.request(port: port, method: method, path: path, headers: headers, body: Array((json ?? "").utf8))
    }

    /// A GET on its own connection.
    func request(_ path: String, token: String? = nil) async throws -> TestResponse {
        try await request("GET", path, token: token, json: nil)
    }

    /// Signs in to a shop and returns the session token.
    func signIn(_ shop: String, email: String, password: String) async throws -> String {
        let response = try await request("POST", "/shops/\(shop)/api/sessions", json: #"{"email":"\#(email)","password":"\#(password)"}"#)
        try #require(response.status == 201, "sign-in: \(response.status) \(response.text)")
        return try #require(response.jsonObject?["token"] as? String)
    }
}

/// The first capture group of `pattern` in `text`.
func firstMatch(_ pattern: String, in text: String) -> String? {
    guard let expression = try? NSRegularExpression(pattern: pattern),
        let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
        match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text)
    else { return nil }
    return String(text[range])
}
