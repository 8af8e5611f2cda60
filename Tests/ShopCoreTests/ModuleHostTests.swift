import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// Feature modules as the host runs them: gated by plan, switched on and off at run time,
/// migrated once, their data kept while they are off.
@Suite("Module host")
struct ModuleHostTests {
    /// Rows of `schema_migrations` for one owner in a shop's database.
    static func migrationRows(_ server: TestServer, _ slug: String, owner: String) async throws -> Int {
        try await server.withShopDatabase(slug) { db in
            try db.scalar("SELECT count(*) FROM schema_migrations WHERE owner = ?", [owner], as: Int.self) ?? 0
        }
    }

    static func tableExists(_ server: TestServer, _ slug: String, _ table: String) async throws -> Bool {
        try await server.withShopDatabase(slug) { db in
            try db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", [table], as: Int.self) == 1
        }
    }

    @Test func moduleOutsideThePlanAnswers404NamingWhatEnablesIt() async throws {
        try await TestServer.with { server in
            try await server.provision("basic", tier: "start")
            let token = try await server.signIn("basic")
            let cases: [(path: String, module: String, needs: [String])] = [
                ("/shops/basic/api/notes", "notes", ["tiers", "pro", "platinum"]),
                ("/shops/basic/api/ledger", "ledger", ["account-balance", "add-on"]),
                ("/shops/basic/api/hotline", "hotline", ["b2b", "flag"]),
            ]
            for item in cases {
                let response = try await server.request(item.path, token: token)
                #expect(response.status == 404, "\(item.path)")
                #expect(response.errorCode == "module_not_enabled", "\(item.path): \(response.text)")
                #expect(response.errorObject?["module"] as? String == item.module)
                let message = response.errorMessage ?? ""
                for word in item.needs { #expect(message.contains(word), "\(item.path): \(message) lacks \(word)") }
                #expect(response.errorObject?["requires"] is [String: Any])
            }
            // The gate sits behind sign-in: an anonymous caller learns nothing about the plan.
            #expect(try await server.request("/shops/basic/api/notes").status == 401)
        }
    }

    @Test func tierChangeSwitchesModuleOnAtTheNextRequestAndMigratesOnce() async throws {
        try await TestServer.with { server in
            try await server.provision("grow", tier: "start")
            let token = try await server.signIn("grow")
            #expect(try await server.request("/shops/grow/api/notes", token: token).status == 404)
            #expect(try await Self.tableExists(server, "grow", "note") == false)
            #expect(try await Self.migrationRows(server, "grow", owner: "notes") == 0)

            let upgrade = try await server.operatorRequest("PUT", "/operator/shops/grow/tier", json: ["tier": "pro"])
            #expect(upgrade.status == 200, "\(upgrade.text)")
            #expect((upgrade.jsonObject?["shop"] as? [String: Any])?["modules"] as? [String] == ["notes"])

            // The very next request works, with no restart: the migration ran before it.
            let empty = try await server.request("/shops/grow/api/notes", token: token)
            #expect(empty.status == 200, "\(empty.text)")
            #expect(empty.jsonObject?["notes"] as? [Any] != nil)
            #expect(try await Self.tableExists(server, "grow", "note"))
            #expect(try await Self.migrationRows(server, "grow", owner: "notes") == 1)

            let created = try await server.request("POST", "/shops/grow/api/notes", token: token, json: ["text": "first"])
            #expect(created.status == 201, "\(created.text)")

            // Off again (business lacks notes): 404, the table and its row stay.
            #expect(try await server.operatorRequest("PUT", "/operator/shops/grow/tier", json: ["tier": "business"]).status == 200)
            let hidden = try await server.request("/shops/grow/api/notes", token: token)
            #expect(hidden.status == 404)
            #expect(hidden.errorCode == "module_not_enabled")
            #expect(try await server.request("POST", "/shops/grow/api/notes", token: token, json: ["text": "x"]).status == 404)
            #expect(try await Self.tableExists(server, "grow", "note"))

            // On again: the earlier note is still there, and the migration did not run twice.
            #expect(try await server.operatorRequest("PUT", "/operator/shops/grow/tier", json: ["tier": "platinum"]).status == 200)
            let back = try await server.request("/shops/grow/api/notes", token: token)
            #expect(back.status == 200)
            let texts = (back.jsonObject?["notes"] as? [[String: Any]])?.compactMap { $0["text"] as? String }
            #expect(texts == ["first"])
            #expect(try await Self.migrationRows(server, "grow", owner: "notes") == 1)
            // An explicit migrate has nothing left to do.
            let migrate = try await server.operatorRequest("POST", "/operator/shops/grow/migrate")
            #expect(migrate.status == 200)
            #expect(migrate.jsonObject?["applied"] as? [String] == [])
        }
    }

    @Test func addOnAndFlagSwitchModulesOnAndOff() async throws {
        try await TestServer.with { server in
            try await server.provision("plain", tier: "start")
            let token = try await server.signIn("plain")
            #expect(try await server.request("/shops/plain/api/ledger", token: token).status == 404)
            #expect(try await server.request("/shops/plain/api/hotline", token: token).status == 404)

            #expect(try await server.operatorRequest("PUT", "/operator/shops/plain/add-ons/account-balance").status == 200)
            let ledger = try await server.request("/shops/plain/api/ledger", token: token)
            #expect(ledger.status == 200, "\(ledger.text)")
            #expect(ledger.jsonObject?["entries"] as? Int == 0)
            #expect(try await Self.migrationRows(server, "plain", owner: "ledger") == 1)

            #expect(try await server.operatorRequest("PUT", "/operator/shops/plain/flags/b2b").status == 200)
            #expect(try await server.request("/shops/plain/api/hotline", token: token).status == 200)

            #expect(try await server.operatorRequest("DELETE", "/operator/shops/plain/add-ons/account-balance").status == 200)
            #expect(try await server.operatorRequest("DELETE", "/operator/shops/plain/flags/b2b").status == 200)
            #expect(try await server.request("/shops/plain/api/ledger", token: token).errorCode == "module_not_enabled")
            #expect(try await server.request("/shops/plain/api/hotline", token: token).errorCode == "module_not_enabled")
            #expect(try await Self.tableExists(server, "plain", "ledger_entry"))
        }
    }

    @Test func featuresReflectThePlan() async throws {
        try await TestServer.with { server in
            try await server.provision("feat", tier: "start", addOns: ["account-balance"])
            let token = try await server.signIn("feat")
            func enabled() async throws -> [String: Bool] {
                let response = try await server.request("/shops/feat/api/features", token: token)
                #expect(response.status == 200)
                let modules = response.jsonObject?["modules"] as? [[String: Any]] ?? []
                return Dictionary(uniqueKeysWithValues: modules.map { ($0["id"] as? String ?? "", $0["enabled"] as? Bool ?? false) })
            }
            #expect(try await enabled() == ["notes": false, "ledger": true, "hotline": false])
            let features = try await server.request("/shops/feat/api/features", token: token)
            let notes = (features.jsonObject?["modules"] as? [[String: Any]])?.first { $0["id"] as? String == "notes" }
            #expect((notes?["unlockedBy"] as? String)?.contains("pro") == true)
            #expect(features.jsonObject?["tier"] as? String == "start")

            #expect(try await server.operatorRequest("PUT", "/operator/shops/feat/tier", json: ["tier": "pro"]).status == 200)
            #expect(try await server.operatorRequest("PUT", "/operator/shops/feat/flags/b2b").status == 200)
            #expect(try await enabled() == ["notes": true, "ledger": true, "hotline": true])
        }
    }

    @Test func operatorTiersShowTheMatrix() async throws {
        try await TestServer.with { server in
            let response = try await server.operatorRequest("GET", "/operator/tiers")
            #expect(response.status == 200)
            let body = try #require(response.jsonObject)
            #expect(body["tiers"] as? [String] == ["start", "pro", "business", "platinum"])
            #expect(body["addOns"] as? [String] == ["account-balance"])
            #expect(body["flags"] as? [String] == ["b2b"])
            let modules = try #require(body["modules"] as? [[String: Any]])
            #expect(modules.compactMap { $0["id"] as? String } == ["notes", "ledger", "hotline"])
            let notes = try #require(modules.first { $0["id"] as? String == "notes" })
            #expect(notes["tiers"] as? [String: Bool] == ["start": false, "pro": true, "business": false, "platinum": true])
            #expect((notes["requires"] as? [String: Any])?["tiers"] as? [String] == ["pro", "platinum"])
            let ledger = try #require(modules.first { $0["id"] as? String == "ledger" })
            #expect((ledger["requires"] as? [String: Any])?["addOn"] as? String == "account-balance")
            let hotline = try #require(modules.first { $0["id"] as? String == "hotline" })
            #expect((hotline["requires"] as? [String: Any])?["flag"] as? String == "b2b")
        }
    }

    @Test func catalogRefusesAModuleTheMatrixLacks() {
        #expect(throws: CatalogError.self) {
            _ = try ModuleCatalog(modules: [NotesModule(), FragileModule()], matrix: TestModules.matrix)
        }
    }
}
