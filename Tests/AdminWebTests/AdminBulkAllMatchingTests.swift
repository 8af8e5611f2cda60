import Foundation
import ShopAdminTesting
import ShopCore
import Testing

@testable import AdminWeb

/// "All matching" on the list's mass actions: the API selects the customers itself, from the
/// list's own parameters (`filter`) or everyone (`all`), so no ids go through the page and
/// there is no cap on how many.
@Suite("Admin bulk actions on all matching")
struct AdminBulkAllMatchingTests {
    /// The job's parameters as the API keeps them.
    static func parameters(_ browser: AdminBrowser, job location: String) async throws -> [String: Any] {
        let id = try #require(location.split(separator: "/").last.map(String.init))
        let job = try #require(try await browser.api("GET", "/jobs/\(id)").jsonObject?["job"] as? [String: Any])
        return try #require(job["parameters"] as? [String: Any], "\(job)")
    }

    @Test func theAPISelectsAllMatchingFromTheListsFiltersOrEveryone() async throws {
        try await AdminTestServer.with(modules: AdminCustomerWorkTests.modules) { server in
            let browser = try await AdminCustomerWorkTests.signedIn(server)
            let aino = try await AdminCustomerWorkTests.customer(
                browser, ["firstName": "Aino", "lastName": "Match", "email": "aino@example.fi"])
            let eino = try await AdminCustomerWorkTests.customer(
                browser, ["firstName": "Eino", "lastName": "Match", "email": "eino@example.fi"])
            let olli = try await AdminCustomerWorkTests.customer(
                browser, ["firstName": "Olli", "lastName": "Other", "email": "olli@example.fi"])
            _ = try await browser.get("/shops/nordic/admin/customers")
            let csrf = try #require(await browser.csrf)

            // A search with a filter and a sort: the job gets the search and filter, never ids.
            let confirm = try await browser.post(
                "/shops/nordic/admin/customers/bulk?q=match&status=enabled&sort=lastName",
                [("csrf", csrf), ("action", "disable"), ("scope", "all")])
            #expect(confirm.text.contains("id=\"confirm-count\">2 customers selected<"))
            let disabled = try await browser.post(
                "/shops/nordic/admin/customers/bulk/run?q=match&status=enabled&sort=lastName",
                [("csrf", csrf), ("action", "disable"), ("scope", "all")])
            let location = try #require(disabled.header("Location"))
            let page = try await AdminCustomerWorkTests.finishedJob(browser, location)
            #expect(page.contains("id=\"job-counts\">2 / 2<"), "\(page)")
            let parameters = try await Self.parameters(browser, job: location)
            #expect(parameters["customerIds"] == nil, "\(parameters)")
            #expect(
                (parameters["filter"] as? [String: String]) == ["q": "match", "enabled": "true"], "the sort is no part of it: \(parameters)"
            )
            for (id, enabled) in [(aino, false), (eino, false), (olli, true)] {
                let record = try #require(try await browser.api("GET", "/customers/\(id)").jsonObject?["customer"] as? [String: Any])
                #expect(record["enabled"] as? Bool == enabled, "customer \(id)")
            }

            // The delete's dry run selects the same way.
            let impact = try await browser.post(
                "/shops/nordic/admin/customers/bulk?status=disabled", [("csrf", csrf), ("action", "delete"), ("scope", "all")])
            #expect(impact.status == 200)
            #expect(impact.text.contains("id=\"confirm-count\">2 customers selected<"))
            #expect(impact.text.contains("id=\"impact\""))

            // No search, no filter: everyone, as the API's `all`.
            let everyone = try await browser.post(
                "/shops/nordic/admin/customers/bulk/run", [("csrf", csrf), ("action", "enable"), ("scope", "all")])
            let everyoneJob = try #require(everyone.header("Location"))
            #expect(try await AdminCustomerWorkTests.finishedJob(browser, everyoneJob).contains("id=\"job-counts\">3 / 3<"))
            #expect(try await Self.parameters(browser, job: everyoneJob)["all"] as? Bool == true)

            // All matching that matches no one asks nothing.
            let none = try await browser.post(
                "/shops/nordic/admin/customers/bulk?q=nobody", [("csrf", csrf), ("action", "disable"), ("scope", "all")])
            #expect(none.status == 422)
            #expect(none.text.contains("Select at least one customer"))
        }
    }
}
