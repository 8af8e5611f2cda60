import Dispatch
import Foundation
import Synchronization

/// A child process started with `posix_spawnp` (not Foundation's `Process`, whose `run` has
/// crashed when several suites launched at once), its output going to files so no pipe can
/// fill up and block it. Ended only by its own pid, and never signalled once reaped (the
/// number could belong to another process by then).
public final class SpawnedProcess: Sendable {
    public let pid: pid_t
    private let reaped = Mutex(false)

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `arguments[0]` (searched on PATH) with the rest as its arguments.
    public static func spawn(_ arguments: [String], stdout: String, stderr: String) throws -> SpawnedProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard status == 0 else { throw TestClientError("cannot start \(arguments[0]): \(String(cString: strerror(status)))") }
        return SpawnedProcess(pid: pid)
    }

    /// Runs a command to completion off the cooperative pool; returns its exit status and output.
    public static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let folder = freeTemporaryDirectory(prefix: "spawned")
        let process = try spawn(arguments, stdout: folder + "/out", stderr: folder + "/out")
        let status = await process.waitForExit()
        return (status, (try? String(contentsOfFile: folder + "/out", encoding: .utf8)) ?? "")
    }

    /// Waits on a thread of its own for the process to end (never the global queue, whose few
    /// threads a long wait would take from other tests); returns its exit code (128 + signal
    /// when a signal ended it).
    public func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "spawned.wait.\(pid)").async {
                var status: Int32 = 0
                self.reaped.withLock { reaped in
                    if !reaped { while waitpid(self.pid, &status, 0) < 0 && errno == EINTR {} }
                    reaped = true
                }
                let signal = status & 0x7F
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xFF : 128 + signal)
            }
        }
    }

    /// Whether the process has ended (reaping it if so).
    public func hasExited() -> Bool {
        reaped.withLock { reaped in
            var status: Int32 = 0
            if !reaped && waitpid(pid, &status, WNOHANG) == pid { reaped = true }
            return reaped
        }
    }

    /// Sends SIGKILL unless the process is already reaped, then reaps it on a thread of its own.
    public func kill() {
        let pid = self.pid
        let killed = reaped.withLock { reaped -> Bool in
            guard !reaped else { return false }
            _ = Glibc.kill(pid, SIGKILL)
            reaped = true  // from here on only the reaper below waits for it
            return true
        }
        guard killed else { return }
        DispatchQueue(label: "spawned.reap.\(pid)").async {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }
}
