import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The merchant's tags: names unique per shop whatever their case, renamed and deleted,
/// counted per tag, and each customer's set replaced at once.
@Suite("Tags module: tags and a customer's tags")
struct TagStoreTests {
    @Test func namesAreUniqueWhateverTheirCase() async throws {
        try await TagShop.with { shop in
            let vip = try await shop.api("POST", "/tags", json: ["name": "  VIP "])
            #expect(vip.status == 201, "\(vip.text)")
            let tag = try #require(vip.jsonObject?["tag"] as? [String: Any])
            #expect(tag["name"] as? String == "VIP")
            #expect(tag["customers"] as? Int == 0)
            let vipID = try #require(tag["id"] as? Int)

            for taken in ["vip", "Vip", "VIP"] {
                let duplicate = try await shop.api("POST", "/tags", json: ["name": taken])
                #expect(duplicate.status == 409, "\(taken): \(duplicate.text)")
                #expect(duplicate.errorCode == "tag_exists")
                #expect(duplicate.errorField == "name")
            }
            // Case folds beyond A-Z: Öljy and ÖLJY are one tag.
            #expect(try await shop.api("POST", "/tags", json: ["name": "Öljy"]).status == 201)
            #expect(try await shop.api("POST", "/tags", json: ["name": "ÖLJY"]).status == 409)

            // Renaming to another case of itself is fine; to another tag's name is not.
            let recased = try await shop.api("PATCH", "/tags/\(vipID)", json: ["name": "Vip"])
            #expect(recased.status == 200, "\(recased.text)")
            #expect((recased.jsonObject?["tag"] as? [String: Any])?["name"] as? String == "Vip")
            let clash = try await shop.api("PATCH", "/tags/\(vipID)", json: ["name": "öljy"])
            #expect(clash.status == 409)
            #expect(clash.errorField == "name")
            #expect(try await shop.api("PATCH", "/tags/99999", json: ["name": "x"]).status == 404)

            for bad: Any in ["", "   ", "a,b", String(repeating: "x", count: 51), 5] {
                let refused = try await shop.api("POST", "/tags", json: ["name": bad])
                #expect(refused.status == 422, "\(bad): \(refused.text)")
                #expect(refused.errorField == "name", "\(bad)")
            }
            #expect(try await shop.api("POST", "/tags", json: ["label": "x"]).errorField == "label")
            #expect(try await shop.counts() == ["Vip": 0, "Öljy": 0])
        }
    }

    @Test func customerTagsAreReplacedAndUnknownNamesCreated() async throws {
        try await TagShop.with { shop in
            let ids = try await shop.customers(["Aho", "Berg"])
            #expect(try await shop.api("POST", "/tags", json: ["name": "VIP"]).status == 201)

            let put = try await shop.api("PUT", "/customers/\(ids[0])/tags", json: ["tags": ["vip", "Wholesale", "wholesale"]])
            #expect(put.status == 200, "\(put.text)")
            // The existing tag keeps its spelling; the new one is created once.
            #expect(put.jsonObject?["createdTags"] as? [String] == ["Wholesale"])
            #expect(try await shop.tagNames(ids[0]) == ["VIP", "Wholesale"])
            #expect(try await shop.tagNames(ids[1]) == [])

            try await shop.setTags(ids[0], ["Wholesale"])
            #expect(try await shop.tagNames(ids[0]) == ["Wholesale"])
            try await shop.setTags(ids[0], [])
            #expect(try await shop.tagNames(ids[0]) == [])

            let bad = try await shop.api("PUT", "/customers/\(ids[0])/tags", json: ["tags": ["ok", ""]])
            #expect(bad.status == 422)
            #expect(bad.errorField == "tags[1]")
            #expect(try await shop.api("PUT", "/customers/\(ids[0])/tags", json: ["tags": "VIP"]).errorField == "tags")
            #expect(try await shop.api("PUT", "/customers/\(ids[0])/tags", json: [:]).errorField == "tags")
            let missing = try await shop.api("PUT", "/customers/424242/tags", json: ["tags": ["VIP"]])
            #expect(missing.status == 404)
            #expect(missing.errorCode == "customer_not_found")
            #expect(try await shop.api("GET", "/customers/424242/tags").status == 404)
            // A refused request changed nothing, not even the tag list.
            #expect(Set(try await shop.counts().keys) == ["VIP", "Wholesale"])

            let entries = try await shop.server.auditEntries(shop.slug, token: shop.token)
            let changes = entries.filter { $0["action"] as? String == "customer.tags_changed" }
            #expect(changes.count == 3)
            #expect(changes.allSatisfy { $0["entityId"] as? String == String(ids[0]) })
            #expect(changes.allSatisfy { ($0["actor"] as? [String: Any])?["label"] as? String == ModuleTestServer.ownerEmail(shop.slug) })
            #expect(entries.contains { $0["action"] as? String == "tag.created" })
        }
    }

    @Test func eachTagCountsItsCustomersAndDeletingUntagsThem() async throws {
        try await TagShop.with { shop in
            let ids = try await shop.customers(["Aho", "Berg", "Carlsen"])
            try await shop.setTags(ids[0], ["VIP", "Nordic"])
            try await shop.setTags(ids[1], ["Nordic"])
            try await shop.setTags(ids[2], ["Nordic"])
            #expect(try await shop.api("POST", "/tags", json: ["name": "Unused"]).status == 201)
            #expect(try await shop.counts() == ["Nordic": 3, "Unused": 0, "VIP": 1])

            let list = try #require(try await shop.api("GET", "/tags").jsonObject?["tags"] as? [[String: Any]])
            #expect(list.compactMap { $0["name"] as? String } == ["Nordic", "Unused", "VIP"])
            let nordic = try #require(list.first { $0["name"] as? String == "Nordic" }?["id"] as? Int)

            let deleted = try await shop.api("DELETE", "/tags/\(nordic)")
            #expect(deleted.status == 200, "\(deleted.text)")
            #expect(deleted.jsonObject?["customersUntagged"] as? Int == 3)
            #expect(try await shop.tagNames(ids[0]) == ["VIP"])
            #expect(try await shop.counts() == ["Unused": 0, "VIP": 1])
            #expect(try await shop.api("DELETE", "/tags/\(nordic)").status == 404)
        }
    }
}
