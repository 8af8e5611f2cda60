import AccountBalanceModule
import B2BModule
import CreditLimitModule
import Foundation
import ShopAdminTesting
import ShopCore
import TagsModule
import Testing

@testable import AdminWeb

/// The settings screens: groups, stores, tags, the B2B queue, the language; escaping, CSRF
/// refusal, what a read-only member may see and do, and module screens following the plan.
@Suite("Admin settings screens")
struct AdminSettingsPagesTests {
    static let modules: [any FeatureModule] = [CreditLimitModule(), AccountBalanceModule(), B2BModule(), TagsModule()]

    /// The owner's API session token.
    static func ownerToken(_ server: AdminTestServer, _ slug: String) async throws -> String {
        let answer = try await server.request(
            "POST", "/shops/\(slug)/api/sessions",
            json: ["email": AdminTestServer.ownerEmail(slug), "password": AdminTestServer.ownerPassword])
        return try #require(answer.jsonObject?["token"] as? String)
    }

    @Test func textsOfTheSettingsScreensExistInEveryLanguage() {
        for text in SettingsText.allCases {
            let all = text.translations
            #expect(!all.en.isEmpty && !all.fi.isEmpty && !all.sv.isEmpty, "\(text)")
        }
        for text in ConsoleText.allCases {
            let all = text.translations
            #expect(!all.en.isEmpty && !all.fi.isEmpty && !all.sv.isEmpty, "\(text)")
        }
    }

    @Test func groupsAreCreatedRenamedAndADeleteInUseShowsHowManyCustomers() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("groupshop", tier: .pro)
            let browser = AdminBrowser(server: server, slug: "groupshop")
            #expect(try await browser.signIn().status == 303)
            let base = "/shops/groupshop/admin"
            _ = try await browser.get("\(base)/groups")
            let csrf = try #require(await browser.csrf)
            // A name that is markup shows as text.
            let created = try await browser.post("\(base)/groups", [("csrf", csrf), ("name", "<b>VIP</b>"), ("taxClass", "taxable")])
            #expect(created.status == 303)
            let list = try await browser.get("\(base)/groups")
            #expect(list.text.contains("&lt;b&gt;VIP&lt;/b&gt;") && !list.text.contains("<b>VIP</b>"))
            // An empty name is the API's 422, shown beside the field.
            let refused = try await browser.post("\(base)/groups", [("csrf", csrf), ("name", " "), ("taxClass", "taxable")])
            #expect(refused.status == 422)
            #expect(refused.text.contains("data-error-for=\"name\""))

