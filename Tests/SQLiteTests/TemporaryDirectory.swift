import Foundation

/// A fresh directory under the system temp dir, removed when the fixture is released.
final class TemporaryDirectory {
    let url: URL

    private init(url: URL) {
        self.url = url
    }

    static func make() throws -> TemporaryDirectory {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sqlite-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return TemporaryDirectory(url: url)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: path(name))
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
