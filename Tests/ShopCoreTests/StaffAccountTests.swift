import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// Staff accounts per shop: roles, permissions, the owner rules, passwords, audit.
@Suite("Staff accounts")
struct StaffAccountTests {
    @Test func ownerCreatesListsAndTheMemberSignsIn() async throws {
        try await TestServer.with { server in
            try await server.provision("crew")
            let owner = try await server.signIn("crew")
            let created = try await server.request(
                "POST", "/shops/crew/api/staff", token: owner,
                json: ["email": " Anna@Crew.example.com", "name": "Anna", "role": "staff", "password": "anna-password-1"])
            #expect(created.status == 201, "\(created.text)")
            #expect(created.header("Location")?.hasPrefix("/shops/crew/api/staff/") == true)
            #expect(!created.text.contains("anna-password-1"))
            #expect(!created.text.contains("pbkdf2"))
            #expect(created.jsonObject?["setPasswordToken"] == nil)
            let staff = try #require(created.jsonObject?["staff"] as? [String: Any])
            #expect(staff["email"] as? String == "anna@crew.example.com")
            #expect(staff["role"] as? String == "staff")
            #expect(staff["hasPassword"] as? Bool == true)

            let list = try await server.request("/shops/crew/api/staff", token: owner)
            #expect(list.status == 200)
            let emails = (list.jsonObject?["staff"] as? [[String: Any]])?.compactMap { $0["email"] as? String }
            #expect(emails == [TestServer.ownerEmail("crew"), "anna@crew.example.com"])

            let anna = try await server.signIn("crew", email: "anna@crew.example.com", password: "anna-password-1")
            let me = try #require(try await server.request("/shops/crew/api/me", token: anna).jsonObject?["staff"] as? [String: Any])
            #expect(me["role"] as? String == "staff")
            #expect(me["kind"] as? String == "staff")
            let permissions = try #require(me["permissions"] as? [String])
            #expect(permissions.contains("customers.write"))
            #expect(!permissions.contains("staff.manage"))
            let ownerMe = try await server.request("/shops/crew/api/me", token: owner)
            #expect(((ownerMe.jsonObject?["staff"] as? [String: Any])?["permissions"] as? [String])?.contains("staff.manage") == true)

            let audit = try await server.auditEntries("crew")
            let entry = try #require(audit.first { $0["action"] as? String == "staff.created" })
            #expect(entry.actorKind == "staff")
            #expect(entry.actorLabel == TestServer.ownerEmail("crew"))
            #expect(!(try await server.auditText("crew")).contains("anna-password-1"))
        }
    }

    @Test func withoutAPasswordTheAccountGetsASingleUseSetPasswordToken() async throws {
        try await TestServer.with { server in
            try await server.provision("invite")
            let owner = try await server.signIn("invite")
            let created = try await server.request(
                "POST", "/shops/invite/api/staff", token: owner, json: ["email": "new@invite.example.com", "name": "New", "role": "admin"])
            #expect(created.status == 201, "\(created.text)")
            let token = try #require(created.jsonObject?["setPasswordToken"] as? String)
            #expect(token.hasPrefix("sa_pw_"))
            #expect((created.jsonObject?["staff"] as? [String: Any])?["hasPassword"] as? Bool == false)
            // Stored only as its hash; never in the audit log.
            let stored = try await server.withShopDatabase("invite") { db in
                try db.query("SELECT token_hash FROM staff_password_token").map { try $0.get("token_hash", as: String.self) }
            }
            #expect(stored.count == 1 && stored[0] != token && stored[0].count == 64)
            #expect(!(try await server.auditText("invite")).contains(token))

            let noPassword = try await server.request(
                "POST", "/shops/invite/api/sessions", json: ["email": "new@invite.example.com", "password": "anything-at-all"])
            #expect(noPassword.status == 401)

            let short = try await server.request("POST", "/shops/invite/api/set-password", json: ["token": token, "password": "short"])
            #expect(short.status == 422)
            #expect(short.errorField == "password")
            let set = try await server.request(
                "POST", "/shops/invite/api/set-password", json: ["token": token, "password": "chosen-password-1"])
            #expect(set.status == 204, "\(set.text)")
            _ = try await server.signIn("invite", email: "new@invite.example.com", password: "chosen-password-1")
            let again = try await server.request(
                "POST", "/shops/invite/api/set-password", json: ["token": token, "password": "another-password-1"])
            #expect(again.status == 400)
            #expect(again.errorCode == "invalid_token")
            #expect(again.errorField == "token")
        }
    }

