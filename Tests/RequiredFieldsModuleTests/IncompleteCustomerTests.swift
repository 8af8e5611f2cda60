import Foundation
import RequiredFieldsModule
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// Customers made before a field became required: read as always, listed as incomplete with
/// what they lack, per store, and by the customer list's `incomplete` filter.
@Suite("Required fields: incomplete customers")
struct IncompleteCustomerTests {
    @Test func customersWhoLackANewlyRequiredFieldAreListedNeverRefused() async throws {
        try await RequiredFieldsShop.with { shop in
            let withPhone = try await shop.customer("aino@example.fi", extra: ["phone": "0401234567"])
            let bare = try await shop.customer("eino@example.fi")
            let swede = try await shop.customer("sven@example.se", store: "se")
            #expect(try await shop.incomplete().total == 0)

            try await shop.require(["phone", "company"])
            _ = try await shop.define(["key": "paymentReference", "label": "Payment reference", "kind": "text", "required": true])
            let all = try await shop.incomplete()
            #expect(all.total == 3)
            #expect(all.missing[withPhone] == ["company", "customFields.paymentReference"])
            #expect(all.missing[bare] == ["company", "phone", "customFields.paymentReference"])
            #expect(all.missing[swede] == ["customFields.paymentReference"])
            #expect(try await shop.incomplete("store=se").missing.keys.sorted() == [swede])
            #expect(try await shop.api("/required-fields/incomplete?store=dk").status == 404)
            #expect(try await shop.api("/required-fields/incomplete?stor=se").errorCode == "unknown_parameter")
            #expect(try await shop.api("/required-fields/incomplete?cursor=x").errorField == "cursor")

            // Read as always.
            #expect(try await shop.record(bare)["phone"] is NSNull)
            let list = try await shop.api("/customers?incomplete=true&storeId=\(try await shop.storeID("fi"))")
            #expect(list.jsonObject?["total"] as? Int == 2, "\(list.text)")
            #expect(try await shop.api("/customers?incomplete=maybe").errorField == "incomplete")

            // Completing one takes them off the list.
            let completed = try await shop.api(
                "PATCH", "/customers/\(swede)", json: ["customFields": ["paymentReference": "SE-1"]])
            #expect(completed.status == 200, "\(completed.text)")
            let complete = try await shop.api("/customers?incomplete=false")
            let ids = (complete.jsonObject?["customers"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
            #expect(ids == [swede], "\(complete.text)")
        }
    }

    @Test func theListPagesByCursorAndSkipsErasedCustomers() async throws {
        try await RequiredFieldsShop.with { shop in
            var ids: [Int] = []
            for index in 0..<5 { ids.append(try await shop.customer("c\(index)@example.fi")) }
            try await shop.require(["phone"])
            let first = try await shop.api("/required-fields/incomplete?limit=2")
            let firstIDs = (first.jsonObject?["customers"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
            #expect(firstIDs == Array(ids.prefix(2)))
            #expect(first.jsonObject?["total"] as? Int == 5)
            let cursor = try #require(first.jsonObject?["nextCursor"] as? String)
            let second = try await shop.api("/required-fields/incomplete?limit=2&cursor=\(cursor)")
            #expect((second.jsonObject?["customers"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == Array(ids[2..<4]))
            let row = try #require((second.jsonObject?["customers"] as? [[String: Any]])?.first)
            #expect(row["store"] as? String == "fi")
            #expect(row["email"] as? String == "c2@example.fi")
            #expect(row["missing"] as? [String] == ["phone"])

            let number = try #require(try await shop.record(ids[4])["customerNumber"] as? String)
            #expect(
                try await shop.api("POST", "/customers/\(ids[4])/gdpr-erase", json: ["confirmCustomerNumber": number]).status == 200)
            let remaining = try await shop.incomplete()
            #expect(remaining.total == 4)
            #expect(remaining.missing[ids[4]] == nil)
            let last = try await shop.api("/required-fields/incomplete?limit=2&cursor=\(ids[1])")
            #expect(last.jsonObject?["nextCursor"] is NSNull, "\(last.text)")
        }
    }
}