            let token = try await AdminSettingsPagesTests.ownerToken(server, "groupshop")
            let groups = try await server.request("GET", "/shops/groupshop/api/groups", headers: [("Authorization", "Bearer \(token)")])
            let vip = try #require((groups.jsonObject?["groups"] as? [[String: Any]])?.first { $0["name"] as? String == "<b>VIP</b>" })
            let id = try #require(vip["id"] as? Int)
            let renamed = try await browser.post(
                "\(base)/groups/\(id)", [("csrf", csrf), ("name", "VIP"), ("taxClass", "tax-free-reseller")])
            #expect(renamed.status == 303)
            for index in 1...2 {
                let customer = try await server.request(
                    "POST", "/shops/groupshop/api/customers", headers: [("Authorization", "Bearer \(token)")],
                    json: ["firstName": "Jäsen", "lastName": "\(index)", "email": "jasen\(index)@example.fi", "groupIds": [id]])
                #expect(customer.status == 201, "\(customer.text)")
            }
            let inUse = try await browser.post("\(base)/groups/\(id)/delete", [("csrf", csrf), ("moveTo", "")])
            #expect(inUse.status == 409)
            #expect(inUse.text.contains("The group has customers: 2."))
            #expect(try await browser.get("\(base)/groups").text.contains("data-group=\"VIP\""))
            // Moving the customers to General deletes it.
            let general = try #require((groups.jsonObject?["groups"] as? [[String: Any]])?.first { $0["name"] as? String == "General" })
            let moved = try await browser.post(
                "\(base)/groups/\(id)/delete", [("csrf", csrf), ("moveTo", "\(general["id"] as? Int ?? 0)")])
            #expect(moved.status == 303)
            #expect(!(try await browser.get("\(base)/groups").text.contains("data-group=\"VIP\"")))
        }
    }

    @Test func aPostWithoutTheFormTokenChangesNothing() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("csrfshop", tier: .pro)
            let browser = AdminBrowser(server: server, slug: "csrfshop")
            #expect(try await browser.signIn().status == 303)
            let base = "/shops/csrfshop/admin"
            for (path, form) in [
                ("/groups", [("name", "Forged")]), ("/stores", [("code", "dk"), ("name", "Forged DK")]),
                ("/settings/language", [("adminLocale", "fi")]), ("/tags", [("name", "forged")]),
            ] {
                let missing = try await browser.post(base + path, form)
                #expect(missing.status == 403, "\(path)")
                let wrong = try await browser.post(base + path, [("csrf", String(repeating: "0", count: 64))] + form)
                #expect(wrong.status == 403, "\(path)")
            }
            let groups = try await browser.get("\(base)/groups")
            #expect(!groups.text.contains("Forged"))
            #expect(!(try await browser.get("\(base)/stores").text.contains("Forged DK")))
            #expect(groups.text.contains("<html lang=\"en\">"))
        }
    }

    @Test func readOnlyStaffSeeNoWriteActionsAndTheirPostsAreRefused() async throws {
        try await AdminTestServer.with(modules: AdminSettingsPagesTests.modules) { server in
            try await server.provision("viewshop", tier: .pro)
            let token = try await AdminSettingsPagesTests.ownerToken(server, "viewshop")
            let staff = try await server.request(
                "POST", "/shops/viewshop/api/staff", headers: [("Authorization", "Bearer \(token)")],
                json: ["email": "viewer@viewshop.example.com", "name": "Viewer", "role": "read-only", "password": "viewer-password-1"])
            #expect(staff.status == 201, "\(staff.text)")
            let browser = AdminBrowser(server: server, slug: "viewshop")
            let base = "/shops/viewshop/admin"
            _ = try await browser.get("\(base)/sign-in")
            let signedIn = try await browser.post(
                "\(base)/sign-in",
                [("csrf", try #require(await browser.csrf)), ("email", "viewer@viewshop.example.com"), ("password", "viewer-password-1")])
            #expect(signedIn.status == 303)
            for path in ["/groups", "/stores", "/tags", "/settings"] {
                let page = try await browser.get(base + path)
                #expect(page.status == 200, "\(path)")
                // The only forms a read-only member gets are the sign-out and their own language.
                let actions = page.text.components(separatedBy: "method=\"post\" action=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
                #expect(Set(actions).isSubset(of: ["\(base)/sign-out", "\(base)/settings/my-language"]), "\(path): \(actions)")
            }
            let groups = try await browser.get("\(base)/groups")
            #expect(groups.text.contains("data-group=\"General\""))
            let csrf = try #require(await browser.csrf)
            let refused = try await browser.post("\(base)/groups", [("csrf", csrf), ("name", "Sneaky"), ("taxClass", "taxable")])
            #expect(refused.status == 403)
            let language = try await browser.post("\(base)/settings/language", [("csrf", csrf), ("adminLocale", "sv")])
            #expect(language.status == 403)
            #expect(!(try await browser.get("\(base)/groups").text.contains("Sneaky")))
            #expect(try await browser.get("\(base)/groups").text.contains("<html lang=\"en\">"))
            // Their own language in this browser needs no right to change the shop.
            let mine = try await browser.post("\(base)/settings/my-language", [("csrf", csrf), ("locale", "sv")])
            #expect(mine.status == 303)
            let cookie = try #require(mine.headerValues("Set-Cookie").first { $0.hasPrefix("sa_admin_locale=sv") })
            #expect(cookie.contains("Path=\(base)") && cookie.contains("HttpOnly"))
            #expect(try await browser.get("\(base)/groups").text.contains("<h1>Kundgrupper</h1>"))
            let owner = AdminBrowser(server: server, slug: "viewshop")
            #expect(try await owner.signIn().status == 303)
            #expect(try await owner.get("\(base)/groups").text.contains("<h1>Customer groups</h1>"), "the shop's language is unchanged")
            #expect(try await browser.post("\(base)/settings/my-language", [("csrf", csrf), ("locale", "shop")]).status == 303)
            #expect(try await browser.get("\(base)/groups").text.contains("<h1>Customer groups</h1>"))
        }
    }

    @Test func storesAreAddedAndEditedWithErrorsBesideTheFields() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("storeshop", tier: .pro)
            let browser = AdminBrowser(server: server, slug: "storeshop")
            #expect(try await browser.signIn().status == 303)
            let base = "/shops/storeshop/admin"
            _ = try await browser.get("\(base)/stores")
            let csrf = try #require(await browser.csrf)
            let store: [(String, String)] = [
                ("code", "dk"), ("name", "Web <DK>"), ("locale", "da"), ("currency", "DKK"), ("country", "DK"), ("accountScope", "store"),
            ]
            let bad = try await browser.post("\(base)/stores", [("csrf", csrf)] + store.map { $0.0 == "currency" ? ($0.0, "XXX") : $0 })
            #expect(bad.status == 422)
            #expect(bad.text.contains("data-error-for=\"currency\""))
            #expect(bad.text.contains("value=\"Web &lt;DK&gt;\""), "the values stay as typed, escaped")
            #expect(try await browser.post("\(base)/stores", [("csrf", csrf)] + store).status == 303)
            let list = try await browser.get("\(base)/stores")
            #expect(list.text.contains("Web &lt;DK&gt;"))
            let edit = try #require(
                list.text.range(of: "href=\"\(base)/stores/").map { String(list.text[$0.upperBound...].prefix { $0.isNumber }) })
            let ids = list.text.components(separatedBy: "href=\"\(base)/stores/").dropFirst().map { String($0.prefix { $0.isNumber }) }
            #expect(!edit.isEmpty)
            let dk = try #require(ids.last)
            let changed = try await browser.post(
                "\(base)/stores/\(dk)", [("csrf", csrf)] + store.map { $0.0 == "name" ? ($0.0, "Webshop DK") : $0 })
            #expect(changed.status == 303)
            #expect(try await browser.get("\(base)/stores").text.contains("Webshop DK"))
        }
    }

    @Test func theB2BScreensFollowSupportsSwitchWithoutARestart() async throws {
        try await AdminTestServer.with(modules: AdminSettingsPagesTests.modules) { server in
            try await server.provision("b2bshop", tier: .start)
            let browser = AdminBrowser(server: server, slug: "b2bshop")
            #expect(try await browser.signIn().status == 303)
            let base = "/shops/b2bshop/admin"
            let before = try await browser.get("\(base)/settings")
            #expect(!before.text.contains("b2b-applications"))
            #expect(!before.text.contains("settings-tags"), "tags come with Pro")
            #expect(try await browser.get("\(base)/b2b-applications").status == 404)

            _ = try await server.app.service.setFlag(ShopSlug("b2bshop")!, .b2b, enabled: true, actor: "support")
            let after = try await browser.get("\(base)/settings")
            #expect(after.text.contains("href=\"\(base)/b2b-applications\""))
            // An application from the storefront, approved in the queue with the ERP number.
            let applied = try await server.request(
                "POST", "/shops/b2bshop/storefront/default/b2b/applications",
                json: [
                    "companyName": "Lapin <Puu> Oy", "businessId": "2345678-0", "firstName": "Kaisa", "lastName": "Niemi",
                    "email": "kaisa@lapinpuu.example.fi", "phone": "040 123 4567",
                ])
            #expect(applied.status == 201, "\(applied.text)")
            let queue = try await browser.get("\(base)/b2b-applications")
            #expect(queue.status == 200)
            #expect(queue.text.contains("Lapin &lt;Puu&gt; Oy"))
            let id = try #require(
                queue.text.components(separatedBy: "data-application=\"").dropFirst().first.map { String($0.prefix { $0.isNumber }) })
            let csrf = try #require(await browser.csrf)
            let missing = try await browser.post("\(base)/b2b-applications/\(id)/approve", [("csrf", csrf), ("erpCustomerNumber", "")])
            #expect(missing.status == 422)
            #expect(missing.text.contains("data-error-for=\"erpCustomerNumber\""))
            let approved = try await browser.post(
                "\(base)/b2b-applications/\(id)/approve", [("csrf", csrf), ("erpCustomerNumber", "ERP-1001")])
            #expect(approved.status == 303, "\(approved.text)")
            #expect(try await browser.get("\(base)/b2b-applications").text.contains("id=\"no-applications\""))
            #expect(try await browser.get("\(base)/b2b-applications?status=approved").text.contains("data-status=\"approved\""))
        }
    }
}

