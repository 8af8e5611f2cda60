import Foundation

/// Creates a fresh, empty directory under the system temporary directory and returns its
/// path, so each test owns its files (databases, exports) and parallel tests never collide.
/// The caller removes it when it cares to; the system cleans the temporary directory anyway.
public func freeTemporaryDirectory(prefix: String = "shopadmin-test") -> String {
    let base = FileManager.default.temporaryDirectory.path
    var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
    let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard let created else {
        let fallback = "\(base)/\(prefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: fallback, withIntermediateDirectories: true)
        return fallback
    }
    return String(cString: created)
}

/// Raises this process's soft limit on open files towards `count` (never above the hard
/// limit), for tests that hold many connections open at once.
/// - Returns: the soft limit now in force.
@discardableResult
public func raiseOpenFileLimit(to count: Int) -> Int {
    var limits = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 else { return 0 }
    let wanted = min(rlim_t(count), limits.rlim_max)
    if limits.rlim_cur < wanted {
        limits.rlim_cur = wanted
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits)
        _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits)
    }
    return Int(limits.rlim_cur)
}
