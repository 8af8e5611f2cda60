import Foundation
import ShopAdminTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `shopadmin serve` killed (SIGKILL) while a mass action runs and started again: the job
/// resumes after its last committed batch over the set frozen at its start, so every customer
/// is changed exactly once, audited under the person who started it.
@Suite("mass action across a restart")
struct MassActionRestartTests {
    typealias Binary = ShopAdminBinary
    static let customers = 6000

    /// The job as `GET /jobs/{id}` shows it.
    static func job(_ server: ServerProcess, _ token: String, _ id: Int) async throws -> [String: Any] {
        let response = try await server.request("/shops/mass/api/jobs/\(id)", token: token)
        try #require(response.status == 200, "\(response.text)")
        return try #require(response.jsonObject?["job"] as? [String: Any])
    }

    static func done(_ job: [String: Any]) -> Int { (job["progress"] as? [String: Any])?["done"] as? Int ?? 0 }

    @Test(.timeLimit(.minutes(3)))
    func killedServerResumesTheMassActionWhereItStopped() async throws {
        let data = freeTemporaryDirectory(prefix: "e2e-mass-restart")
        let created = try await Binary.run(
            [
                "shop", "create", "mass", "--name", "Mass", "--tier", "pro", "--owner-email", "o@mass.example.com", "--owner-password",
                "owner-pass-1",
            ],
            dataDirectory: data)
        try #require(created.status == 0, "\(created.stderr)")
        let seeded = try await Binary.run(["seed", "mass", "--customers", String(Self.customers)], dataDirectory: data)
        try #require(seeded.status == 0, "\(seeded.stderr)")

        let first = try await ServerProcess.start(dataDirectory: data)
        let token = try await first.signIn("mass", email: "o@mass.example.com", password: "owner-pass-1")
        let started = try await first.request(
            "POST", "/shops/mass/api/customers/mass-actions", token: token, json: #"{"action":"disable","all":true}"#)
        try #require(started.status == 202, "\(started.text)")
        let id = try #require((started.jsonObject?["job"] as? [String: Any])?["id"] as? Int)
        var progress = 0
        let deadline = Date().addingTimeInterval(60)
        while progress < 500 && Date() < deadline {
            progress = Self.done(try await Self.job(first, token, id))
            try await Task.sleep(for: .milliseconds(10))
        }
        try #require(progress < Self.customers, "the job ended before the server could be killed")
        first.signal(SIGKILL)
        _ = await Binary.waitForExit(first.process)
        let database = data + "/mass/shop.sqlite"
        let atKill = try ImportKillTests.sqlite(database, "SELECT status || ' ' || done FROM job WHERE id = \(id)")
        #expect(atKill.hasPrefix("running "), "killed mid-job: \(atKill)")

        let second = try await ServerProcess.start(dataDirectory: data)
        let again = try await second.signIn("mass", email: "o@mass.example.com", password: "owner-pass-1")
        var job: [String: Any] = [:]
        for _ in 0..<3000 {
            job = try await Self.job(second, again, id)
            if job["status"] as? String != "running" { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(job["status"] as? String == "done", "\(job)")
        #expect(Self.done(job) == Self.customers, "\(job)")
        #expect((job["result"] as? [String: Any])?["changed"] as? Int == Self.customers, "\(job)")
        _ = await second.stop()
        #expect(try ImportKillTests.sqlite(database, "SELECT count(*) FROM customer WHERE enabled = 1") == "0")
        // Each customer changed exactly once, under the owner who started the job.
        #expect(
            try ImportKillTests.sqlite(
                database, "SELECT count(DISTINCT entity_id) || ' ' || count(*) FROM audit_log WHERE action = 'customer.updated'")
                == "\(Self.customers) \(Self.customers)")
        #expect(
            try ImportKillTests.sqlite(
                database, "SELECT count(*) FROM audit_log WHERE action = 'customer.updated' AND actor_label <> 'o@mass.example.com'")
                == "0")
        #expect(try ImportKillTests.sqlite(database, "SELECT count(*) FROM job_customer") == "0")
        #expect(try ImportKillTests.sqlite(database, "PRAGMA integrity_check") == "ok")
    }
}
