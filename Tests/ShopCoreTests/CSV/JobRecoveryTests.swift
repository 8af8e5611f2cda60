import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// What `serve` does at start with jobs left running: an import whose file is kept resumes
/// after its last committed row; one whose file is gone is marked failed with the reason.
@Suite("Job recovery")
struct JobRecoveryTests {
    @Test func importsResumeAndJobsWithoutTheirFileFail() async throws {
        try await CustomerShop.with { shop in
            let folder = NSTemporaryDirectory() + "job-recovery-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var csv = "firstName,lastName,email\r\n"
            for index in 0..<300 { csv += "First\(index),Last,resume\(index)@example.fi\r\n" }
            try csv.write(toFile: folder + "/kept.csv", atomically: true, encoding: .utf8)
            let (kept, gone) = try await shop.database { db -> (Int64, Int64) in
                let actor = AuditActor(kind: "system", id: nil, label: "test")
                // As a killed process leaves it: 100 rows committed (rows 2 to 101 of the file).
                let kept = try ShopJobs.create(
                    db, kind: "customer-import", parameters: .object(["file": .string(folder + "/kept.csv")]), total: 300, actor: actor)
                try ShopJobs.progress(db, id: kept, done: 100, resumeAt: 101, result: .object(["created": .int(100)]))
                let gone = try ShopJobs.create(
                    db, kind: "customer-import", parameters: .object(["file": .string(folder + "/gone.csv")]), total: 5, actor: actor)
                return (kept, gone)
            }
            let outcome = await JobRecovery.recover(shop.server.service, log: .disabled)
            #expect(outcome.resumed == 1 && outcome.failed == 1)
            var status = ""
            for _ in 0..<400 {
                status = try await shop.database { db in try db.scalar("SELECT status FROM job WHERE id = ?", [kept], as: String.self) ?? ""
                }
                if status != "running" { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(status == "done")
            // Only the 200 rows after the last committed one were read again.
            #expect(try await shop.list("limit=1").total == 200)
            let job = try #require(try await shop.api("GET", "/jobs/\(kept)").jsonObject?["job"] as? [String: Any])
            #expect((job["result"] as? [String: Any])?["created"] as? Int == 300, "\(job)")
            let failed = try #require(try await shop.api("GET", "/jobs/\(gone)").jsonObject?["job"] as? [String: Any])
            #expect(failed["status"] as? String == "failed")
            #expect((failed["error"] as? String)?.contains("file is gone") == true, "\(failed)")
        }
    }
}
