import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// Migrations and backups through the operator API.
@Suite("Operator API: migrations and backups")
struct OperatorMaintenanceTests {
    @Test func migrateOneAndAllReportWhatTheyApplied() async throws {
        try await TestServer.with { server in
            try await server.provision("mig-a", tier: "start")
            try await server.provision("mig-b", tier: "start")
            // A plan change registers migrations that no request has run yet.
            #expect(try await server.operatorRequest("PUT", "/operator/shops/mig-a/tier", json: ["tier": "pro"]).status == 200)
            #expect(try await server.operatorRequest("PUT", "/operator/shops/mig-b/add-ons/account-balance").status == 200)

            let one = try await server.operatorRequest("POST", "/operator/shops/mig-a/migrate")
            #expect(one.status == 200, "\(one.text)")
            // The report names what this call applied (the pool must not apply it silently first).
            #expect(one.jsonObject?["applied"] as? [String] == ["notes/1-create-note"], "\(one.text)")
            let again = try await server.operatorRequest("POST", "/operator/shops/mig-a/migrate")
            #expect(again.jsonObject?["applied"] as? [String] == [])
            #expect(try await server.operatorRequest("POST", "/operator/shops/nope/migrate").status == 404)

            let all = try await server.operatorRequest("POST", "/operator/migrations")
            #expect(all.status == 200, "\(all.text)")
            let report = try #require(all.jsonObject)
            #expect(report["resumed"] as? Bool == false)
            #expect(report["total"] as? Int == 2)
            #expect(report["done"] as? Int == 2)
            #expect(report["migrationsApplied"] as? Int == 1, "only mig-b's ledger migration was left")
            let ledgerRows = try await server.withShopDatabase("mig-b") { db in
                try db.scalar("SELECT count(*) FROM schema_migrations WHERE owner = 'ledger'", as: Int.self)
            }
            #expect(ledgerRows == 1)

            let second = try await server.operatorRequest("POST", "/operator/migrations")
            #expect(second.jsonObject?["migrationsApplied"] as? Int == 0)

            let history = try await server.operatorRequest("GET", "/operator/migrations")
            #expect(history.status == 200)
            let runs = try #require(history.jsonObject?["runs"] as? [[String: Any]])
            #expect(runs.count == 2)
            #expect(runs.allSatisfy { $0["status"] as? String == "completed" })
            #expect(runs.first?["id"] as? Int == second.jsonObject?["runID"] as? Int)
        }
    }

    @Test func backupIsARealCopyOfTheShop() async throws {
        try await TestServer.with { server in
            try await server.provision("saved", tier: "pro")
            let token = try await server.signIn("saved")
            #expect(try await server.request("POST", "/shops/saved/api/groups", token: token, json: ["name": "Backed up"]).status == 201)
            #expect(try await server.request("POST", "/shops/saved/api/notes", token: token, json: ["text": "in the backup"]).status == 201)

            let response = try await server.operatorRequest("POST", "/operator/shops/saved/backups")
            #expect(response.status == 201, "\(response.text)")
            let file = try #require(response.jsonObject?["file"] as? String)
            #expect(file.hasPrefix(server.dataDirectory + "/.backups/saved-"))
            #expect(FileManager.default.fileExists(atPath: file))
            #expect(try DatabaseFile.scalar(file, "SELECT count(*) FROM customer_group WHERE name = 'Backed up'") == 1)
            #expect(try DatabaseFile.scalar(file, "SELECT count(*) FROM note WHERE text = 'in the backup'") == 1)
            #expect(try DatabaseFile.scalar(file, "SELECT count(*) FROM staff") == 1)
            #expect(try await server.operatorRequest("POST", "/operator/shops/nope/backups").status == 404)
            // The shop keeps working after the online backup.
            #expect(try await server.request("/shops/saved/api/groups", token: token).status == 200)
        }
    }

    @Test func shopAuditTrailKeepsTheOperatorsChangesApartPerShop() async throws {
        try await TestServer.with { server in
            try await server.provision("trail-a")
            try await server.provision("trail-b")
            #expect(try await server.operatorRequest("PUT", "/operator/shops/trail-a/tier", json: ["tier": "start"]).status == 200)
            let a = try await server.operatorRequest("GET", "/operator/shops/trail-a/audit")
            let entries = try #require(a.jsonObject?["entries"] as? [[String: Any]])
            #expect(entries.compactMap { $0["action"] as? String } == ["shop.tier_changed", "shop.created"])
            #expect(entries.allSatisfy { $0["shop"] as? String == "trail-a" })
            let limited = try await server.operatorRequest("GET", "/operator/shops/trail-a/audit?limit=1")
            #expect((limited.jsonObject?["entries"] as? [Any])?.count == 1)
            let badLimit = try await server.operatorRequest("GET", "/operator/shops/trail-a/audit?limit=0")
            #expect(badLimit.status == 400)
            #expect(badLimit.errorField == "limit")
        }
    }
}
