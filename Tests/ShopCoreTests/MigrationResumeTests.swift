import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// `POST /operator/migrations` stops at a shop whose migration fails and, once the cause is
/// fixed, resumes at that shop rather than starting over.
@Suite("Operator API: resumable migrate-all")
struct MigrationResumeTests {
    /// The usual test modules plus `fragile`, which only the business tier has.
    static let modules: [any FeatureModule] = TestModules.all + [FragileModule()]
    static let matrix = TierMatrix(TestModules.matrix.entries.merging(["fragile": .tiers([.business])]) { a, _ in a })

    @Test func failedRunNamesTheShopAndTheNextRunResumesThere() async throws {
        try await TestServer.with(modules: Self.modules, matrix: Self.matrix) { server in
            // Provisioned on pro, so nothing fragile runs yet; the second shop's store is the trap.
            for (slug, name) in [("m-1", "First"), ("m-2", "Second FAILME Shop"), ("m-3", "Third")] {
                try await server.provision(slug, tier: "pro", name: name)
            }
            for slug in ["m-1", "m-2", "m-3"] {
                let upgraded = try await server.operatorRequest("PUT", "/operator/shops/\(slug)/tier", json: ["tier": "business"])
                #expect(upgraded.status == 200)
            }

            let failed = try await server.operatorRequest("POST", "/operator/migrations")
            #expect(failed.status == 500, "\(failed.text)")
            #expect(failed.errorCode == "migration_failed")
            #expect(failed.errorObject?["shop"] as? String == "m-2")
            #expect(failed.errorMessage?.contains("m-2") == true)
            #expect(failed.errorObject?["done"] as? Int == 1)
            #expect(failed.errorObject?["total"] as? Int == 3)
            let runID = try #require(failed.errorObject?["runId"] as? Int)

            let history = try await server.operatorRequest("GET", "/operator/migrations")
            let run = try #require((history.jsonObject?["runs"] as? [[String: Any]])?.first)
            #expect(run["status"] as? String == "failed")
            #expect(run["failed_slug"] as? String == "m-2")
            #expect(run["cursor"] as? String == "m-1")
            // m-3 was never reached.
            let m3Rows = try await Self.fragileRows(server, "m-3", viaPool: false)
            #expect(m3Rows == 0)

            // Still failing: the next run resumes at m-2 and fails there again, same run.
            let stillFailing = try await server.operatorRequest("POST", "/operator/migrations")
            #expect(stillFailing.status == 500)
            #expect(stillFailing.errorObject?["runId"] as? Int == runID)
            #expect(stillFailing.errorObject?["shop"] as? String == "m-2")

            // Fix the cause: rename the store (through the pool, with the modules it has now).
            try await server.withShopDatabase("m-2", modules: []) { db in
                try db.execute("UPDATE store SET name = 'Second Shop'")
            }

            let resumed = try await server.operatorRequest("POST", "/operator/migrations")
            #expect(resumed.status == 200, "\(resumed.text)")
            #expect(resumed.jsonObject?["resumed"] as? Bool == true)
            #expect(resumed.jsonObject?["runID"] as? Int == runID)
            #expect(resumed.jsonObject?["done"] as? Int == 3)
            #expect(resumed.jsonObject?["total"] as? Int == 3)
            for slug in ["m-1", "m-2", "m-3"] {
                let rows = try await Self.fragileRows(server, slug, viaPool: true)
                #expect(rows == 1, "\(slug)")
            }
            let finished = try await server.operatorRequest("GET", "/operator/migrations")
            let last = try #require((finished.jsonObject?["runs"] as? [[String: Any]])?.first)
            #expect(last["status"] as? String == "completed")
            #expect(last["failed_slug"] is NSNull)

            // A further run starts afresh.
            let fresh = try await server.operatorRequest("POST", "/operator/migrations")
            #expect(fresh.jsonObject?["resumed"] as? Bool == false)
            #expect(fresh.jsonObject?["runID"] as? Int != runID)
        }
    }

    /// `fragile` rows in `schema_migrations`; without the pool, read the file directly so that
    /// looking does not itself migrate.
    static func fragileRows(_ server: TestServer, _ slug: String, viaPool: Bool) async throws -> Int {
        let sql = "SELECT count(*) FROM schema_migrations WHERE owner = 'fragile'"
        if viaPool {
            return try await server.withShopDatabase(slug, modules: []) { db in try db.scalar(sql, as: Int.self) ?? 0 }
        }
        return try DatabaseFile.scalar(server.dataDirectory + "/\(slug)/shop.sqlite", sql) ?? 0
    }
}
