import B2BModule
import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The b2b module as the host runs it: only with the flag support sets, switched on and off
/// through the operator API without a restart (audited in the registry), migrated once, its
/// companies and applications kept while it is off; every route described.
@Suite("B2B module: plan")
struct B2BPlanTests {
    @Test func invisibleWithoutTheFlagUntilSupportSetsIt() async throws {
        try await B2BShop.with(slug: "noflag", flag: false) { shop in
            for path in ["/companies", "/b2b/applications", "/b2b/settings"] {
                let hidden = try await shop.api("GET", path)
                #expect(hidden.status == 404, "\(path)")
                #expect(hidden.errorCode == "module_not_enabled", "\(path): \(hidden.text)")
                #expect(hidden.errorObject?["module"] as? String == "b2b")
                #expect(hidden.errorMessage?.contains("b2b flag (set by support)") == true, "\(hidden.errorMessage ?? "")")
                #expect((hidden.errorObject?["requires"] as? [String: Any])?["flag"] as? String == "b2b")
            }
            // The storefront form is gated alike, before any validation.
            let form = try await shop.storefront("POST", "/b2b/applications", json: B2BShop.application())
            #expect(form.status == 404)
            #expect(form.errorCode == "module_not_enabled", "\(form.text)")
            #expect(try await shop.server.tableExists(shop.slug, "b2b_company") == false)

            // Support switches it on: the next request works, the migration ran before it.
            let on = try await shop.server.operatorRequest("PUT", "/operator/shops/noflag/flags/b2b")
            #expect(on.status == 200, "\(on.text)")
            #expect((on.jsonObject?["shop"] as? [String: Any])?["flags"] as? [String] == ["b2b"])
            let created = try await shop.createCompany(["name": "Pohjola Tuote Oy", "businessId": "1572860-0"])
            let company = try #require(created["id"] as? Int)
            let application = try await shop.apply()
            #expect(try await shop.server.migrationRows(shop.slug, owner: "b2b") == B2BModule().migrations.count)

            // The switch is audited in the registry, with who did it.
            let audit = try await shop.server.operatorRequest("GET", "/operator/shops/noflag/audit")
            let actions = (audit.jsonObject?["entries"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.contains("shop.flag_set"), "\(audit.text)")

            // Off again: 404, tables and rows stay.
            #expect(try await shop.server.operatorRequest("DELETE", "/operator/shops/noflag/flags/b2b").status == 200)
            #expect(try await shop.api("GET", "/companies/\(company)").errorCode == "module_not_enabled")
            #expect(try await shop.storefront("POST", "/b2b/applications", json: B2BShop.application()).errorCode == "module_not_enabled")
            #expect(try await shop.server.tableExists(shop.slug, "b2b_application"))
            let cleared = try await shop.server.operatorRequest("GET", "/operator/shops/noflag/audit")
            #expect(cleared.text.contains("shop.flag_cleared"))

            // On again: the same company and application; no second migration.
            #expect(try await shop.server.operatorRequest("PUT", "/operator/shops/noflag/flags/b2b").status == 200)
            let back = try await shop.api("GET", "/companies/\(company)")
            #expect(back.status == 200, "\(back.text)")
            #expect((back.jsonObject?["company"] as? [String: Any])?["businessId"] as? String == "1572860-0")
            let pending = try await shop.api("GET", "/b2b/applications/\(application)")
            #expect((pending.jsonObject?["application"] as? [String: Any])?["status"] as? String == "pending")
            #expect(try await shop.server.migrationRows(shop.slug, owner: "b2b") == B2BModule().migrations.count)
            #expect(
                try await shop.server.operatorRequest("POST", "/operator/shops/noflag/migrate").jsonObject?["applied"] as? [String] == [])
        }
    }

    @Test func everyRouteIsDescribedAndTheOpenOnesNeedNoToken() async throws {
        try await ModuleTestServer.with(modules: [B2BModule()]) { server in
            #expect(OpenAPIDocument.undescribedRoutes(server.app.router, modules: [B2BModule()]) == [])
            let document = try await server.request("/openapi.json")
            let paths = try #require(document.jsonObject?["paths"] as? [String: Any])
            let form = try #require(
                (paths["/shops/{shop}/storefront/{store}/b2b/applications"] as? [String: Any])?["post"] as? [String: Any])
            #expect(form["security"] == nil, "the application form is public")
            #expect((form["tags"] as? [String]) == ["b2b"])
            let link = try #require((paths["/shops/{shop}/storefront/{store}/b2b/approval"] as? [String: Any])?["get"] as? [String: Any])
            #expect(link["security"] == nil, "the signed link is its own authority")
            let approve = try #require(
                (paths["/shops/{shop}/api/b2b/applications/{id}/approve"] as? [String: Any])?["post"] as? [String: Any])
            #expect((approve["security"] as? [[String: Any]])?.first?["staffToken"] != nil)
            let fields = server.app.service.catalog.customerFields(for: ["b2b"]).map(\.key)
            #expect(fields == ["companyId"])
        }
    }
}
