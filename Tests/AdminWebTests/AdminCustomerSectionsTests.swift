import AccountBalanceModule
import B2BModule
import CreditLimitModule
import Foundation
import ShopAdminTesting
import ShopCore
import Testing

@testable import AdminWeb

/// The customer page's sections from other APIs than the customer's record: orders, the cart
/// and draft orders (the orders API), the link to the customer's prices, and the B2B company
/// panel (the b2b module's `GET /customers/{id}/company`), shown only while the shop has B2B.
@Suite("Admin customer page sections")
struct AdminCustomerSectionsTests {
    static var modules: [any FeatureModule] { [CreditLimitModule(), AccountBalanceModule(), B2BModule()] }

    /// The text of the page's section whose heading is `heading`, up to the next `<h2>`.
    static func section(_ page: String, after heading: String) -> String {
        guard let start = page.range(of: "<h2>\(heading)</h2>") else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "<h2>")?.lowerBound ?? rest.endIndex)])
    }

    @Test func ordersCartAndDraftsComeFromTheOrdersAPI() async throws {
        try await AdminTestServer.with(modules: Self.modules) { server in
            try await server.provision("orders")
            let browser = AdminBrowser(server: server, slug: "orders")
            #expect(try await browser.signIn().status == 303)
            let product = try await browser.api("POST", "/products", json: ["sku": "KAH-1", "name": "Kahvi", "grossPrice": 1_250])
            #expect(product.status == 201, "\(product.text)")
            let created = try await browser.api(
                "POST", "/customers", json: ["firstName": "Olga", "lastName": "Orders", "email": "olga@example.fi"])
            let id = try #require((created.jsonObject?["customer"] as? [String: Any])?["id"] as? Int, "\(created.text)")

            var page = try await browser.get("/shops/orders/admin/customers/\(id)").text
            for heading in ["Orders", "Cart", "Draft orders"] {
                #expect(Self.section(page, after: heading).contains("class=\"muted\">None.<"), "\(heading) is empty at first")
            }
            #expect(page.contains("id=\"prices\" href=\"/shops/orders/admin/customers/\(id)/prices\""))

            let cart = try await browser.api("POST", "/customers/\(id)/cart/lines", json: ["sku": "KAH-1", "quantity": 3])
            #expect(cart.status == 201, "\(cart.text)")
            let draft = try await browser.api("POST", "/customers/\(id)/draft-orders", json: [:])
            let draftID = try #require((draft.jsonObject?["order"] as? [String: Any])?["id"] as? Int, "\(draft.text)")
            #expect(try await browser.api("POST", "/orders/\(draftID)/lines", json: ["sku": "KAH-1", "quantity": 1]).status == 201)
            let placedDraft = try await browser.api(
                "POST", "/customers/\(id)/draft-orders", json: ["paymentMethod": "invoice", "deliveryMethod": "posti"])
            let placedID = try #require((placedDraft.jsonObject?["order"] as? [String: Any])?["id"] as? Int)
            #expect(try await browser.api("POST", "/orders/\(placedID)/lines", json: ["sku": "KAH-1", "quantity": 2]).status == 201)
            let placed = try await browser.api("POST", "/orders/\(placedID)/place", json: [:])
            #expect(placed.status == 200, "\(placed.text)")

            page = try await browser.get("/shops/orders/admin/customers/\(id)").text
            let orders = Self.section(page, after: "Orders")
            #expect(orders.contains("<td>placed</td>"), "\(orders)")
            #expect(orders.contains("<td class=\"number\">1</td><td class=\"number\">25.00 EUR</td>"), "one line of two at 12.50")
            let cartSection = Self.section(page, after: "Cart")
            #expect(cartSection.contains("<td>cart</td>"), "\(cartSection)")
            #expect(cartSection.contains("37.50"), "three at 12.50")
            let drafts = Self.section(page, after: "Draft orders")
            #expect(drafts.contains("<td>draft</td>"), "\(drafts)")
            #expect(!drafts.contains("<td>placed</td>"), "a placed order is no longer a draft")
            #expect(try await browser.get("/shops/orders/admin/customers/\(id)/prices").status == 200)
        }
    }

    @Test func aCustomerInACompanyShowsItsPanelOnlyWhileTheShopHasB2B() async throws {
        try await AdminTestServer.with(modules: Self.modules) { server in
            try await server.provision("firma")
            let browser = AdminBrowser(server: server, slug: "firma")
            #expect(try await browser.signIn().status == 303)
            func customer(_ first: String, _ email: String) async throws -> Int {
                let created = try await browser.api("POST", "/customers", json: ["firstName": first, "lastName": "Firma", "email": email])
                return try #require((created.jsonObject?["customer"] as? [String: Any])?["id"] as? Int, "\(created.text)")
            }
            let boss = try await customer("Berit", "berit@example.fi")
            let worker = try await customer("<b>Ville</b>", "ville@example.fi")
            let loner = try await customer("Lauri", "lauri@example.fi")

            // Without the flag: no panel, and the module's route is not there.
            #expect(!(try await browser.get("/shops/firma/admin/customers/\(boss)").text.contains("id=\"module-b2b\"")))
            _ = try await server.app.service.setFlag(ShopSlug("firma")!, .b2b, enabled: true, actor: "support")

            let made = try await browser.api(
                "POST", "/companies", json: ["name": "Tunturi <Oy>", "businessId": "1572860-0", "riskRating": "low"])
            let company = try #require((made.jsonObject?["company"] as? [String: Any])?["id"] as? Int, "\(made.text)")
            for person in [boss, worker] {
                #expect(try await browser.api("POST", "/companies/\(company)/people", json: ["customerId": person]).status == 200)
            }

            let bossPage = try await browser.get("/shops/firma/admin/customers/\(boss)").text
            #expect(bossPage.contains("id=\"module-b2b\""))
            #expect(bossPage.contains("<strong id=\"company-name\" data-company-id=\"\(company)\">Tunturi &lt;Oy&gt;</strong>"))
            #expect(bossPage.contains("<span id=\"company-role\">The company&#39;s admin person</span>"))
            #expect(bossPage.contains("<dd>1572860-0</dd>"))
            #expect(bossPage.contains("<dd>low</dd>"))
            #expect(bossPage.contains("href=\"/shops/firma/admin/customers/\(worker)\">&lt;b&gt;Ville&lt;/b&gt; Firma</a>"))
            #expect(!bossPage.contains("<b>Ville"))

            let workerPage = try await browser.get("/shops/firma/admin/customers/\(worker)").text
            #expect(workerPage.contains("<span id=\"company-role\">A person of the company</span>"))

            let lonerPage = try await browser.get("/shops/firma/admin/customers/\(loner)").text
            #expect(lonerPage.contains("id=\"company-none\""))
            #expect(!lonerPage.contains("id=\"company-name\""))

            // Support switches B2B off: the panel goes on the next page view.
            _ = try await server.app.service.setFlag(ShopSlug("firma")!, .b2b, enabled: false, actor: "support")
            #expect(!(try await browser.get("/shops/firma/admin/customers/\(boss)").text.contains("id=\"module-b2b\"")))
        }
    }
}