/// Prices per customer: the rules and the engine's explanation, a rule made and deleted from
/// the page, and a read-only member who sees the prices without the forms.
@Suite("Admin customer prices")
struct AdminCustomerPricesTests {
    @Test func rulesAreMadeOnThePageAndWhyThisPriceShowsTheEnginesAnswer() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("priceshop", tier: .pro)
            let token = try await AdminSettingsPagesTests.ownerToken(server, "priceshop")
            let auth = [("Authorization", "Bearer \(token)")]
            let product = try await server.request(
                "POST", "/shops/priceshop/api/products", headers: auth, json: ["sku": "HAM-1", "name": "Hammer <pro>", "grossPrice": 1000])
            #expect(product.status == 201, "\(product.text)")
            let customer = try await server.request(
                "POST", "/shops/priceshop/api/customers", headers: auth,
                json: ["firstName": "Hinta", "lastName": "Asiakas", "email": "hinta@example.fi"])
            let id = try #require((customer.jsonObject?["customer"] as? [String: Any])?["id"] as? Int)
            let browser = AdminBrowser(server: server, slug: "priceshop")
            #expect(try await browser.signIn().status == 303)
            let base = "/shops/priceshop/admin/customers/\(id)/prices"
            let empty = try await browser.get(base)
            #expect(empty.status == 200)
            #expect(empty.text.contains("No rules of this customer's own.".replacingOccurrences(of: "'", with: "&#39;")))
            let csrf = try #require(await browser.csrf)
            let bad = try await browser.post(
                "\(base)/rules", [("csrf", csrf), ("kind", "price"), ("sku", "HAM-1"), ("amount", "lots"), ("currency", "EUR")])
            #expect(bad.status == 422)
            #expect(bad.text.contains("data-error-for=\"amount\""))
            #expect(bad.text.contains("value=\"lots\""))
            let made = try await browser.post(
                "\(base)/rules",
                [("csrf", csrf), ("kind", "price"), ("sku", "HAM-1"), ("amount", "8,50"), ("currency", "EUR"), ("priceType", "gross")])
            #expect(made.status == 303)
            let explained = try await browser.get("\(base)?sku=HAM-1&quantity=2")
            #expect(explained.text.contains("8.50 EUR gross"))
            #expect(explained.text.contains("Hammer &lt;pro&gt;"))
            #expect(explained.text.contains("data-outcome=\"won\""))
            #expect(explained.text.contains("<dt>Line total</dt><dd>17.00 EUR</dd>"))
            let rule = try #require(
                explained.text.components(separatedBy: "data-rule=\"").dropFirst().first.map { String($0.prefix { $0.isNumber }) })
            #expect(try await browser.post("\(base)/rules/\(rule)/delete", [("csrf", csrf)]).status == 303)
            #expect(try await browser.get("\(base)?sku=HAM-1").text.contains("<dd>10.00 EUR</dd>"))
            #expect(try AdminCustomerPricesTests.minorUnitsWork())
        }
    }

    static func minorUnitsWork() throws -> Bool {
        CustomerPricesPage.minorUnits("19,90") == 1990 && CustomerPricesPage.minorUnits("19.9") == 1990
            && CustomerPricesPage.minorUnits("7") == 700 && CustomerPricesPage.minorUnits("1.234") == nil
            && CustomerPricesPage.minorUnits("-1") == nil && CustomerPricesPage.minorUnits("x") == nil
    }
}
