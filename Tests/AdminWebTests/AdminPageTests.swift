import Foundation
import ShopAdminTesting
import ShopCore
import Testing

@testable import AdminWeb

/// What every page is made of: escaping, the security headers, the language, the pages'
/// content per plan, and the API description's rule for browser pages.
@Suite("Admin pages")
struct AdminPageTests {
    @Test func textIsEscapedAndMarkupIsNot() {
        let name = "<script>alert(1)</script> & \"quotes\" 'too'"
        let cell: HTML = "<td title=\"\(name)\">\(name)</td>"
        #expect(cell.markup == "<td title=\"\(HTML.escape(name))\">\(HTML.escape(name))</td>")
        #expect(!cell.markup.contains("<script>"))
        #expect(HTML.escape(name) == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;")
        let row: HTML = "<tr>\(cell)</tr>"
        #expect(row.markup == "<tr>" + cell.markup + "</tr>")
        #expect(HTML(text: "a<b").markup == "a&lt;b")
        #expect(HTML.join(["<b>x</b>", HTML(text: "<i>")], separator: ", ").markup == "<b>x</b>, &lt;i&gt;")
    }

    @Test func aCustomerNamedLikeAScriptRendersAsText() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("nordic")
            let browser = AdminBrowser(server: server, slug: "nordic")
            #expect(try await browser.signIn().status == 303)
            _ = try await browser.get("/shops/nordic/admin/customers/new")
            let created = try await browser.post(
                "/shops/nordic/admin/customers",
                [
                    ("csrf", try #require(await browser.csrf)), ("firstName", "<script>alert(1)</script>"), ("lastName", "Mallory"),
                    ("email", "mallory@example.fi"), ("staffNote", "<img src=x onerror=alert(2)>"),
                ])
            let location = try #require(created.header("Location"))
            let page = try await browser.get(location)
            let list = try await browser.get("/shops/nordic/admin/customers?q=Mallory")
            for response in [page, list] {
                #expect(response.status == 200)
                #expect(!response.text.contains("<script>alert(1)"))
                #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            }
            #expect(!page.text.contains("<img src=x"))
            #expect(page.text.contains("&lt;img src=x onerror=alert(2)&gt;"))
        }
    }

