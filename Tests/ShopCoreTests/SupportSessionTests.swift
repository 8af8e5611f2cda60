import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// Support sessions: the operator acts in a shop only through a short-lived, audited token.
@Suite("Support sessions")
struct SupportSessionTests {
    /// Starts a support session and returns (id, token).
    static func start(_ server: TestServer, _ slug: String, reason: String) async throws -> (id: Int64, token: String) {
        let response = try await server.operatorRequest("POST", "/operator/shops/\(slug)/support-sessions", json: ["reason": reason])
        try #require(response.status == 201, "\(response.text)")
        let token = try #require(response.jsonObject?["token"] as? String)
        let id = try #require(((response.jsonObject?["supportSession"] as? [String: Any])?["id"] as? NSNumber)?.int64Value)
        return (id, token)
    }

    @Test func supportActsAsAnAdminWithoutStaffManageAndEverythingIsAudited() async throws {
        try await TestServer.with { server in
            try await server.provision("helped")
            let (id, token) = try await SupportSessionTests.start(server, "helped", reason: "ticket 4711")
            #expect(token.hasPrefix("sa_sp_"))
            let stored = try await server.withShopDatabase("helped") { db in
                try db.query("SELECT token_hash, expires_at, created_at FROM support_session").map {
                    (
                        try $0.get("token_hash", as: String.self), try $0.get("created_at", as: Date.self),
                        try $0.get("expires_at", as: Date.self)
                    )
                }
            }
            #expect(stored.count == 1 && stored[0].0 != token && stored[0].0.count == 64)
            #expect(abs(stored[0].2.timeIntervalSince(stored[0].1) - 3600) < 1)

            let me = try #require(try await server.request("/shops/helped/api/me", token: token).jsonObject?["staff"] as? [String: Any])
            #expect(me["kind"] as? String == "support")
            #expect(me["role"] as? String == "admin")
            #expect(me["label"] as? String == "support (ticket 4711)")
            let permissions = try #require(me["permissions"] as? [String])
            #expect(permissions.contains("groups.manage"))
            #expect(!permissions.contains("staff.manage"))

            let group = try await server.request("POST", "/shops/helped/api/groups", token: token, json: ["name": "Fixed by support"])
            #expect(group.status == 201, "\(group.text)")
            for (method, path, json) in [
                ("GET", "/staff", nil), ("POST", "/staff", ["email": "x@helped.example.com", "name": "X", "role": "admin"]),
                ("POST", "/api-tokens", ["name": "x", "role": "staff"]), ("POST", "/staff/1/password", ["newPassword": "hijacked-1"]),
            ] as [(String, String, [String: Any]?)] {
                let response = try await server.request(method, "/shops/helped/api\(path)", token: token, json: json)
                #expect(response.status == 403, "\(method) \(path)")
                #expect(response.errorCode == "permission_denied", "\(method) \(path)")
            }

            let entries = try await server.auditEntries("helped")
            let started = try #require(entries.first { $0["action"] as? String == "support.session_started" })
            #expect(started.actorKind == "support")
            #expect(started.actorLabel == "support (ticket 4711)")
            let created = try #require(entries.first { $0["action"] as? String == "group.created" })
            #expect(created.actorKind == "support")
            #expect(created.actorLabel == "support (ticket 4711)")
            #expect(((created["actor"] as? [String: Any])?["id"] as? NSNumber)?.int64Value == id)
            #expect(!(try await server.auditText("helped")).contains(token))

            let trail = try await server.operatorRequest("GET", "/operator/shops/helped/audit")
            let actions = (trail.jsonObject?["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            #expect(actions.contains("support.session_started"))
            #expect(trail.text.contains("ticket 4711"))
            #expect(!trail.text.contains(token))
        }
    }

    @Test func endingOrExpiryStopsTheToken() async throws {
        try await TestServer.with { server in
            try await server.provision("ended")
            let (id, token) = try await SupportSessionTests.start(server, "ended", reason: "call back")
            #expect(try await server.request("/shops/ended/api/me", token: token).status == 200)
            let listed = try await server.operatorRequest("GET", "/operator/shops/ended/support-sessions")
            #expect((listed.jsonObject?["supportSessions"] as? [[String: Any]])?.count == 1)
            #expect(!listed.text.contains(token))
            #expect(try await server.operatorRequest("DELETE", "/operator/shops/ended/support-sessions/\(id)").status == 204)
            let after = try await server.request("/shops/ended/api/me", token: token)
            #expect(after.status == 401)
            let trail = try await server.operatorRequest("GET", "/operator/shops/ended/audit")
            #expect(trail.text.contains("support.session_ended"))
            #expect(try await server.auditEntries("ended").contains { $0["action"] as? String == "support.session_ended" })
            #expect(try await server.operatorRequest("DELETE", "/operator/shops/ended/support-sessions/999").status == 404)

            // Expiry.
            let (second, secondToken) = try await SupportSessionTests.start(server, "ended", reason: "second look")
            #expect(try await server.request("/shops/ended/api/me", token: secondToken).status == 200)
            try await server.withShopDatabase("ended") { db in
                try db.execute("UPDATE support_session SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?", [second])
            }
            #expect(try await server.request("/shops/ended/api/me", token: secondToken).status == 401)

            // Support may end its own session by signing out.
            let (_, third) = try await SupportSessionTests.start(server, "ended", reason: "third")
            #expect(try await server.request("DELETE", "/shops/ended/api/sessions/current", token: third).status == 204)
            #expect(try await server.request("/shops/ended/api/me", token: third).status == 401)
        }
    }

    @Test func aSupportSessionNeedsTheOperatorAReasonAndStaysInItsShop() async throws {
        try await TestServer.with { server in
            try await server.provision("scoped")
            try await server.provision("elsewhere")
            let noReason = try await server.operatorRequest("POST", "/operator/shops/scoped/support-sessions", json: ["reason": "  "])
            #expect(noReason.status == 422)
            #expect(noReason.errorField == "reason")
            let missing = try await server.operatorRequest("POST", "/operator/shops/scoped/support-sessions", json: [:])
            #expect(missing.errorField == "reason")
            let owner = try await server.signIn("scoped")
            let asStaff = try await server.request("POST", "/operator/shops/scoped/support-sessions", token: owner, json: ["reason": "x"])
            #expect(asStaff.status == 401)
            #expect(try await server.operatorRequest("POST", "/operator/shops/nope/support-sessions", json: ["reason": "x"]).status == 404)

            let (_, token) = try await SupportSessionTests.start(server, "scoped", reason: "scope")
            #expect(try await server.request("/shops/elsewhere/api/me", token: token).status == 401)
        }
    }
}
