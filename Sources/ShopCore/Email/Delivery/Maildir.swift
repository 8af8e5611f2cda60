import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A shop's local mailbox in Maildir format (`<data>/<slug>/maildir/{tmp,new,cur}`): where
/// email goes when the shop has no SMTP relay (the embedded demo), readable through the email
/// log. A message is written to `tmp/`, synced, then renamed into `new/`, so a reader never
/// sees half a message and a crash leaves at most a stray file in `tmp/`
/// (https://cr.yp.to/proto/maildir.html). The system calls of delivery live in this file.
struct Maildir: Sendable {
    /// The maildir folder.
    let root: String

    /// The maildir of the shop whose database is at `databasePath`.
    init(databasePath: String) {
        root = (databasePath as NSString).deletingLastPathComponent + "/maildir"
    }

    private static let counter = Atomic<Int>(0)
    /// Where the blocking file work runs: a serial queue of its own, which gets a thread of its
    /// own, rather than the global queue, whose few threads (one per core on Linux) other work
    /// shares.
    private static let files = DispatchQueue(label: "shopadmin.maildir")

    /// Delivers one message; returns its place relative to the maildir (`new/<name>`). The
    /// blocking file work runs on a dispatch thread, never on the cooperative pool.
    func deliver(_ message: [UInt8]) async throws -> String {
        let root = self.root
        return try await withCheckedThrowingContinuation { continuation in
            Maildir.files.async {
                continuation.resume(with: Result { try Maildir.write(message, root: root) })
            }
        }
    }

    private static func write(_ message: [UInt8], root: String) throws -> String {
        for folder in ["", "/tmp", "/new", "/cur"] {
            try FileManager.default.createDirectory(
                atPath: root + folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        // time.M<microseconds>P<pid>Q<counter>.host: unique on this host, as the format asks.
        let host = ProcessInfo.processInfo.hostName.replacingOccurrences(of: "/", with: "\\057")
            .replacingOccurrences(of: ":", with: "\\072")
        let name = "\(now.tv_sec).M\(now.tv_nsec / 1000)P\(getpid())Q\(counter.add(1, ordering: .relaxed).newValue).\(host)"
        let temporary = "\(root)/tmp/\(name)"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("create", temporary) }
        var offset = 0
        while offset < message.count {
            let written = message[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let error = failure("write", temporary)
                close(fd)
                unlink(temporary)
                throw error
            }
            offset += written
        }
        guard fsync(fd) == 0 else {
            let error = failure("sync", temporary)
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, "\(root)/new/\(name)") == 0 else {
            let error = failure("move into new/", temporary)
            unlink(temporary)
            throw error
        }
        // The rename is durable only once the directory is synced.
        let directory = open("\(root)/new", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return "new/\(name)"
    }

    /// The message stored at `file` (as `deliver` returned it), also after a mail reader moved
    /// it to `cur/` and added flags (`cur/<name>:2,S`); nil when it is gone. Read on a dispatch
    /// thread, like `deliver`.
    func read(_ file: String) async -> [UInt8]? {
        let root = self.root
        return await withCheckedContinuation { continuation in
            Maildir.files.async { continuation.resume(returning: Maildir.read(file, root: root)) }
        }
    }

    private static func read(_ file: String, root: String) -> [UInt8]? {
        guard let name = Self.name(file) else { return nil }
        if let data = FileManager.default.contents(atPath: "\(root)/new/\(name)") { return Array(data) }
        let moved = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/cur"))?.first { $0 == name || $0.hasPrefix(name + ":") }
        return moved.flatMap { FileManager.default.contents(atPath: "\(root)/cur/\($0)") }.map(Array.init)
    }

    /// Removes messages (a customer's, at erasure), wherever the reader moved them.
    func remove(_ files: [String]) {
        guard !files.isEmpty else { return }
        let current = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/cur")) ?? []
        for name in files.compactMap(Self.name) {
            unlink("\(root)/new/\(name)")
            for moved in current where moved == name || moved.hasPrefix(name + ":") { unlink("\(root)/cur/\(moved)") }
        }
    }

    /// The bare file name of a stored `new/<name>`; nil for anything that could leave the folder.
    private static func name(_ file: String) -> String? {
        guard file.hasPrefix("new/") else { return nil }
        let name = String(file.dropFirst(4))
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else { return nil }
        return name
    }

    private static func failure(_ action: String, _ path: String) -> MaildirError {
        MaildirError(message: "cannot \(action) \(path): \(String(cString: strerror(errno)))")
    }
}

/// A maildir write that failed, with the system's reason; delivery retries it later.
struct MaildirError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