    @Test func eachRoleGetsOnlyItsPermissions() async throws {
        try await TestServer.with { server in
            try await server.provision("perms")
            let reader = try await server.member("perms", role: "read-only")
            let staff = try await server.member("perms", role: "staff")
            let admin = try await server.member("perms", role: "admin")

            // Read-only staff cannot write anything, staff.manage or not.
            for (method, path) in [("POST", "/groups"), ("POST", "/staff"), ("PATCH", "/settings"), ("POST", "/api-tokens")] {
                let response = try await server.request(method, "/shops/perms/api\(path)", token: reader.token, json: ["name": "x"])
                #expect(response.status == 403, "\(method) \(path)")
                #expect(response.errorCode == "read_only", "\(method) \(path)")
            }
            #expect(try await server.request("/shops/perms/api/groups", token: reader.token).status == 200)

            // Staff may write customers but not manage stores, groups, settings or staff.
            let writes: [(String, String, [String: Any])] = [
                ("POST", "/stores", ["code": "x", "name": "X", "locale": "fi", "currency": "EUR", "country": "FI"]),
                ("POST", "/groups", ["name": "Staff group"]), ("PATCH", "/settings", [:]),
                ("POST", "/staff", ["email": "x@perms.example.com", "name": "X", "role": "staff"]),
                ("PATCH", "/staff/\(reader.id)", ["name": "Renamed"]), ("DELETE", "/staff/\(reader.id)", [:]),
                ("POST", "/api-tokens", ["name": "ci", "role": "staff"]),
            ]
            for (method, path, json) in writes {
                let response = try await server.request(
                    method, "/shops/perms/api\(path)", token: staff.token, json: json.isEmpty ? nil : json)
                #expect(response.status == 403, "\(method) \(path): \(response.text)")
                #expect(response.errorCode == "permission_denied", "\(method) \(path)")
            }
            for path in ["/staff", "/api-tokens"] {
                let response = try await server.request("/shops/perms/api\(path)", token: staff.token)
                #expect(response.status == 403)
                #expect(response.errorCode == "permission_denied")
            }
            // Admins manage staff, but not owners.
            #expect(try await server.request("/shops/perms/api/staff", token: admin.token).status == 200)
            let makeOwner = try await server.request(
                "POST", "/shops/perms/api/staff", token: admin.token,
                json: ["email": "boss@perms.example.com", "name": "Boss", "role": "owner", "password": "boss-password-1"])
            #expect(makeOwner.status == 403)
            #expect(makeOwner.errorCode == "owner_required")
            let promote = try await server.request(
                "PATCH", "/shops/perms/api/staff/\(staff.id)", token: admin.token, json: ["role": "owner"])
            #expect(promote.errorCode == "owner_required")
            let ownerID: Int64 = 1
            for (method, json) in [("PATCH", ["role": "admin"]), ("PATCH", ["enabled": false]), ("DELETE", [String: Any]())] {
                let response = try await server.request(
                    method, "/shops/perms/api/staff/\(ownerID)", token: admin.token, json: json.isEmpty ? nil : json)
                #expect(response.status == 403, "\(method) \(json)")
                #expect(response.errorCode == "owner_required")
            }
            let demote = try await server.request(
                "PATCH", "/shops/perms/api/staff/\(staff.id)", token: admin.token, json: ["role": "read-only"])
            #expect(demote.status == 200, "\(demote.text)")
        }
    }