    @Test func everyResponseCarriesTheStrictContentSecurityPolicy() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("nordic")
            let browser = AdminBrowser(server: server, slug: "nordic")
            #expect(try await browser.signIn().status == 303)
            let paths = [
                "/shops/nordic/admin/sign-in", "/shops/nordic/admin/customers", "/shops/nordic/admin/features",
                "/shops/nordic/admin/customers/new", "/shops/nordic/admin/customers/999", "/shops/nowhere/admin/customers",
                "/admin/assets/admin.css", "/admin/assets/admin.js",
            ]
            for path in paths {
                let response = try await browser.get(path)
                let policy = try #require(response.header("Content-Security-Policy"), "\(path)")
                #expect(policy.contains("default-src 'self'"), "\(path)")
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "\(path)")
                #expect(response.header("X-Content-Type-Options") == "nosniff")
                if path.hasPrefix("/shops/") {
                    // No inline script or style anywhere: the policy would block it.
                    #expect(!response.text.contains("<script>") && !response.text.contains("style=\""), "\(path)")
                    #expect(response.header("Content-Type") == "text/html; charset=utf-8", "\(path)")
                }
            }
            #expect(try await browser.get("/shops/nowhere/admin/customers").status == 404)
            #expect(try await browser.get("/shops/nordic/admin/customers/999").status == 404)
        }
    }

    @Test func theAdminSpeaksTheShopsLanguage() async throws {
        for text in AdminText.allCases {
            let all = text.translations
            #expect(!all.en.isEmpty && !all.fi.isEmpty && !all.sv.isEmpty, "\(text)")
        }
        try await AdminTestServer.with { server in
            try await server.provision("nordic")
            let browser = AdminBrowser(server: server, slug: "nordic")
            #expect(try await browser.get("/shops/nordic/admin/sign-in").text.contains("<html lang=\"en\">"))
            let api = try await server.request(
                "POST", "/shops/nordic/api/sessions",
                json: ["email": AdminTestServer.ownerEmail("nordic"), "password": AdminTestServer.ownerPassword])
            let token = try #require(api.jsonObject?["token"] as? String)
            let refused = try await server.request(
                "PATCH", "/shops/nordic/api/settings", headers: [("Authorization", "Bearer \(token)")], json: ["adminLocale": "de"])
            #expect(refused.status == 422)
            for (locale, signIn, customers) in [("fi", "Kirjaudu sisään", "Asiakkaat"), ("sv", "Logga in", "Kunder")] {
                let changed = try await server.request(
                    "PATCH", "/shops/nordic/api/settings", headers: [("Authorization", "Bearer \(token)")], json: ["adminLocale": locale])
                #expect(changed.status == 200)
                let page = try await browser.get("/shops/nordic/admin/sign-in")
                #expect(page.text.contains("<html lang=\"\(locale)\">"))
                #expect(page.text.contains(signIn))
                #expect(try await browser.signIn().status == 303)
                #expect(try await browser.get("/shops/nordic/admin/customers").text.contains("<h1>\(customers)</h1>"))
            }
        }
    }

    @Test func aStartShopNeverShowsTheCreditLimitAndAPlatinumShopDoes() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("small", tier: .start)
            try await server.provision("large", tier: .platinum)
            var pages: [String: String] = [:]
            for slug in ["small", "large"] {
                let browser = AdminBrowser(server: server, slug: slug)
                #expect(try await browser.signIn().status == 303)
                let features = try await browser.get("/shops/\(slug)/admin/features")
                #expect(features.status == 200)
                pages[slug] = features.text
            }
            let small = try #require(pages["small"])
            let large = try #require(pages["large"])
            #expect(!small.contains("Credit limit") && !small.contains("credit-limit"))
            #expect(small.contains("id=\"tier\">Start<"))
            #expect(small.contains("data-tier=\"platinum\""))
            #expect(large.contains("id=\"tier\">Platinum<"))
            #expect(large.contains("data-module=\"account-balance\""), "an add-on is named with what unlocks it")
            #expect(large.contains("<li data-module=\"credit-limit\">Credit limit</li>"))
            // The list shows the credit limit's columns on Platinum only.
            for (slug, shows) in [("small", false), ("large", true)] {
                let browser = AdminBrowser(server: server, slug: slug)
                #expect(try await browser.signIn().status == 303)
                _ = try await browser.get("/shops/\(slug)/admin/customers/new")
                let created = try await browser.post(
                    "/shops/\(slug)/admin/customers",
                    [
                        ("csrf", try #require(await browser.csrf)), ("firstName", "Aino"), ("lastName", "Lahti"),
                        ("email", "aino@example.fi"),
                    ])
                #expect(created.status == 303)
                let list = try await browser.get("/shops/\(slug)/admin/customers")
                #expect(list.text.contains("data-module-column=\"creditLimit\"") == shows, "\(slug)")
                #expect(list.text.contains("Credit limit") == shows, "\(slug)")
            }
        }
    }

    @Test func browserPagesAreLeftOutOfTheAPIDescriptionByTheirPrefix() async throws {
        try await AdminTestServer.with { server in
            #expect(server.app.router.routes.contains { $0.pattern == "/shops/{shop}/admin/customers" })
            #expect(OpenAPIDocument.undescribedRoutes(server.app.router, modules: server.app.service.catalog.entries.map(\.module)) == [])
            let document = try await server.request("GET", "/openapi.json")
            #expect(!document.text.contains("/admin"))
            #expect(OpenAPIDocument.isBrowserPage("/shops/{shop}/admin/customers/{id}"))
            #expect(OpenAPIDocument.isBrowserPage("/admin/assets/admin.css"))
            #expect(!OpenAPIDocument.isBrowserPage("/shops/{shop}/api/admin"))
            #expect(!OpenAPIDocument.isBrowserPage("/administration"))
        }
    }
}
