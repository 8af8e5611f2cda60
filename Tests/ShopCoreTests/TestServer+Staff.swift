import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// Staff fixtures: accounts made through the staff API, signed in, and reads of the audit.
extension TestServer {
    /// Creates a staff member through `POST /staff` as `token` and returns their id.
    @discardableResult
    func createStaff(
        _ slug: String, token: String, email: String, role: String, password: String? = "member-password-1", name: String = "Member"
    ) async throws -> Int64 {
        var json: [String: Any] = ["email": email, "name": name, "role": role]
        if let password { json["password"] = password }
        let response = try await request("POST", "/shops/\(slug)/api/staff", token: token, json: json)
        try #require(response.status == 201, "creating \(email): \(response.text)")
        let staff = try #require(response.jsonObject?["staff"] as? [String: Any])
        return try #require((staff["id"] as? NSNumber)?.int64Value)
    }

    /// Creates a member with `role` (as the owner) and signs them in: their id and session token.
    func member(_ slug: String, role: String, email: String? = nil) async throws -> (id: Int64, token: String) {
        let owner = try await signIn(slug)
        let email = email ?? "\(role)@\(slug).example.com"
        let id = try await createStaff(slug, token: owner, email: email, role: role)
        return (id, try await signIn(slug, email: email, password: "member-password-1"))
    }

    /// The shop's audit entries, newest first, read with the owner's session.
    func auditEntries(_ slug: String) async throws -> [[String: Any]] {
        let owner = try await signIn(slug)
        let response = try await request("/shops/\(slug)/api/audit?limit=500", token: owner)
        try #require(response.status == 200, "\(response.text)")
        return try #require(response.jsonObject?["entries"] as? [[String: Any]])
    }

    /// The raw text of the shop's audit log, to prove a secret never reached it.
    func auditText(_ slug: String) async throws -> String {
        try await withShopDatabase(slug) { db in
            try db.query(
                "SELECT actor_label || ' ' || action || ' ' || coalesce(before, '') || ' ' || coalesce(after, '') AS line FROM audit_log"
            ).map { row in try row.get("line", as: String.self) }.joined(separator: "\n")
        }
    }
}

extension [String: Any] {
    /// `actor.kind` and `actor.label` of an audit entry.
    var actorKind: String? { (self["actor"] as? [String: Any])?["kind"] as? String }
    var actorLabel: String? { (self["actor"] as? [String: Any])?["label"] as? String }
}
