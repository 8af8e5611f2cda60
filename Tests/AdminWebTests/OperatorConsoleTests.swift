import AccountBalanceModule
import B2BModule
import CreditLimitModule
import Foundation
import ShopAdminTesting
import ShopCore
import TagsModule
import Testing

@testable import AdminWeb

/// The operator's console over a real socket: its own sign-in, the shop list, provisioning,
/// plan and status changes through the operator API, CSRF refusal and the delete confirmation.
@Suite("Operator console")
struct OperatorConsoleTests {
    /// Signs a console browser in with `token`; the POST's response.
    static func signIn(_ browser: AdminBrowser, token: String, locale: String = "en") async throws -> TestResponse {
        _ = try await browser.get("/operator/console/sign-in")
        return try await browser.post(
            "/operator/console/sign-in", [("csrf", try #require(await browser.csrf)), ("token", token), ("locale", locale)])
    }

    @Test func theOperatorSignsInWithTheTokenAndTheCookieHoldsOnlyASession() async throws {
        try await AdminTestServer.with { server in
            let token = try await server.app.operatorTokens.issue()
            let browser = AdminBrowser(server: server, slug: "none")
            #expect(try await browser.get("/operator/console").status == 303)
            let wrong = try await OperatorConsoleTests.signIn(browser, token: "sa_op_not-the-token")
            #expect(wrong.status == 401)
            #expect(wrong.text.contains("The operator token is not valid."))
            let signedIn = try await OperatorConsoleTests.signIn(browser, token: token)
            #expect(signedIn.status == 303)
            let cookie = try #require(signedIn.headerValues("Set-Cookie").first { $0.hasPrefix("sa_operator=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/operator/console"))
            #expect(!cookie.contains(token), "the browser never holds the operator token")
            let list = try await browser.get("/operator/console")
            #expect(list.status == 200)
            #expect(list.header("Content-Security-Policy")?.contains("default-src 'self'") == true)
            // A forged sign-out (no token) is refused; the real one ends the session.
            #expect(try await browser.post("/operator/console/sign-out", []).status == 403)
            _ = try await browser.get("/operator/console")
            let csrf = try #require(await browser.csrf)
            #expect(try await browser.post("/operator/console/sign-out", [("csrf", csrf)]).status == 303)
            #expect(try await browser.get("/operator/console").status == 303)
            // The console's pages are not API.
            #expect(OpenAPIDocument.isBrowserPage("/operator/console/shops/{slug}"))
            #expect(OpenAPIDocument.undescribedRoutes(server.app.router, modules: server.app.service.catalog.entries.map(\.module)) == [])
        }
    }

    @Test func theConsoleListsProvisionsAndChangesShops() async throws {
        try await AdminTestServer.with(modules: [CreditLimitModule(), AccountBalanceModule(), B2BModule(), TagsModule()]) { server in
            try await server.provision("listed", tier: .platinum)
            let token = try await server.app.operatorTokens.issue()
            let browser = AdminBrowser(server: server, slug: "listed")
            #expect(try await OperatorConsoleTests.signIn(browser, token: token, locale: "fi").status == 303)
            let list = try await browser.get("/operator/console")
            #expect(list.text.contains("<html lang=\"fi\">"))
            #expect(list.text.contains("data-shop=\"listed\""))
            #expect(list.text.contains("<td data-tier>Platinum</td>"))
            #expect(list.text.contains("<td class=\"number\" data-customers>0</td>"))

            let csrf = try #require(await browser.csrf)
            let bad = try await browser.post(
                "/operator/console/shops",
                [("csrf", csrf), ("slug", "Bad Slug"), ("name", "<i>x</i>"), ("tier", "start"), ("ownerEmail", "o@x.example.com")])
            #expect(bad.status == 422 || bad.status == 400)
            #expect(bad.text.contains("value=\"&lt;i&gt;x&lt;/i&gt;\""))
            let made = try await browser.post(
                "/operator/console/shops",
                [
                    ("csrf", csrf), ("slug", "newshop"), ("name", "New <Shop>"), ("tier", "start"),
                    ("ownerEmail", "owner@newshop.example.com"),
                ])
            #expect(made.status == 201, "\(made.text)")
            #expect(made.text.contains("id=\"owner-password\""), "a generated password is shown once")
            #expect(try await server.app.service.record(ShopSlug("newshop")!).tier == .start)
            let found = try await browser.get("/operator/console?q=NEWSH")
            #expect(found.text.contains("data-shop=\"newshop\"") && !found.text.contains("data-shop=\"listed\""))
            #expect(found.text.contains("id=\"shop-total\">(1)"))

            // Plan changes go through the operator API and show on the shop's next request.
            #expect(try await browser.post("/operator/console/shops/newshop/tier", [("csrf", csrf), ("tier", "pro")]).status == 303)
            #expect(try await browser.post("/operator/console/shops/newshop/flags/b2b", [("csrf", csrf), ("enabled", "1")]).status == 303)
            #expect(try await browser.post("/operator/console/shops/newshop/flags/b2b", [("enabled", "0")]).status == 403)
            let record = try server.app.service.record(ShopSlug("newshop")!)
            #expect(record.tier == .pro && record.flags.contains(.b2b))
            let shop = try await browser.get("/operator/console/shops/newshop")
            #expect(shop.text.contains("New &lt;Shop&gt;"))
            let modules = try #require(shop.text.components(separatedBy: "id=\"shop-modules\">").last?.prefix { $0 != "<" })
            #expect(Set(modules.components(separatedBy: ", ")) == ["b2b", "tags"])

            let noReason = try await browser.post("/operator/console/shops/newshop/suspend", [("csrf", csrf), ("reason", "")])
            #expect(noReason.status == 422 || noReason.status == 400)
            #expect(
                try await browser.post("/operator/console/shops/newshop/suspend", [("csrf", csrf), ("reason", "unpaid")]).status == 303)
            #expect(try server.app.service.record(ShopSlug("newshop")!).status == .suspended)
            #expect(try await browser.post("/operator/console/shops/newshop/resume", [("csrf", csrf)]).status == 303)
            #expect(try server.app.service.record(ShopSlug("newshop")!).status == .active)

            // Delete needs the slug typed again.
            let unconfirmed = try await browser.post("/operator/console/shops/newshop/delete", [("csrf", csrf), ("confirm", "listed")])
            #expect(unconfirmed.status == 422)
            #expect((try? server.app.service.record(ShopSlug("newshop")!)) != nil)
            let deleted = try await browser.post("/operator/console/shops/newshop/delete", [("csrf", csrf), ("confirm", "newshop")])
            #expect(deleted.status == 200)
            #expect((try? server.app.service.record(ShopSlug("newshop")!)) == nil)

            // Migrations across shops run in the background and show their progress.
            #expect(try await browser.post("/operator/console/migrations", [("csrf", csrf)]).status == 303)
            var runs = ""
            for _ in 0..<50 {
                runs = try await browser.get("/operator/console/migrations").text
                if runs.contains("data-status=\"completed\"") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(runs.contains("data-status=\"completed\""), "\(runs)")
            #expect(runs.contains("<span data-progress>1 / 1</span>"))
        }
    }
}
