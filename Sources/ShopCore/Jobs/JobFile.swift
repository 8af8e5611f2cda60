import Foundation

/// A file a job works on in the shop's folder (an export it writes under `exports/`, an
/// upload an import reads from `imports/`), and the blocking file work on it, run on a serial
/// dispatch queue of its own (never on the cooperative pool, never on the global queue, whose
/// few threads other work shares), as the maildir does.
struct JobFile: Sendable {
    let path: String

    private static let files = DispatchQueue(label: "shopadmin.job-files")

    /// The folder of a shop's export files.
    static func folder(dataDirectory: String, slug: ShopSlug) -> String { "\(dataDirectory)/\(slug.value)/exports" }

    /// Cuts the file to `length` bytes (the part a committed progress row vouches for, after a
    /// crash), creating it and its folder when missing.
    func truncate(to length: Int) async throws {
        let path = self.path
        try await Self.run {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw HTTPError(.internalServerError, code: "export_not_written", message: "The export file could not be created.")
                }
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.truncate(atOffset: UInt64(length))
            try handle.synchronize()
        }
    }

    /// Writes `bytes` at `offset` and (unless `sync` is false) syncs them to disk before the
    /// caller records progress, so a committed progress row never counts bytes the disk lacks.
    func append(_ bytes: [UInt8], at offset: Int, sync: Bool = true) async throws {
        let path = self.path
        try await Self.run {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(offset))
            try handle.write(contentsOf: bytes)
            if sync { try handle.synchronize() }
        }
    }

    /// Up to `count` bytes from `offset` (empty at the end), for the download.
    func read(at offset: Int, count: Int) async throws -> [UInt8] {
        let path = self.path
        return try await Self.run {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(offset))
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        }
    }

    /// The file's size, nil when it is gone.
    func size() async -> Int? {
        let path = self.path
        return try? await Self.run { (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue }
    }

    func remove() async {
        let path = self.path
        try? await Self.run { try FileManager.default.removeItem(atPath: path) }
    }

    private static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            files.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
