import Foundation
import ShopAdminTesting
import ShopCoreTesting
import Testing

/// GDPR erasure of a customer who applied for a B2B account: the applications, the audit
/// values and the webhook events about them lose the person too, so no byte of their email,
/// name, phone or message is left in the shop's database file.
@Suite("B2B application erasure")
struct ApplicationErasureTests {
    /// The shop's database file and its log, as the disk holds them.
    static func fileBytes(_ shop: B2BShop) throws -> Data {
        let base = shop.server.dataDirectory + "/\(shop.slug)/shop.sqlite"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: base))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: base + "-wal")) { bytes.append(wal) }
        return bytes
    }

    @Test func erasingTheApplicantLeavesNoTraceInTheFile() async throws {
        try await B2BShop.with { shop in
            let hook = try await shop.api(
                "POST", "/webhooks", json: ["url": "http://127.0.0.1:9/hooks", "events": ["*"], "description": "ERP bridge"])
            try #require(hook.status == 201, "\(hook.text)")
            let secrets = [
                "kaisa@lapinpuu.example.fi", "Kaisa", "Niemi", "We build log cabins.", "401234567", "Rejected twice, sorry.",
            ]
            let first = try await shop.apply()
            let approved = try await shop.api("POST", "/b2b/applications/\(first)/approve", json: ["erpCustomerNumber": "F3001"])
            try #require(approved.status == 200, "\(approved.text)")
            let customer = try #require(approved.jsonObject?["customerId"] as? Int)
            // A second application of the same person, rejected: theirs too.
            let second = try await shop.apply(["companyName": "Lapin Toinen Oy", "businessId": "1234567-1", "vatNumber": "FI12345671"])
            let rejected = try await shop.api("POST", "/b2b/applications/\(second)/reject", json: ["reason": "Rejected twice, sorry."])
            try #require(rejected.status == 200, "\(rejected.text)")
            let events = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.scalar("SELECT count(*) FROM webhook_event WHERE event LIKE 'b2b.application.%'", as: Int.self)
            }
            #expect(events == 4, "submitted, approved, submitted, rejected")
            let before = try Self.fileBytes(shop)
            #expect(before.range(of: Data("kaisa@lapinpuu.example.fi".utf8)) != nil, "the check can see the email before")

            let record = try #require(try await shop.api("GET", "/customers/\(customer)").jsonObject?["customer"] as? [String: Any])
            let erase = try await shop.api(
                "POST", "/customers/\(customer)/gdpr-erase", json: ["confirmCustomerNumber": record["customerNumber"] as? String ?? ""])
            #expect(erase.status == 200, "\(erase.text)")

            let after = try Self.fileBytes(shop)
            for secret in secrets {
                #expect(after.range(of: Data(secret.utf8)) == nil, "\(secret) is still in the database file")
            }
            // The merchant keeps the applications' outcome and the company, without the person.
            let applications = try #require(
                try await shop.api("GET", "/b2b/applications").jsonObject?["applications"] as? [[String: Any]])
            #expect(Set(applications.compactMap { $0["status"] as? String }) == ["approved", "rejected"], "\(applications)")
            #expect((try await shop.api("GET", "/companies").jsonObject?["companies"] as? [Any])?.count == 1)
            let trail = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.scalar("SELECT count(*) FROM audit_log WHERE entity = 'b2b_application'", as: Int.self)
            }
            #expect(trail == 4, "the trail of the applications stays, without values")
        }
    }
}
