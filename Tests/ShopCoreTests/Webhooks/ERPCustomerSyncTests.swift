import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// The ERP's customer API: upserts keyed by ERP id, idempotent, stale versions ignored, the
/// admin API's validation and one audit entry per real change.
@Suite struct ERPCustomerSyncTests {
    /// An integration's API token with the admin role.
    static func integrationToken(_ shop: CustomerShop) async throws -> String {
        let response = try await shop.api("POST", "/api-tokens", json: ["name": "Fortnox sync", "role": "admin"])
        try #require(response.status == 201, "\(response.text)")
        return try #require(response.jsonObject?["token"] as? String)
    }

    static func put(_ shop: CustomerShop, _ erpID: String, token: String, _ body: [String: Any]) async throws -> TestResponse {
        try await shop.api("PUT", "/erp/customers/\(erpID)", json: body, token: token)
    }

    @Test func createUpdateStaleAndReplay() async throws {
        try await CustomerShop.with { shop in
            let token = try await Self.integrationToken(shop)
            var record: [String: Any] = [
                "firstName": "Aino", "lastName": "Laine", "email": "aino@laine.fi", "phone": "040 123 4567",
                "updatedAt": "2026-11-20T10:00:00Z",
            ]
            let created = try await Self.put(shop, "FX-1001", token: token, record)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.jsonObject?["result"] as? String == "created")
            let customer = try #require(created.jsonObject?["customer"] as? [String: Any])
            let id = try #require(customer["id"] as? Int)
            #expect(customer["erpCustomerId"] as? String == "FX-1001")
            #expect(customer["phone"] as? String == "+358401234567", "normalised like the admin API")

            record["lastName"] = "Laine-Virtanen"
            record["updatedAt"] = "2026-11-21T10:00:00Z"
            let updated = try await Self.put(shop, "FX-1001", token: token, record)
            #expect(updated.status == 200)
            #expect(updated.jsonObject?["result"] as? String == "updated")

            var older = record
            older["lastName"] = "Old"
            older["updatedAt"] = "2026-11-20T12:00:00Z"
            let stale = try await Self.put(shop, "FX-1001", token: token, older)
            #expect(stale.status == 200)
            #expect(stale.jsonObject?["result"] as? String == "stale")
            #expect(stale.jsonObject?["erpUpdatedAt"] as? String == "2026-11-21T10:00:00.000Z")
            #expect((stale.jsonObject?["customer"] as? [String: Any])?["lastName"] as? String == "Laine-Virtanen")

            let replay = try await Self.put(shop, "FX-1001", token: token, record)
            #expect(replay.jsonObject?["result"] as? String == "unchanged")
            var later = record
            later["updatedAt"] = "2026-11-22T10:00:00Z"
            let sameFieldsLater = try await Self.put(shop, "FX-1001", token: token, later)
            #expect(sameFieldsLater.jsonObject?["result"] as? String == "unchanged")
            #expect(sameFieldsLater.jsonObject?["erpUpdatedAt"] as? String == "2026-11-22T10:00:00.000Z")

            let audit = try await shop.api("GET", "/audit?entity=customer&entityId=\(id)")
            let actions = (audit.jsonObject?["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
            #expect(actions == ["customer.updated", "customer.created"], "one entry per real change")
            let list = try await shop.api("GET", "/customers?q=Laine")
            #expect((list.jsonObject?["customers"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func aCustomerMadeInTheAdminIsLinkedWhenTheERPSendsItBack() async throws {
        try await CustomerShop.with { shop in
            let token = try await Self.integrationToken(shop)
            let made = try await shop.create(CustomerShop.minimal("roundtrip"))
            let id = try #require(made["id"] as? Int)
            let record: [String: Any] = [
                "firstName": "Anna", "lastName": "Test", "email": "ROUNDTRIP@example.fi", "updatedAt": "2026-11-20T10:00:00Z",
            ]
            let linked = try await Self.put(shop, "FX-77", token: token, record)
            #expect(linked.status == 200, "\(linked.text)")
            #expect(linked.jsonObject?["result"] as? String == "linked")
            let customer = try #require(linked.jsonObject?["customer"] as? [String: Any])
            #expect(customer["id"] as? Int == id)
            #expect(customer["erpCustomerId"] as? String == "FX-77")
            let again = try await Self.put(shop, "FX-77", token: token, record)
            #expect(again.jsonObject?["result"] as? String == "unchanged")
            // Another ERP id for the same email: the customer is taken, so it is a new one, refused.
            let other = try await Self.put(shop, "FX-78", token: token, record)
            #expect(other.status == 409, "\(other.text)")
            #expect(other.errorField == "email")
        }
    }

    @Test func badRecordsAreRefusedByField() async throws {
        try await CustomerShop.with { shop in
            let token = try await Self.integrationToken(shop)
            let base: [String: Any] = [
                "firstName": "Eero", "lastName": "Koski", "email": "eero@koski.fi", "updatedAt": "2026-11-20T10:00:00Z",
            ]
            var cases: [([String: Any], String)] = []
            var noVersion = base
            noVersion["updatedAt"] = nil
            cases.append((noVersion, "updatedAt"))
            var badVersion = base
            badVersion["updatedAt"] = "yesterday"
            cases.append((badVersion, "updatedAt"))
            var badEmail = base
            badEmail["email"] = "not-an-email"
            cases.append((badEmail, "email"))
            var otherID = base
            otherID["erpCustomerId"] = "FX-2"
            cases.append((otherID, "erpCustomerId"))
            var unknown = base
            unknown["shoeSize"] = 44
            cases.append((unknown, "shoeSize"))
            for (body, field) in cases {
                let response = try await Self.put(shop, "FX-1", token: token, body)
                #expect(response.status == 422, "\(field): \(response.text)")
                #expect(response.errorField == field, "\(response.text)")
            }
            let count = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.scalar("SELECT count(*) FROM customer WHERE erp_customer_id = 'FX-1'", as: Int.self)
            }
            #expect(count == 0)
        }
    }

    @Test func aBatchAnswersEachRecord() async throws {
        try await CustomerShop.with { shop in
            let token = try await Self.integrationToken(shop)
            let records: [[String: Any]] = [
                ["erpId": "B-1", "firstName": "Siri", "lastName": "Berg", "email": "siri@berg.se", "updatedAt": "2026-11-20T10:00:00Z"],
                ["erpId": "B-2", "firstName": "Ola", "lastName": "Nord", "email": "bad", "updatedAt": "2026-11-20T10:00:00Z"],
                ["firstName": "No", "lastName": "Id", "updatedAt": "2026-11-20T10:00:00Z"],
            ]
            let first = try await shop.api("POST", "/erp/customers/batch", json: ["customers": records], token: token)
            #expect(first.status == 200, "\(first.text)")
            let results = try #require(first.jsonObject?["results"] as? [[String: Any]])
            #expect(results.map { $0["result"] as? String } == ["created", "error", "error"])
            #expect(results[1]["field"] as? String == "customers[1].email")
            #expect(results[2]["field"] as? String == "customers[2].erpId")
            let again = try await shop.api("POST", "/erp/customers/batch", json: ["customers": [records[0]]], token: token)
            #expect((again.jsonObject?["results"] as? [[String: Any]])?.first?["result"] as? String == "unchanged")
            let empty = try await shop.api("POST", "/erp/customers/batch", json: ["customers": []], token: token)
            #expect(empty.status == 422)
            #expect(empty.errorField == "customers")
        }
    }
}
