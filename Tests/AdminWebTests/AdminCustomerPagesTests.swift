import Foundation
import ShopAdminTesting
import ShopCore
import Testing

@testable import AdminWeb

/// The customer pages through forms: errors beside fields with values kept, edit with the
/// version, block with a reason and unblock, the list's search, sort and pages.
@Suite("Admin customer pages")
struct AdminCustomerPagesTests {
    static func signedIn(_ server: AdminTestServer) async throws -> AdminBrowser {
        try await server.provision("nordic")
        let browser = AdminBrowser(server: server, slug: "nordic")
        #expect(try await browser.signIn().status == 303)
        return browser
    }

    @Test func aRefusedCreateShowsEachErrorBesideItsFieldWithTheValuesKept() async throws {
        try await AdminTestServer.with { server in
            let browser = try await Self.signedIn(server)
            _ = try await browser.get("/shops/nordic/admin/customers/new")
            let csrf = try #require(await browser.csrf)
            let refused = try await browser.post(
                "/shops/nordic/admin/customers",
                [("csrf", csrf), ("firstName", "Aino"), ("lastName", "Lahti"), ("email", "not-an-email"), ("newsletter", "on")])
            #expect(refused.status == 422)
            #expect(refused.text.contains("<span class=\"field-error\" id=\"email-error\">"))
            #expect(refused.text.contains("<div class=\"field invalid\"><label for=\"email\">"))
            #expect(refused.text.contains("id=\"firstName\" name=\"firstName\" value=\"Aino\""))
            #expect(refused.text.contains("value=\"not-an-email\""))
            #expect(refused.text.contains("id=\"newsletter\" name=\"newsletter\" type=\"checkbox\" checked"))
            let created = try await browser.post(
                "/shops/nordic/admin/customers",
                [("csrf", csrf), ("firstName", "Aino"), ("lastName", "Lahti"), ("email", "aino@example.fi"), ("newsletter", "on")])
            #expect(created.status == 303)
        }
    }

    @Test func editSavesWithTheVersionAndAStaleFormIsRefused() async throws {
        try await AdminTestServer.with { server in
            let browser = try await Self.signedIn(server)
            _ = try await browser.get("/shops/nordic/admin/customers/new")
            let created = try await browser.post(
                "/shops/nordic/admin/customers",
                [("csrf", try #require(await browser.csrf)), ("firstName", "Aino"), ("lastName", "Lahti"), ("email", "aino@example.fi")])
            let page = try #require(created.header("Location"))
            let edit = try await browser.get(page + "/edit")
            #expect(edit.text.contains("value=\"Lahti\""))
            let version = try #require(AdminBrowser.field("version", in: edit.text))
            let csrf = try #require(AdminBrowser.field("csrf", in: edit.text))
            let number = try #require(AdminBrowser.field("customerNumber", in: edit.text))
            let form = [
                ("csrf", csrf), ("version", version), ("firstName", "Aino"), ("email", "aino@example.fi"), ("customerNumber", number),
            ]
            let saved = try await browser.post(page, form + [("lastName", "Järvinen"), ("staffNote", "Prefers email")])
            #expect(saved.status == 303)
            let shown = try await browser.get(page)
            #expect(shown.text.contains("Aino Järvinen"))
            #expect(shown.text.contains("Prefers email"))
            #expect(shown.text.contains("customer.updated"), "the audit timeline")
            // The same form again names the old version: refused, the values kept.
            let stale = try await browser.post(page, form + [("lastName", "Stale")])
            #expect(stale.status == 412)
            #expect(stale.text.contains("value=\"Stale\""))
        }
    }

    @Test func blockWithAReasonThenUnblock() async throws {
        try await AdminTestServer.with { server in
            let browser = try await Self.signedIn(server)
            _ = try await browser.get("/shops/nordic/admin/customers/new")
            let created = try await browser.post(
                "/shops/nordic/admin/customers",
                [("csrf", try #require(await browser.csrf)), ("firstName", "Aino"), ("lastName", "Lahti"), ("email", "aino@example.fi")])
            let page = try #require(created.header("Location"))
            let csrf = try #require(AdminBrowser.field("csrf", in: try await browser.get(page).text))
            let empty = try await browser.post(page + "/block", [("csrf", csrf), ("reason", "")])
            #expect(empty.status == 422, "a block needs a reason the customer sees")
            #expect(empty.text.contains("role=\"alert\""))
            let blocked = try await browser.post(page + "/block", [("csrf", csrf), ("reason", "Unpaid <invoices>")])
            #expect(blocked.status == 303)
            let shown = try await browser.get(page)
            #expect(shown.text.contains("Blocked: Unpaid &lt;invoices&gt;"))
            #expect(shown.text.contains("id=\"unblock\""))
            let blockedList = try await browser.get("/shops/nordic/admin/customers?status=blocked")
            #expect(blockedList.text.contains("id=\"total\">1<"))
            #expect(try await browser.post(page + "/unblock", [("csrf", csrf)]).status == 303)
            #expect(try await browser.get(page).text.contains("id=\"block-reason\""))
        }
    }

    @Test func theListSearchesSortsAndPagesWithTheTotal() async throws {
        try await AdminTestServer.with { server in
            let browser = try await Self.signedIn(server)
            _ = try await browser.get("/shops/nordic/admin/customers/new")
            let csrf = try #require(await browser.csrf)
            for index in 1...55 {
                let created = try await browser.post(
                    "/shops/nordic/admin/customers",
                    [
                        ("csrf", csrf), ("firstName", "Person\(index)"), ("lastName", index == 7 ? "Öberg" : "Smith"),
                        ("email", "p\(index)@example.se"),
                    ])
                #expect(created.status == 303)
            }
            let first = try await browser.get("/shops/nordic/admin/customers?sort=id")
            #expect(first.text.contains("id=\"total\">55<"))
            #expect(first.text.components(separatedBy: "<tr data-customer-id=").count - 1 == 50)
            #expect(first.text.contains("data-customer-id=\"1\""))
            let next = try #require(
                first.text.range(of: "id=\"next-page\" href=\"").map { range in
                    String(first.text[range.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
                })
            let second = try await browser.get(next)
            #expect(second.text.components(separatedBy: "<tr data-customer-id=").count - 1 == 5)
            #expect(second.text.contains("data-customer-id=\"55\""))
            #expect(!second.text.contains("id=\"next-page\""))
            // The search folds Nordic letters, as the API's does.
            let found = try await browser.get("/shops/nordic/admin/customers?q=oberg")
            #expect(found.text.contains("id=\"total\">1<"))
            #expect(found.text.contains("Öberg"))
            let bad = try await browser.get("/shops/nordic/admin/customers?registeredFrom=yesterday")
            #expect(bad.status == 200)
            #expect(bad.text.contains("role=\"alert\""))
        }
    }
}
