import Foundation
import SMTP
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Failures that need no SMTP server: nothing listening, a server that never speaks, a
/// cancelled caller. All are transient: a later attempt may succeed.
@Suite("SMTP connection failures")
struct SMTPConnectionFailureTests {
    /// A loopback socket that accepts connections into its backlog and never says a word.
    final class SilentListener: Sendable {
        private let fd: Mutex<Int32>
        let port: Int

        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            guard bound, listen(fd, 8) == 0 else { throw SMTPError(.connection, "cannot listen") }
            self.fd = Mutex(fd)
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        /// Closes the socket once; the number may belong to another test's file right after.
        func close() {
            fd.withLock { fd in
                if fd >= 0 { _ = Glibc.close(fd) }
                fd = -1
            }
        }

        deinit { close() }
    }

    @Test func nothingListeningIsAConnectionFailure() async throws {
        let listener = try SilentListener()
        let port = listener.port
        listener.close()  // the port is now closed: connect is refused
        var configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: .none)
        configuration.connectTimeout = 5
        let error = await #expect(throws: SMTPError.self) { try await SMTPSession.open(configuration) }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("refused") == true)
        #expect(error?.isPermanent == false)
    }

    @Test func anUnknownHostIsAConnectionFailure() async throws {
        let configuration = SMTPConfiguration(host: "no-such-host.invalid", port: 25, security: .none)
        let error = await #expect(throws: SMTPError.self) { try await SMTPSession.open(configuration) }
        #expect(error?.kind == .connection)
        #expect(error?.message.hasPrefix("cannot resolve no-such-host.invalid") == true)
    }

    @Test func aServerThatNeverGreetsTimesOut() async throws {
        let listener = try SilentListener()
        var configuration = SMTPConfiguration(host: "127.0.0.1", port: listener.port, security: .none)
        configuration.commandTimeout = 0.3
        let started = ContinuousClock.now
        let error = await #expect(throws: SMTPError.self) { try await SMTPSession.open(configuration) }
        #expect(error?.kind == .timeout)
        // The configured 0.3 s, not the default minute (loose: the machine is shared).
        #expect(ContinuousClock.now - started < .seconds(50))
        withExtendedLifetime(listener) {}
    }

    @Test func cancellingTheCallerEndsABlockedRead() async throws {
        let listener = try SilentListener()
        var configuration = SMTPConfiguration(host: "127.0.0.1", port: listener.port, security: .none)
        configuration.commandTimeout = 120
        let started = ContinuousClock.now
        let task = Task { try await SMTPSession.open(configuration) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        #expect(throws: SMTPError.self) { try result.get() }
        // At once rather than at the two-minute timeout (loose: the machine is shared).
        #expect(ContinuousClock.now - started < .seconds(60))
        withExtendedLifetime(listener) {}
    }

    @Test func onlyThisHostIsLoopback() {
        for host in ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"] {
            #expect(SMTPConfiguration(host: host, port: 25, security: .none).isLoopback, "\(host)")
        }
        for host in ["smtp.example.fi", "10.0.0.1", "localhost.example.fi", "::2"] {
            #expect(!SMTPConfiguration(host: host, port: 25, security: .none).isLoopback, "\(host)")
        }
    }

    @Test func credentialsNeverPrintThePassword() {
        let credentials = SMTPCredentials(username: "kauppa", password: "hemlig-123")
        #expect(!"\(credentials)".contains("hemlig"))
    }
}
