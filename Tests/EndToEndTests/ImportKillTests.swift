import Foundation
import ShopAdminTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `shopadmin import` killed with SIGKILL halfway and run again: every committed batch was
/// kept, the job resumes after its last one, and the shop ends with exactly the file's
/// customers and an intact database. The issue asks for 200,000 rows; the suite uses
/// `SHOPADMIN_KILL_TEST_ROWS` (default 20,000) to stay well under a minute on a loaded
/// 2-core machine; `Scripts/bench/import` runs the 200,000-row kill.
@Suite("import killed halfway")
struct ImportKillTests {
    typealias Binary = ShopAdminBinary

    static var rows: Int { Int(ProcessInfo.processInfo.environment["SHOPADMIN_KILL_TEST_ROWS"] ?? "") ?? 20_000 }

    /// The last `done/total` the progress bar drew on stderr.
    static func progress(_ path: String) -> Int {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        guard let last = text.split(separator: "\r").last, let slash = last.split(separator: " ").first(where: { $0.contains("/") }) else {
            return 0
        }
        return Int(slash.split(separator: "/").first ?? "") ?? 0
    }

    static func sqlite(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.timeLimit(.minutes(3)))
    func killedImportResumesToExactlyTheFilesCustomers() async throws {
        let data = freeTemporaryDirectory(prefix: "e2e-import-kill")
        let created = try await Binary.run(
            [
                "shop", "create", "kill", "--name", "Kill", "--tier", "pro", "--owner-email", "o@kill.example.com", "--owner-password",
                "owner-pass-1",
            ],
            dataDirectory: data)
        try #require(created.status == 0, "\(created.stderr)")
        let file = data + "/customers.csv"
        var csv = "customerNumber,firstName,lastName,email,phone,newsletter\r\n"
        for index in 0..<Self.rows {
            csv += "K\(index),Aino\(index),Mäkinen,aino.\(index)@example.fi,+35840\(String(format: "%07d", index)),\(index % 2 == 0)\r\n"
        }
        try csv.write(toFile: file, atomically: true, encoding: .utf8)

        let output = freeTemporaryDirectory(prefix: "e2e-import-kill-output")
        let first = try Binary.launch(
            ["import", "kill", file, "--data-dir", data], stdout: output + "/stdout", stderr: output + "/stderr")
        let deadline = Date().addingTimeInterval(120)
        while Self.progress(output + "/stderr") < Self.rows / 2 && first.isRunning && Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(first.isRunning, "the import ended before it could be killed: \(Self.progress(output + "/stderr")) rows")
        kill(first.processIdentifier, SIGKILL)
        let status = await Binary.waitForExit(first)
        #expect(status != 0)
        let database = data + "/kill/shop.sqlite"
        let atKill = Int(try Self.sqlite(database, "SELECT count(*) FROM customer")) ?? -1
        #expect(atKill > 0 && atKill < Self.rows, "killed halfway: \(atKill) customers committed")
        let committed = try Self.sqlite(database, "SELECT done || ' ' || resume_at || ' ' || status FROM job")
        #expect(committed.hasSuffix("running"), "the job row still says running: \(committed)")

        let second = try await Binary.run(["import", "kill", file], dataDirectory: data)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("resuming job 1"), "\(second.stderr)")
        #expect(second.stdout.contains(" \(Self.rows) created, 0 updated, 0 unchanged, 0 failed"), "\(second.stdout)")
        #expect(try Self.sqlite(database, "SELECT count(*) FROM customer") == String(Self.rows))
        #expect(try Self.sqlite(database, "SELECT count(DISTINCT customer_number) FROM customer") == String(Self.rows))
        #expect(try Self.sqlite(database, "PRAGMA integrity_check") == "ok")
        #expect(try Self.sqlite(database, "SELECT status || ' ' || done FROM job") == "done \(Self.rows)")
        #expect(try Self.sqlite(database, "SELECT count(*) FROM customer_search") == String(Self.rows))

        // A third run is a new job that finds every customer already there.
        let third = try await Binary.run(["import", "kill", file, "--quiet"], dataDirectory: data)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("0 created, 0 updated, \(Self.rows) unchanged, 0 failed"), "\(third.stdout)")

        let missing = try await Binary.run(["import", "kill", data + "/nope.csv"], dataDirectory: data)
        CommandLineTests.expectOneLineFailure(missing, "missing file")
        let usage = try await Binary.run(["import", "kill"], dataDirectory: data)
        CommandLineTests.expectOneLineFailure(usage, "no file", status: 2)
        let exportBad = try await Binary.run(["export", "kill", "--format", "excel"], dataDirectory: data)
        CommandLineTests.expectOneLineFailure(exportBad, "bad format", status: 2)
    }
}
