import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// Who may change tags, and tags in a customer's GDPR export and erasure.
@Suite("Tags module: permissions and GDPR")
struct TagPermissionPrivacyTests {
    @Test func readOnlyStaffSeeTagsButCannotChangeThem() async throws {
        try await TagShop.with { shop in
            let ids = try await shop.customers(["Aho"])
            try await shop.setTags(ids[0], ["VIP"])
            let reader = try await shop.server.member(shop.slug, owner: shop.token, role: "read-only")
            #expect(try await shop.api("GET", "/tags", token: reader).status == 200)
            #expect(try await shop.api("GET", "/customers/\(ids[0])/tags", token: reader).status == 200)
            #expect(try await shop.api("GET", "/customers?tagsAll=VIP", token: reader).status == 200)
            let writes: [(String, String, [String: Any])] = [
                ("POST", "/tags/assign", ["add": ["X"], "customerIds": ids]),
                ("POST", "/tags", ["name": "X"]),
                ("PUT", "/customers/\(ids[0])/tags", ["tags": []]),
            ]
            for (method, path, body) in writes {
                let refused = try await shop.api(method, path, json: body, token: reader)
                #expect(refused.status == 403, "\(method) \(path): \(refused.text)")
            }
            #expect(try await shop.tagNames(ids[0]) == ["VIP"])
            #expect(try await shop.counts() == ["VIP": 1])

            // Day-to-day staff may.
            let staff = try await shop.server.member(shop.slug, owner: shop.token, role: "staff")
            #expect(try await shop.api("POST", "/tags/assign", json: ["add": ["X"], "customerIds": ids], token: staff).status == 200)
        }
    }

    @Test func exportListsTheTagsAndErasureTakesThemOff() async throws {
        try await TagShop.with { shop in
            let ids = try await shop.customers(["Aho", "Berg"])
            try await shop.setTags(ids[0], ["VIP", "Nordic"])
            try await shop.setTags(ids[1], ["Nordic"])
            let export = try await shop.api("GET", "/customers/\(ids[0])/gdpr-export")
            #expect(export.status == 200, "\(export.text)")
            let modules = try #require(export.jsonObject?["modules"] as? [String: Any])
            #expect((modules["tags"] as? [String: Any])?["tags"] as? [String] == ["Nordic", "VIP"])

            let customer = try #require(try await shop.api("GET", "/customers/\(ids[0])").jsonObject?["customer"] as? [String: Any])
            let number = try #require(customer["customerNumber"] as? String)
            let erase = try await shop.api("POST", "/customers/\(ids[0])/gdpr-erase", json: ["confirmCustomerNumber": number])
            #expect(erase.status == 200, "\(erase.text)")
            #expect(try await shop.tagNames(ids[0]) == [])
            // The tags are the merchant's and stay, as do other customers' tags.
            #expect(try await shop.counts() == ["Nordic": 1, "VIP": 0])
            // The tag changes in the customer's trail lose their values.
            let leftover = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.scalar(
                    "SELECT count(*) FROM audit_log WHERE action = 'customer.tags_changed' AND entity_id = ? AND after IS NOT NULL",
                    [String(ids[0])], as: Int.self) ?? -1
            }
            #expect(leftover == 0)
        }
    }
}
