import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// The export to a file as a job: written under the shop's folder, downloadable when done,
/// byte for byte the streamed export of the same parameters; after a crash it cuts the file back
/// to its last committed page and goes on, so the file holds every customer once.
@Suite("Customer export jobs")
struct ExportJobTests {
    static func waitForJob(_ shop: CustomerShop, _ id: Int) async throws -> [String: Any] {
        for _ in 0..<600 {
            let job = try #require(try await shop.api("GET", "/jobs/\(id)").jsonObject?["job"] as? [String: Any])
            if job["status"] as? String != "running" { return job }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("job \(id) did not finish")
        return [:]
    }

    static func startExport(_ shop: CustomerShop, _ query: String) async throws -> Int {
        let started = try await shop.api("POST", "/customers/export-jobs?\(query)")
        try #require(started.status == 202, "\(started.text)")
        let job = try #require(started.jsonObject?["job"] as? [String: Any])
        #expect(job["kind"] as? String == "customer-export")
        return try #require(job["id"] as? Int)
    }

    @Test func anExportJobWritesTheFileTheStreamedExportWouldSend() async throws {
        try await CustomerShop.with { shop in
            for index in 0..<12 { try await shop.create(CustomerShop.minimal("exp\(index)", ["lastName": index < 8 ? "Laine" : "Salo"])) }
            let query = "format=native&separator=semicolon&bom=true&q=laine"
            let id = try await Self.startExport(shop, query)
            let job = try await Self.waitForJob(shop, id)
            #expect(job["status"] as? String == "done", "\(job)")
            #expect((job["progress"] as? [String: Any])?["total"] as? Int == 8, "\(job)")
            #expect((job["result"] as? [String: Any])?["rows"] as? Int == 8, "\(job)")
            let file = try await shop.api("GET", "/jobs/\(id)/file")
            #expect(file.status == 200, "\(file.text)")
            #expect(file.header("Content-Type")?.hasPrefix("text/csv") == true)
            let streamed = try await shop.api("GET", "/customers/export.csv?\(query)")
            #expect(file.body == streamed.body, "the job's file is the streamed export")
            #expect(file.text.components(separatedBy: "\r\n").count == 1 + 8 + 1)
            // The file lives under the shop's own folder.
            let folder = shop.server.dataDirectory + "/\(shop.slug)/exports"
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1)

            let audit = try await shop.database { db in
                try db.scalar(
                    "SELECT count(*) FROM audit_log WHERE action IN ('customers.exported', 'customers.export_downloaded')", as: Int.self)
            }
            #expect(audit == 1 + 1 + 1, "the job's export, the streamed one and the download")

            let bad = try await shop.api("POST", "/customers/export-jobs?format=excel")
            #expect(bad.status == 400 && bad.errorField == "format", "\(bad.text)")
            let unknown = try await shop.api("POST", "/customers/export-jobs?colour=red")
            #expect(unknown.status == 400 && unknown.errorField == "colour", "\(unknown.text)")
            let massJob = try await CustomerMassActionTests.runJob(shop, ["action": "enable", "all": true])
            let noFile = try await shop.api("GET", "/jobs/\(massJob["id"] as? Int ?? 0)/file")
            #expect(noFile.status == 404 && noFile.errorCode == "job_has_no_file", "\(noFile.text)")
            let readOnly = try await shop.signInMember(role: "read-only")
            #expect(try await shop.api("GET", "/jobs/\(id)/file", token: readOnly).status == 403)
            #expect(try await shop.api("POST", "/customers/export-jobs", token: readOnly).status == 403)
        }
    }

    /// Export files are kept for a week after they were written: the next export (or the next
    /// server start) removes older ones; their jobs stay, and a download says the file is gone.
    @Test func exportFilesOlderThanAWeekAreSwept() async throws {
        try await CustomerShop.with { shop in
            for index in 0..<3 { try await shop.create(CustomerShop.minimal("sweep\(index)")) }
            let old = try await Self.startExport(shop, "format=native")
            let oldJob = try await Self.waitForJob(shop, old)
            let oldPath = try #require((oldJob["parameters"] as? [String: Any])?["file"] as? String)
            let recent = try await Self.startExport(shop, "format=shopify")
            _ = try await Self.waitForJob(shop, recent)
            let eightDaysAgo = Date().addingTimeInterval(-8 * 24 * 60 * 60)
            try FileManager.default.setAttributes([.modificationDate: eightDaysAgo], ofItemAtPath: oldPath)

            let third = try await Self.startExport(shop, "format=magento")
            _ = try await Self.waitForJob(shop, third)
            #expect(!FileManager.default.fileExists(atPath: oldPath), "the week-old file is gone")
            let gone = try await shop.api("GET", "/jobs/\(old)/file")
            #expect(gone.status == 404 && gone.errorCode == "export_file_gone", "\(gone.text)")
            #expect(gone.text.contains("7 days"), "\(gone.text)")
            #expect(try await shop.api("GET", "/jobs/\(recent)/file").status == 200, "a recent file stays")

            // At server start, every shop's folder is swept the same way.
            let folder = shop.server.dataDirectory + "/\(shop.slug)/exports"
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
                try FileManager.default.setAttributes([.modificationDate: eightDaysAgo], ofItemAtPath: "\(folder)/\(name)")
            }
            #expect(await JobRecovery.sweepExportFiles(shop.server.service, log: LogSink(enabled: false)) == 2)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        }
    }

    @Test func aJobLeftRunningResumesAfterItsLastCommittedPage() async throws {
        try await CustomerShop.with { shop in
            for index in 0..<10 { try await shop.create(CustomerShop.minimal("resume\(index)")) }
            let id = try await Self.startExport(shop, "format=shopify")
            let finished = try await Self.waitForJob(shop, id)
            #expect(finished["status"] as? String == "done", "\(finished)")
            let whole = try await shop.api("GET", "/jobs/\(id)/file").body
            let path = try #require((finished["parameters"] as? [String: Any])?["file"] as? String)

            // As a crash leaves it: four customers committed, then a page written to the file but
            // never recorded (garbage here), and the job still running.
            let lines = String(decoding: whole, as: UTF8.self).components(separatedBy: "\r\n")
            let committed = Array(lines.prefix(1 + 4)).joined(separator: "\r\n") + "\r\n"
            let fourth = try await shop.database { db in
                try db.scalar("SELECT id FROM customer ORDER BY id LIMIT 1 OFFSET 3", as: Int64.self) ?? 0
            }
            try Data((committed + "half a page that never committed,\r\n").utf8).write(to: URL(fileURLWithPath: path))
            let bytes = committed.utf8.count
            try await shop.database { db in
                try db.execute(
                    "UPDATE job SET status = 'running', finished_at = NULL, done = 4, resume_at = ?, result = ? WHERE id = ?",
                    [fourth, #"{"bytes":\#(bytes),"rows":4}"#, Int64(id)])
            }
            let outcome = await JobRecovery.recover(shop.server.service, log: .disabled)
            #expect(outcome.resumed == 1 && outcome.failed == 0)
            let job = try await Self.waitForJob(shop, id)
            #expect(job["status"] as? String == "done", "\(job)")
            #expect((job["result"] as? [String: Any])?["rows"] as? Int == 10, "\(job)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(whole), "every customer once, nothing of the lost page")
        }
    }
}
