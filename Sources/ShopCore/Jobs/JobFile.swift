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

    /// How long an export's file stays for download after it was last written: personal data
    /// of every customer in a file nobody asked for again is not kept for good.
    static let exportRetention: TimeInterval = 7 * 24 * 60 * 60

    /// Removes the shop's export files last written more than `retention` ago; returns how
    /// many. A running export writes its file all the time, so only finished ones go; their
    /// jobs stay listed, and a download answers 404 `export_file_gone`.
    @discardableResult
    static func sweepExports(folder: String, retention: TimeInterval = exportRetention, now: Date = Date()) async -> Int {
        (try? await run {
            let manager = FileManager.default
            var removed = 0
            for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".csv") {
                let path = "\(folder)/\(name)"
                guard let written = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                    now.timeIntervalSince(written) > retention
                else { continue }
                if (try? manager.removeItem(atPath: path)) != nil { removed += 1 }
            }
            return removed
        }) ?? 0
    }

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
