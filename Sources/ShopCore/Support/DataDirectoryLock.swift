import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock on a data directory, held by the server for its lifetime and by each
/// CLI command while it runs. Each database must have one connection only (SQLite 3.40's
/// WAL-reset race needs two), so a second process never opens the same files.
public final class DataDirectoryLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock or throws an error that says who holds it.
    public init(dataDirectory: String) throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let path = dataDirectory + "/.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw LockError(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmedWhitespace()
            close(fd)
            throw LockError(
                message: "the data directory \(dataDirectory) is in use by another shopadmin process"
                    + (holder.map { $0.isEmpty ? "" : " (pid \($0))" } ?? "")
                    + "; stop the server or use the operator API")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    deinit {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The lock is held by someone else.
    public struct LockError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