    @Test func theLastEnabledOwnerStays() async throws {
        try await TestServer.with { server in
            try await server.provision("solo")
            let owner = try await server.signIn("solo")
            let ownerID: Int64 = 1
            let cases: [(String, [String: Any]?, String)] = [
                ("PATCH", ["role": "admin"], "role"), ("PATCH", ["enabled": false], "enabled"), ("DELETE", nil, "id"),
            ]
            for (method, json, field) in cases {
                let response = try await server.request(method, "/shops/solo/api/staff/\(ownerID)", token: owner, json: json)
                #expect(response.status == 409, "\(method): \(response.text)")
                #expect(response.errorCode == "last_owner")
                #expect(response.errorField == field)
            }
            // A disabled second owner does not count.
            let second = try await server.createStaff("solo", token: owner, email: "second@solo.example.com", role: "owner")
            #expect(
                try await server.request("PATCH", "/shops/solo/api/staff/\(second)", token: owner, json: ["enabled": false]).status == 200)
            #expect(try await server.request("DELETE", "/shops/solo/api/staff/\(ownerID)", token: owner).errorCode == "last_owner")
            // With another enabled owner, the first may step down.
            #expect(
                try await server.request("PATCH", "/shops/solo/api/staff/\(second)", token: owner, json: ["enabled": true]).status == 200)
            let stepDown = try await server.request("PATCH", "/shops/solo/api/staff/\(ownerID)", token: owner, json: ["role": "admin"])
            #expect(stepDown.status == 200, "\(stepDown.text)")
            // The role change ended the former owner's session.
            #expect(try await server.request("/shops/solo/api/me", token: owner).status == 401)
            let secondToken = try await server.signIn("solo", email: "second@solo.example.com", password: "member-password-1")
            #expect(try await server.request("DELETE", "/shops/solo/api/staff/\(second)", token: secondToken).errorCode == "last_owner")
            #expect(try await server.request("DELETE", "/shops/solo/api/staff/\(ownerID)", token: secondToken).status == 204)
        }
    }

    @Test func aRoleChangeOrDisablingEndsTheMembersSessions() async throws {
        try await TestServer.with { server in
            try await server.provision("rotate")
            let owner = try await server.signIn("rotate")
            let member = try await server.member("rotate", role: "admin")
            #expect(try await server.request("/shops/rotate/api/staff", token: member.token).status == 200)
            let demoted = try await server.request("PATCH", "/shops/rotate/api/staff/\(member.id)", token: owner, json: ["role": "staff"])
            #expect(demoted.status == 200)
            #expect((demoted.jsonObject?["staff"] as? [String: Any])?["role"] as? String == "staff")
            #expect(try await server.request("/shops/rotate/api/me", token: member.token).status == 401)

            let again = try await server.signIn("rotate", email: "admin@rotate.example.com", password: "member-password-1")
            #expect(try await server.request("/shops/rotate/api/staff", token: again).errorCode == "permission_denied")
            // A rename keeps the session.
            #expect(
                try await server.request("PATCH", "/shops/rotate/api/staff/\(member.id)", token: owner, json: ["name": "Ann"]).status == 200
            )
            #expect(try await server.request("/shops/rotate/api/me", token: again).status == 200)
            #expect(
                try await server.request("PATCH", "/shops/rotate/api/staff/\(member.id)", token: owner, json: ["enabled": false]).status
                    == 200)
            #expect(try await server.request("/shops/rotate/api/me", token: again).status == 401)

            let updates = try await server.auditEntries("rotate").filter { $0["action"] as? String == "staff.updated" }
            #expect(updates.count == 3)
            #expect((updates.last?["before"] as? [String: Any])?["role"] as? String == "admin")
            #expect((updates.last?["after"] as? [String: Any])?["role"] as? String == "staff")
        }
    }

    @Test func errorsNameTheField() async throws {
        try await TestServer.with { server in
            try await server.provision("fields")
            let owner = try await server.signIn("fields")
            let cases: [([String: Any], Int, String, String?)] = [
                (["name": "A", "role": "staff"], 422, "email", "missing_field"),
                (["email": "not-an-email", "name": "A", "role": "staff"], 422, "email", "invalid_field"),
                (["email": "a@fields.example.com", "name": "  ", "role": "staff"], 422, "name", "invalid_field"),
                (["email": "a@fields.example.com", "name": "A"], 422, "role", "missing_field"),
                (["email": "a@fields.example.com", "name": "A", "role": "boss"], 422, "role", "invalid_role"),
                (
                    ["email": "a@fields.example.com", "name": "A", "role": "staff", "password": "1234567"], 422, "password",
                    "password_too_short"
                ),
                (["email": "OWNER@fields.example.com", "name": "A", "role": "staff"], 409, "email", "staff_exists"),
                (["email": "a@fields.example.com", "name": "A", "role": "staff", "admin": true], 422, "admin", "unknown_field"),
            ]
            for (json, status, field, code) in cases {
                let response = try await server.request("POST", "/shops/fields/api/staff", token: owner, json: json)
                #expect(response.status == status, "\(json): \(response.text)")
                #expect(response.errorField == field, "\(json)")
                #expect(response.errorCode == code, "\(json)")
            }
            let badRole = try await server.request("PATCH", "/shops/fields/api/staff/1", token: owner, json: ["role": "root"])
            #expect(badRole.errorField == "role")
            #expect(try await server.request("PATCH", "/shops/fields/api/staff/999", token: owner, json: ["name": "X"]).status == 404)
        }
    }

    @Test func passwordsOwnChangeAndReset() async throws {
        try await TestServer.with { server in
            try await server.provision("pw")
            let owner = try await server.signIn("pw")
            let member = try await server.member("pw", role: "staff")
            let otherSession = try await server.signIn("pw", email: "staff@pw.example.com", password: "member-password-1")
            let path = "/shops/pw/api/staff/\(member.id)/password"

            let missing = try await server.request("POST", path, token: member.token, json: ["newPassword": "member-password-2"])
            #expect(missing.errorField == "currentPassword")
            let wrong = try await server.request(
                "POST", path, token: member.token, json: ["currentPassword": "nope-nope-nope", "newPassword": "member-password-2"])
            #expect(wrong.status == 422)
            #expect(wrong.errorField == "currentPassword")
            let short = try await server.request(
                "POST", path, token: member.token, json: ["currentPassword": "member-password-1", "newPassword": "short"])
            #expect(short.errorField == "newPassword")
            let changed = try await server.request(
                "POST", path, token: member.token, json: ["currentPassword": "member-password-1", "newPassword": "member-password-2"])
            #expect(changed.status == 204, "\(changed.text)")
            // The session that changed it stays; the member's other sessions end.
            #expect(try await server.request("/shops/pw/api/me", token: member.token).status == 200)
            #expect(try await server.request("/shops/pw/api/me", token: otherSession).status == 401)
            _ = try await server.signIn("pw", email: "staff@pw.example.com", password: "member-password-2")

            // Someone else's password needs staff.manage.
            let denied = try await server.request(
                "POST", "/shops/pw/api/staff/1/password", token: member.token, json: ["newPassword": "taken-over-1"])
            #expect(denied.status == 403)
            #expect(denied.errorCode == "permission_denied")
            // An owner resets it: directly, or with a set-password token.
            let reset = try await server.request("POST", path, token: owner, json: ["newPassword": "member-password-3"])
            #expect(reset.status == 204)
            #expect(try await server.request("/shops/pw/api/me", token: member.token).status == 401)
            _ = try await server.signIn("pw", email: "staff@pw.example.com", password: "member-password-3")
            let issued = try await server.request("POST", path, token: owner)
            #expect(issued.status == 200, "\(issued.text)")
            let token = try #require(issued.jsonObject?["setPasswordToken"] as? String)
            #expect(
                try await server.request("POST", "/shops/pw/api/set-password", json: ["token": token, "password": "member-password-4"])
                    .status
                    == 204)
            _ = try await server.signIn("pw", email: "staff@pw.example.com", password: "member-password-4")

            let audit = try await server.auditText("pw")
            for secret in ["member-password-2", "member-password-3", "member-password-4", token] { #expect(!audit.contains(secret)) }
            let actions = try await server.auditEntries("pw").compactMap { $0["action"] as? String }
            for action in ["staff.password_changed", "staff.password_reset", "staff.password_token_issued", "staff.password_set"] {
                #expect(actions.contains(action), "\(action)")
            }
        }
    }
}
