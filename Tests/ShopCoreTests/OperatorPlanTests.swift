import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// The operator changing a shop: show, patch, tier, add-ons, flags, suspend, resume, delete,
/// each one in the registry's audit trail.
@Suite("Operator API: plan and status")
struct OperatorPlanTests {
    static func shop(_ response: TestResponse) -> [String: Any] { response.jsonObject?["shop"] as? [String: Any] ?? [:] }

    /// The actions of the operator's audit trail for a shop, oldest first.
    static func trail(_ server: TestServer, _ slug: String) async throws -> [[String: Any]] {
        let response = try await server.operatorRequest("GET", "/operator/shops/\(slug)/audit")
        #expect(response.status == 200, "\(response.text)")
        return (response.jsonObject?["entries"] as? [[String: Any]] ?? []).reversed()
    }

    @Test func showPatchTierAddOnsAndFlags() async throws {
        try await TestServer.with { server in
            try await server.provision("plan", tier: "start")
            let shown = try await server.operatorRequest("GET", "/operator/shops/plan")
            #expect(shown.status == 200)
            #expect(Self.shop(shown)["name"] as? String == "Shop plan")
            #expect(Self.shop(shown)["modules"] as? [String] == [])
            #expect(try await server.operatorRequest("GET", "/operator/shops/nope").errorCode == "shop_not_found")

            let patched = try await server.operatorRequest(
                "PATCH", "/operator/shops/plan", json: ["name": "  Renamed Shop ", "tier": "platinum", "addOns": ["account-balance"]])
            #expect(patched.status == 200, "\(patched.text)")
            #expect(Self.shop(patched)["name"] as? String == "Renamed Shop")
            #expect(Self.shop(patched)["tier"] as? String == "platinum")
            #expect(Self.shop(patched)["modules"] as? [String] == ["notes", "ledger"])
            for (json, field) in [
                (["name": ""], "name"), (["tier": "gold"], "tier"), (["addOns": ["x"]], "addOns"), (["flags": ["x"]], "flags"),
                (["slug": "other"], "slug"),
            ] {
                let refused = try await server.operatorRequest("PATCH", "/operator/shops/plan", json: json)
                #expect(refused.status == 422, "\(json): \(refused.text)")
                #expect(refused.errorField == field)
            }

            let tier = try await server.operatorRequest("PUT", "/operator/shops/plan/tier", json: ["tier": "business"])
            #expect(Self.shop(tier)["tier"] as? String == "business")
            let badTier = try await server.operatorRequest("PUT", "/operator/shops/plan/tier", json: ["tier": "diamond"])
            #expect(badTier.status == 422)
            #expect(badTier.errorField == "tier")

            let off = try await server.operatorRequest("DELETE", "/operator/shops/plan/add-ons/account-balance")
            #expect(Self.shop(off)["addOns"] as? [String] == [])
            let on = try await server.operatorRequest("PUT", "/operator/shops/plan/add-ons/account-balance")
            #expect(Self.shop(on)["addOns"] as? [String] == ["account-balance"])
            let unknownAddOn = try await server.operatorRequest("PUT", "/operator/shops/plan/add-ons/free-money")
            #expect(unknownAddOn.status == 422)
            #expect(unknownAddOn.errorField == "addOn")
            #expect(unknownAddOn.errorCode == "invalid_add_on")

            let flag = try await server.operatorRequest("PUT", "/operator/shops/plan/flags/b2b")
            #expect(Self.shop(flag)["flags"] as? [String] == ["b2b"])
            let cleared = try await server.operatorRequest("DELETE", "/operator/shops/plan/flags/b2b")
            #expect(Self.shop(cleared)["flags"] as? [String] == [])
            let unknownFlag = try await server.operatorRequest("PUT", "/operator/shops/plan/flags/b3b")
            #expect(unknownFlag.status == 422)
            #expect(unknownFlag.errorField == "flag")
            #expect(try await server.operatorRequest("PUT", "/operator/shops/nope/flags/b2b").status == 404)

            let actions = try await Self.trail(server, "plan").compactMap { $0["action"] as? String }
            #expect(
                actions == [
                    "shop.created", "shop.updated", "shop.tier_changed", "shop.add_on_disabled", "shop.add_on_enabled",
                    "shop.flag_set", "shop.flag_cleared",
                ])
            let change = try #require(try await Self.trail(server, "plan").first { $0["action"] as? String == "shop.tier_changed" })
            #expect((change["before"] as? [String: Any])?["tier"] as? String == "platinum")
            #expect((change["after"] as? [String: Any])?["tier"] as? String == "business")
            #expect(change["actor"] as? String == "operator")
        }
    }

    @Test func suspendBlocksEveryShopRouteUntilResumed() async throws {
        try await TestServer.with { server in
            try await server.provision("paused", tier: "pro")
            let token = try await server.signIn("paused")
            let missingReason = try await server.operatorRequest("POST", "/operator/shops/paused/suspend", json: ["reason": "  "])
            #expect(missingReason.status == 422)
            #expect(missingReason.errorField == "reason")

            let suspended = try await server.operatorRequest(
                "POST", "/operator/shops/paused/suspend", json: ["reason": "Invoice 42 unpaid"])
            #expect(suspended.status == 200)
            #expect(Self.shop(suspended)["status"] as? String == "suspended")
            #expect(Self.shop(suspended)["suspendedReason"] as? String == "Invoice 42 unpaid")

            let routes: [(String, String, [String: Any]?)] = [
                ("GET", "/me", nil), ("GET", "/stores", nil), ("GET", "/groups", nil), ("POST", "/groups", ["name": "X"]),
                ("GET", "/features", nil), ("GET", "/audit", nil), ("GET", "/notes", nil), ("POST", "/notes", ["text": "x"]),
                ("GET", "/ledger", nil), ("DELETE", "/sessions/current", nil),
                ("POST", "/sessions", ["email": TestServer.ownerEmail("paused"), "password": TestServer.ownerPassword]),
            ]
            for (method, path, json) in routes {
                let response = try await server.request(method, "/shops/paused/api\(path)", token: token, json: json)
                #expect(response.status == 403, "\(method) \(path): \(response.status)")
                #expect(response.errorCode == "shop_suspended")
                #expect(response.errorMessage?.contains("Invoice 42 unpaid") == true)
            }
            // The operator still reaches the shop.
            #expect(try await server.operatorRequest("GET", "/operator/shops/paused").status == 200)
            #expect(try await server.operatorRequest("POST", "/operator/shops/paused/migrate").status == 200)
            #expect(try await server.operatorRequest("PUT", "/operator/shops/paused/tier", json: ["tier": "platinum"]).status == 200)

            let resumed = try await server.operatorRequest("POST", "/operator/shops/paused/resume")
            #expect(Self.shop(resumed)["status"] as? String == "active")
            #expect(Self.shop(resumed)["suspendedReason"] is NSNull)
            // The session from before the suspension works again.
            #expect(try await server.request("/shops/paused/api/me", token: token).status == 200)
            let actions = try await Self.trail(server, "paused").compactMap { $0["action"] as? String }
            #expect(actions == ["shop.created", "shop.suspended", "shop.tier_changed", "shop.resumed"])
        }
    }

    @Test func deleteMovesTheFolderToTheTrash() async throws {
        try await TestServer.with { server in
            try await server.provision("gone", tier: "pro")
            let token = try await server.signIn("gone")
            #expect(try await server.request("POST", "/shops/gone/api/groups", token: token, json: ["name": "Keep me"]).status == 201)

            let deleted = try await server.operatorRequest("DELETE", "/operator/shops/gone")
            #expect(deleted.status == 200, "\(deleted.text)")
            let trash = try #require(deleted.jsonObject?["trash"] as? String)
            #expect(trash.hasPrefix(server.dataDirectory + "/.trash/gone-"))
            #expect(!FileManager.default.fileExists(atPath: server.dataDirectory + "/gone"))
            #expect(FileManager.default.fileExists(atPath: trash + "/shop.sqlite"))
            let kept = try DatabaseFile.scalar(trash + "/shop.sqlite", "SELECT count(*) FROM customer_group WHERE name = 'Keep me'")
            #expect(kept == 1)

            #expect(try await server.request("/shops/gone/api/me", token: token).status == 404)
            #expect(try await server.operatorRequest("GET", "/operator/shops/gone").status == 404)
            #expect(try await server.operatorRequest("DELETE", "/operator/shops/gone").status == 404)
            let listed = try await server.operatorRequest("GET", "/operator/shops")
            #expect(listed.jsonObject?["total"] as? Int == 0)
            let last = try #require(try await Self.trail(server, "gone").last)
            #expect(last["action"] as? String == "shop.deleted")
            #expect((last["after"] as? [String: Any])?["trash"] as? String == trash)
            // The slug is free again.
            try await server.provision("gone", tier: "start")
        }
    }
}
