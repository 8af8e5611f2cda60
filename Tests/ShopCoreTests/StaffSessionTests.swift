import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// Staff sign-in, sessions, sign-out and the read-only role.
@Suite("Staff sessions")
struct StaffSessionTests {
    @Test func wrongPasswordAndUnknownEmailGetTheSameAnswer() async throws {
        try await TestServer.with { server in
            try await server.provision("staffed")
            let wrongPassword = try await server.request(
                "POST", "/shops/staffed/api/sessions", json: ["email": TestServer.ownerEmail("staffed"), "password": "not-the-password"])
            let unknownEmail = try await server.request(
                "POST", "/shops/staffed/api/sessions", json: ["email": "nobody@example.com", "password": TestServer.ownerPassword])
            #expect(wrongPassword.status == 401)
            #expect(unknownEmail.status == 401)
            #expect(wrongPassword.errorCode == unknownEmail.errorCode)
            #expect(wrongPassword.errorMessage == unknownEmail.errorMessage)
            #expect(wrongPassword.errorMessage == "The email or password is not right.")
            #expect(wrongPassword.jsonObject?["token"] == nil)
            // Email is compared case-insensitively and trimmed.
            _ = try await server.signIn("staffed", email: "  OWNER@staffed.example.com ")
        }
    }

    @Test func sessionTokenWorksUntilSignOut() async throws {
        try await TestServer.with { server in
            try await server.provision("sess")
            let response = try await server.request(
                "POST", "/shops/sess/api/sessions", json: ["email": TestServer.ownerEmail("sess"), "password": TestServer.ownerPassword])
            #expect(response.status == 201)
            let token = try #require(response.jsonObject?["token"] as? String)
            #expect((response.jsonObject?["expiresAt"] as? String)?.hasSuffix("Z") == true)
            #expect((response.jsonObject?["staff"] as? [String: Any])?["role"] as? String == "owner")
            let other = try await server.signIn("sess")
            #expect(other != token)

            let me = try await server.request("/shops/sess/api/me", token: token)
            #expect(me.status == 200)
            #expect((me.jsonObject?["staff"] as? [String: Any])?["email"] as? String == TestServer.ownerEmail("sess"))
            #expect((me.jsonObject?["shop"] as? [String: Any])?["slug"] as? String == "sess")

            for bad in ["", "sa_st_forged", token + "x"] {
                #expect(try await server.request("/shops/sess/api/me", token: bad.isEmpty ? nil : bad).status == 401)
            }

            let out = try await server.request("DELETE", "/shops/sess/api/sessions/current", token: token)
            #expect(out.status == 204)
            let after = try await server.request("/shops/sess/api/me", token: token)
            #expect(after.status == 401)
            #expect(after.errorCode == "unauthorized")
            #expect(try await server.request("DELETE", "/shops/sess/api/sessions/current", token: token).status == 401)
            // Signing out one session leaves the other.
            #expect(try await server.request("/shops/sess/api/me", token: other).status == 200)
        }
    }

    @Test func readOnlyStaffCanReadButNotWrite() async throws {
        try await TestServer.with { server in
            try await server.provision("ro-shop", tier: "pro")
            let hash = try await server.service.hasher.hash("reader-password-1")
            try await server.withShopDatabase("ro-shop") { db in
                try db.execute(
                    "INSERT INTO staff(email, name, role, password_hash, created_at) VALUES(?, 'Reader', 'read-only', ?, ?)",
                    ["reader@ro-shop.example.com", hash, "2026-01-01T00:00:00.000Z"])
            }
            let token = try await server.signIn("ro-shop", email: "reader@ro-shop.example.com", password: "reader-password-1")
            let me = try await server.request("/shops/ro-shop/api/me", token: token)
            #expect((me.jsonObject?["staff"] as? [String: Any])?["role"] as? String == "read-only")
            for path in ["/stores", "/groups", "/features", "/audit", "/notes"] {
                #expect(try await server.request("/shops/ro-shop/api\(path)", token: token).status == 200, "\(path)")
            }
            let group = try await server.request("POST", "/shops/ro-shop/api/groups", token: token, json: ["name": "Readers"])
            #expect(group.status == 403)
            #expect(group.errorCode == "read_only")
            let note = try await server.request("POST", "/shops/ro-shop/api/notes", token: token, json: ["text": "no"])
            #expect(note.status == 403)
            #expect(note.errorCode == "read_only")
            let owner = try await server.signIn("ro-shop")
            let groups = try await server.request("/shops/ro-shop/api/groups", token: owner)
            #expect(!groups.text.contains("Readers"))
            // HEAD is a read.
            let head = try await TestHTTPClient.request(
                port: server.port, method: "HEAD", path: "/shops/ro-shop/api/groups", headers: [("Authorization", "Bearer \(token)")])
            #expect(head.status == 200)
        }
    }

    @Test func disabledStaffCannotSignInOrUseTheirSession() async throws {
        try await TestServer.with { server in
            try await server.provision("locked")
            let token = try await server.signIn("locked")
            try await server.withShopDatabase("locked") { db in try db.execute("UPDATE staff SET enabled = 0") }
            #expect(try await server.request("/shops/locked/api/me", token: token).status == 401)
            let again = try await server.request(
                "POST", "/shops/locked/api/sessions",
                json: ["email": TestServer.ownerEmail("locked"), "password": TestServer.ownerPassword])
            #expect(again.status == 401)
        }
    }
}
