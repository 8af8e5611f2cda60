import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// Shop changes leave audit entries written in the same transaction, readable by staff.
@Suite("Audit log")
struct AuditLogTests {
    @Test func groupCreationIsAuditedWithActorAfterAndRequestID() async throws {
        try await TestServer.with { server in
            try await server.provision("audited", tier: "pro")
            let token = try await server.signIn("audited")
            let created = try await server.request(
                "POST", "/shops/audited/api/groups", token: token, json: ["name": "Resellers", "taxClass": "tax-free-reseller"],
                headers: [("X-Request-Id", "req-group-1")])
            #expect(created.status == 201, "\(created.text)")
            let group = try #require(created.jsonObject?["group"] as? [String: Any])
            let groupID = try #require(group["id"] as? Int)

            let audit = try await server.request("/shops/audited/api/audit?entity=customer_group", token: token)
            #expect(audit.status == 200)
            let entries = try #require(audit.jsonObject?["entries"] as? [[String: Any]])
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry["action"] as? String == "group.created")
            #expect(entry["entityId"] as? String == String(groupID))
            #expect(entry["requestId"] as? String == "req-group-1")
            let actor = try #require(entry["actor"] as? [String: Any])
            #expect(actor["kind"] as? String == "staff")
            #expect(actor["label"] as? String == TestServer.ownerEmail("audited"))
            #expect(actor["id"] as? Int == 1)
            #expect(entry["before"] is NSNull)
            let after = try #require(entry["after"] as? [String: Any])
            #expect(after["name"] as? String == "Resellers")
            #expect(after["taxClass"] as? String == "tax-free-reseller")
            #expect((entry["at"] as? String)?.hasSuffix("Z") == true)
        }
    }

    @Test func auditListsEveryChangeNewestFirstAndPaginates() async throws {
        try await TestServer.with { server in
            try await server.provision("paged", tier: "pro")
            let token = try await server.signIn("paged")
            #expect(try await server.request("POST", "/shops/paged/api/groups", token: token, json: ["name": "G1"]).status == 201)
            let note = try await server.request("POST", "/shops/paged/api/notes", token: token, json: ["text": "audited note"])
            #expect(note.status == 201)
            // A refused change leaves no entry.
            #expect(try await server.request("POST", "/shops/paged/api/groups", token: token, json: ["name": "g1"]).status == 409)

            let all = try await server.request("/shops/paged/api/audit", token: token)
            let actions = (all.jsonObject?["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
            #expect(actions == ["note.created", "group.created", "staff.signed_in", "shop.provisioned"])
            let noteEntry = (all.jsonObject?["entries"] as? [[String: Any]])?.first
            #expect(noteEntry?["requestId"] as? String == note.header("X-Request-Id"))
            #expect((noteEntry?["after"] as? [String: Any])?["text"] as? String == "audited note")

            let page = try await server.request("/shops/paged/api/audit?limit=2", token: token)
            let pageEntries = try #require(page.jsonObject?["entries"] as? [[String: Any]])
            #expect(pageEntries.count == 2)
            let lastID = try #require(pageEntries.last?["id"] as? Int)
            let next = try await server.request("/shops/paged/api/audit?limit=2&before=\(lastID)", token: token)
            #expect(
                (next.jsonObject?["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String } == [
                    "staff.signed_in", "shop.provisioned",
                ])
            #expect(try await server.request("/shops/paged/api/audit?limit=0", token: token).status == 400)
            #expect(try await server.request("/shops/paged/api/audit?before=x", token: token).status == 400)
        }
    }
}
