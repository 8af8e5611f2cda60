import Foundation
import ShopAdminTesting
import ShopCore
import Testing

@testable import AdminWeb

/// The list's bulk "Export": ticked rows go to the export page as `ids` and the file holds
/// those customers only; "all matching" goes with the list's search and filters.
@Suite("Admin bulk export")
struct AdminBulkExportTests {
    @Test func tickedRowsExportThoseCustomersOnly() async throws {
        try await AdminTestServer.with(modules: AdminCustomerWorkTests.modules) { server in
            let browser = try await AdminCustomerWorkTests.signedIn(server)
            let aino = try await AdminCustomerWorkTests.customer(
                browser, ["firstName": "Aino", "lastName": "Tick", "email": "aino@example.fi"])
            _ = try await AdminCustomerWorkTests.customer(browser, ["firstName": "Eino", "lastName": "Tick", "email": "eino@example.fi"])
            let olli = try await AdminCustomerWorkTests.customer(
                browser, ["firstName": "Olli", "lastName": "Tick", "email": "olli@example.fi"])
            let list = try await browser.get("/shops/nordic/admin/customers?q=tick")
            #expect(list.text.contains("<option value=\"export\">Export</option>"))
            let csrf = try #require(await browser.csrf)

            let ticked = try await browser.post(
                "/shops/nordic/admin/customers/bulk?q=tick",
                [("csrf", csrf), ("action", "export"), ("customer.\(olli)", "on"), ("customer.\(aino)", "on")])
            #expect(ticked.status == 303, "no confirmation: an export changes nothing")
            let location = try #require(ticked.header("Location"))
            #expect(location == "/shops/nordic/admin/customers/export?q=tick&ids=\(aino)%2C\(olli)", "\(location)")
            let page = try await browser.get(location)
            #expect(page.text.contains("The file holds the 2 customers ticked on the list."))
            #expect(page.text.contains("<input type=\"hidden\" name=\"ids\" value=\"\(aino),\(olli)\">"))
            let csv = try await browser.get("/shops/nordic/admin/customers/export.csv?q=tick&ids=\(aino),\(olli)&field.email=on")
            #expect(csv.status == 200)
            #expect(csv.text == "email\r\naino@example.fi\r\nolli@example.fi\r\n", "\(csv.text)")

            // All matching: the search goes along, no ids.
            let all = try await browser.post(
                "/shops/nordic/admin/customers/bulk?q=tick", [("csrf", csrf), ("action", "export"), ("scope", "all")])
            #expect(all.header("Location") == "/shops/nordic/admin/customers/export?q=tick")
            #expect(try await browser.get(all.header("Location")!).text.contains("The file holds the 3 customers the search"))

            // A list the API cannot take is refused, never widened to everyone.
            let bad = try await browser.get("/shops/nordic/admin/customers/export.csv?ids=1,x&field.email=on")
            #expect(bad.status == 400)
            #expect(!bad.text.contains("@example.fi"))
        }
    }
}
