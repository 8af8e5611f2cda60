import Foundation
import ShopAdminTesting
import ShopCoreTesting
import Testing

/// The ERP's company API of the b2b module: upserts keyed by ERP customer number, stale and
/// repeated pushes ignored, the approval matching the company the ERP sent, and every company
/// and application change queued for the shop's webhooks in its own transaction.
@Suite("B2B module: ERP company sync and webhook events")
struct ERPCompanySyncTests {
    @Test func theERPUpsertsCompaniesByNumberAndTheApprovalMatchesThem() async throws {
        try await B2BShop.with { shop in
            // Deliveries stay queued: no worker runs, so the log shows what was emitted.
            let hook = try await shop.api(
                "POST", "/webhooks", json: ["url": "http://127.0.0.1:9/hooks", "events": ["company.*", "b2b.application.*"]])
            #expect(hook.status == 201, "\(hook.text)")

            var record: [String: Any] = ["name": "Lapin Puu Oy", "businessId": "2345678-0", "updatedAt": "2026-11-20T10:00:00Z"]
            let created = try await shop.api("PUT", "/erp/companies/F3001", json: record)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.jsonObject?["result"] as? String == "created")
            let company = try #require(created.jsonObject?["company"] as? [String: Any])
            let id = try #require(company["id"] as? Int)
            #expect(company["erpCustomerNumber"] as? String == "F3001")

            record["website"] = "lapinpuu.example.fi"
            record["updatedAt"] = "2026-11-21T10:00:00Z"
            let updated = try await shop.api("PUT", "/erp/companies/F3001", json: record)
            #expect(updated.jsonObject?["result"] as? String == "updated", "\(updated.text)")
            var older = record
            older["name"] = "Vanha Nimi Oy"
            older["updatedAt"] = "2026-11-19T10:00:00Z"
            let stale = try await shop.api("PUT", "/erp/companies/F3001", json: older)
            #expect(stale.jsonObject?["result"] as? String == "stale")
            #expect((stale.jsonObject?["company"] as? [String: Any])?["name"] as? String == "Lapin Puu Oy")
            let replay = try await shop.api("PUT", "/erp/companies/F3001", json: record)
            #expect(replay.jsonObject?["result"] as? String == "unchanged")
            #expect(try await shop.auditActions(entity: "b2b_company", id: id) == ["b2b.company_created", "b2b.company_updated"])

            var bad = record
            bad["businessId"] = "1234567-8"
            let refused = try await shop.api("PUT", "/erp/companies/F3002", json: bad)
            #expect(refused.status == 422)
            #expect(refused.errorField == "businessId", "\(refused.text)")
            record["updatedAt"] = nil
            let unversioned = try await shop.api("PUT", "/erp/companies/F3002", json: record)
            #expect(unversioned.status == 422)
            #expect(unversioned.errorField == "updatedAt")

            // The approval with the ERP number takes the company the ERP sent.
            let application = try await shop.apply()
            let approved = try await shop.api("POST", "/b2b/applications/\(application)/approve", json: ["erpCustomerNumber": "F3001"])
            #expect(approved.status == 200, "\(approved.text)")
            #expect(approved.jsonObject?["matchedCompany"] as? Bool == true)

            let log = try await shop.api("GET", "/webhooks/deliveries")
            let events = (log.jsonObject?["deliveries"] as? [[String: Any]])?.compactMap { $0["event"] as? String }.reversed()
            #expect(
                events.map(Array.init) == [
                    "company.created", "company.updated", "b2b.application.submitted", "b2b.application.approved",
                ])
        }
    }
}
