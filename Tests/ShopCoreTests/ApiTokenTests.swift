import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// Integration API tokens: shown once, stored hashed, acting with a role no higher than the
/// creator's, audited by name, revocable and expiring.
@Suite("API tokens")
struct ApiTokenTests {
    /// Creates a token as `session` and returns (id, secret).
    static func create(
        _ server: TestServer, _ slug: String, session: String, name: String, role: String, expiresAt: String? = nil
    ) async throws -> (id: Int64, token: String) {
        var json: [String: Any] = ["name": name, "role": role]
        if let expiresAt { json["expiresAt"] = expiresAt }
        let response = try await server.request("POST", "/shops/\(slug)/api/api-tokens", token: session, json: json)
        try #require(response.status == 201, "\(response.text)")
        let token = try #require(response.jsonObject?["token"] as? String)
        let id = try #require(((response.jsonObject?["apiToken"] as? [String: Any])?["id"] as? NSNumber)?.int64Value)
        return (id, token)
    }

    @Test func aTokenWorksWithItsRoleIsAuditedByNameAndIsRevoked() async throws {
        try await TestServer.with { server in
            try await server.provision("integr")
            let owner = try await server.signIn("integr")
            let (id, token) = try await ApiTokenTests.create(server, "integr", session: owner, name: "ERP sync", role: "admin")
            #expect(token.hasPrefix("sa_at_"))
            let stored = try await server.withShopDatabase("integr") { db in
                try db.scalar("SELECT token_hash FROM api_token WHERE id = ?", [id], as: String.self)
            }
            #expect(stored != nil && stored != token && stored?.count == 64)

            let me = try await server.request("/shops/integr/api/me", token: token)
            #expect(me.status == 200)
            let staff = try #require(me.jsonObject?["staff"] as? [String: Any])
            #expect(staff["kind"] as? String == "api_token")
            #expect(staff["role"] as? String == "admin")
            #expect(staff["label"] as? String == "api token ERP sync")

            let group = try await server.request("POST", "/shops/integr/api/groups", token: token, json: ["name": "From ERP"])
            #expect(group.status == 201, "\(group.text)")
            let entry = try #require(try await server.auditEntries("integr").first { $0["action"] as? String == "group.created" })
            #expect(entry.actorKind == "api_token")
            #expect(entry.actorLabel == "api token ERP sync")
            #expect(!(try await server.auditText("integr")).contains(token))

            // The list shows no secret, and when the token was last used.
            let list = try await server.request("/shops/integr/api/api-tokens", token: owner)
            #expect(!list.text.contains(token))
            #expect(!list.text.contains(try #require(stored)))
            let listed = try #require((list.jsonObject?["apiTokens"] as? [[String: Any]])?.first)
            #expect(listed["name"] as? String == "ERP sync")
            #expect(listed["createdBy"] as? String == TestServer.ownerEmail("integr"))
            #expect((listed["lastUsedAt"] as? String)?.hasSuffix("Z") == true)

            // A token cannot mint or revoke tokens.
            let mint = try await server.request("POST", "/shops/integr/api/api-tokens", token: token, json: ["name": "x", "role": "staff"])
            #expect(mint.status == 403)
            #expect(mint.errorCode == "session_required")

            #expect(try await server.request("DELETE", "/shops/integr/api/api-tokens/\(id)", token: owner).status == 204)
            let revoked = try await server.request("/shops/integr/api/me", token: token)
            #expect(revoked.status == 401)
            #expect(revoked.errorCode == "unauthorized")
            let actions = try await server.auditEntries("integr").compactMap { $0["action"] as? String }
            #expect(actions.contains("api_token.created") && actions.contains("api_token.revoked"))
            #expect(try await server.request("DELETE", "/shops/integr/api/api-tokens/999", token: owner).status == 404)
        }
    }

    @Test func anExpiredTokenIsRefused() async throws {
        try await TestServer.with { server in
            try await server.provision("expiry")
            let owner = try await server.signIn("expiry")
            let past = try await server.request(
                "POST", "/shops/expiry/api/api-tokens", token: owner,
                json: ["name": "old", "role": "staff", "expiresAt": "2020-01-01T00:00:00Z"])
            #expect(past.status == 422)
            #expect(past.errorField == "expiresAt")
            let garbled = try await server.request(
                "POST", "/shops/expiry/api/api-tokens", token: owner, json: ["name": "old", "role": "staff", "expiresAt": "tomorrow"])
            #expect(garbled.errorField == "expiresAt")

            let (id, token) = try await ApiTokenTests.create(
                server, "expiry", session: owner, name: "short", role: "staff", expiresAt: "2099-01-01T00:00:00Z")
            #expect(try await server.request("/shops/expiry/api/me", token: token).status == 200)
            try await server.withShopDatabase("expiry") { db in
                try db.execute("UPDATE api_token SET expires_at = '2021-01-01T00:00:00.000Z' WHERE id = ?", [id])
            }
            #expect(try await server.request("/shops/expiry/api/me", token: token).status == 401)
            // A token of another shop is no token here.
            try await server.provision("other")
            let otherOwner = try await server.signIn("other")
            let (_, otherToken) = try await ApiTokenTests.create(server, "other", session: otherOwner, name: "x", role: "admin")
            #expect(try await server.request("/shops/expiry/api/me", token: otherToken).status == 401)
        }
    }

    @Test func aTokensRoleIsAtMostItsCreators() async throws {
        try await TestServer.with { server in
            try await server.provision("capped")
            let admin = try await server.member("capped", role: "admin")
            let above = try await server.request(
                "POST", "/shops/capped/api/api-tokens", token: admin.token, json: ["name": "too much", "role": "owner"])
            #expect(above.status == 403)
            #expect(above.errorCode == "role_above_yours")
            #expect(above.errorField == "role")
            let bad = try await server.request(
                "POST", "/shops/capped/api/api-tokens", token: admin.token, json: ["name": "x", "role": "god"])
            #expect(bad.errorField == "role")
            let noName = try await server.request("POST", "/shops/capped/api/api-tokens", token: admin.token, json: ["role": "staff"])
            #expect(noName.errorField == "name")

            let (_, reader) = try await ApiTokenTests.create(server, "capped", session: admin.token, name: "dashboard", role: "read-only")
            #expect(try await server.request("/shops/capped/api/groups", token: reader).status == 200)
            let write = try await server.request("POST", "/shops/capped/api/groups", token: reader, json: ["name": "No"])
            #expect(write.status == 403)
            #expect(write.errorCode == "read_only")
            let (_, staffToken) = try await ApiTokenTests.create(server, "capped", session: admin.token, name: "crm", role: "staff")
            let manage = try await server.request("GET", "/shops/capped/api/staff", token: staffToken)
            #expect(manage.status == 403)
            #expect(manage.errorCode == "permission_denied")
        }
    }
}
