import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// Mass actions over a selection: ticked ids, the customer list's own search and filters, or
/// everyone; the set is frozen when the job starts. Over a real socket into a real shop file.
@Suite("Mass action selections")
struct MassActionSelectionTests {
    @Test func filterAndAllSelectWhatTheListShowsAndFreezeTheSetAtStart() async throws {
        try await CustomerShop.with { shop in
            for index in 0..<5 { try await shop.create(CustomerShop.minimal("virta\(index)", ["lastName": "Virtanen"])) }
            for index in 0..<3 { try await shop.create(CustomerShop.minimal("kor\(index)", ["lastName": "Korhonen"])) }
            let listed = try await shop.list("q=virtanen&enabled=true&limit=1").total
            #expect(listed == 5)

            // The dry run counts what the list shows for the same parameters.
            let dry = try await shop.api(
                "POST", "/customers/mass-actions",
                json: ["action": "disable", "filter": ["q": "virtanen", "enabled": true], "dryRun": true])
            #expect(dry.status == 200, "\(dry.text)")
            #expect((dry.jsonObject?["impact"] as? [String: Any])?["customers"] as? Int == 5, "\(dry.text)")

            // "Disable everyone enabled": the frozen set is the five matched at the start, each
            // disabled once, although disabling takes them out of the filter as it goes.
            let job = try await CustomerMassActionTests.runJob(
                shop, ["action": "disable", "filter": ["q": "virtanen", "enabled": "true"]])
            #expect(job["status"] as? String == "done", "\(job)")
            #expect((job["progress"] as? [String: Any])?["total"] as? Int == 5, "\(job)")
            #expect((job["result"] as? [String: Any])?["changed"] as? Int == 5, "\(job)")
            #expect(try await shop.list("enabled=false&limit=1").total == 5)
            #expect(try await shop.list("q=korhonen&enabled=true&limit=1").total == 3, "the others are untouched")
            let parameters = try #require(job["parameters"] as? [String: Any])
            #expect((parameters["filter"] as? [String: Any])?["q"] as? String == "virtanen", "\(parameters)")
            #expect((parameters["startedBy"] as? [String: Any])?["kind"] as? String == "staff", "\(parameters)")
            let leftover = try await shop.database { db in try db.scalar("SELECT count(*) FROM job_customer", as: Int.self) }
            #expect(leftover == 0, "a finished job's frozen set is released")

            let everyone = try await CustomerMassActionTests.runJob(shop, ["action": "enable", "all": true])
            #expect((everyone["result"] as? [String: Any])?["changed"] as? Int == 5, "\(everyone)")
            #expect((everyone["progress"] as? [String: Any])?["total"] as? Int == 8, "\(everyone)")
            #expect(try await shop.list("enabled=true&limit=1").total == 8)

            let nobody = try await CustomerMassActionTests.runJob(shop, ["action": "disable", "filter": ["q": "nosuchname"]])
            #expect(nobody["status"] as? String == "done" && (nobody["result"] as? [String: Any])?["changed"] as? Int == 0)

            for (body, field) in [
                (["action": "enable"], "customerIds"), (["action": "enable", "all": true, "customerIds": [1]], "all"),
                (["action": "enable", "all": false], "all"), (["action": "enable", "filter": ["colour": "red"]], "filter.colour"),
                (["action": "enable", "filter": ["enabled": "maybe"]], "filter.enabled"),
                (["action": "enable", "filter": ["limit": 5]], "filter.limit"), (["action": "enable", "filter": [:]], "filter"),
            ] as [([String: Any], String)] {
                let refused = try await shop.api("POST", "/customers/mass-actions", json: body)
                #expect(refused.status == 422 && refused.errorField == field, "\(body): \(refused.text)")
            }
        }
    }
}
