import Foundation
import HTTPServer
import ShopCore

/// Which modules the shop's plan gives and what unlocks the others (the API's `/features`).
/// A module of a higher tier is never named, only counted under the tier that brings it, so
/// a Start shop shows no credit limit anywhere (DOMAIN.md 004: the field exists only on
/// Platinum); add-ons and support's flags are named with what unlocks them.
enum FeaturesPage {
    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/features", gate.signedIn { page in try await render(page) })
    }

    static func render(_ page: AdminPage) async throws -> HTTPResponse {
        let strings = page.strings
        let features = try await page.api.get("/features")
        let modules = features["modules"]?.elements ?? []
        func name(_ module: JSONValue) -> String {
            let id = module["id"]?.stringValue ?? ""
            return AdminText.module(id).map { strings[$0] } ?? module["name"]?.stringValue ?? id
        }
        let enabled = modules.filter { $0["enabled"]?.bool == true }
        let locked = modules.filter { $0["enabled"]?.bool != true }
        var byTier: [String: Int] = [:]
        var named: [HTML] = []
        for module in locked {
            let requires = module["requires"] ?? .null
            if let tier = requires["tiers"]?.elements.first?.stringValue {
                byTier[tier, default: 0] += 1
            } else {
                let how = requires["addOn"] != nil ? strings[.unlockAddOn] : strings[.unlockFlag]
                named.append(
                    "<li data-module=\"\(module["id"]?.stringValue)\"><strong>\(name(module))</strong> <span class=\"muted\">\(how)</span></li>"
                )
            }
        }
        let tierOrder = ["start", "pro", "business", "platinum"]
        let tiers = byTier.keys.sorted { (tierOrder.firstIndex(of: $0) ?? 9) < (tierOrder.firstIndex(of: $1) ?? 9) }
        let tierLines = tiers.map { tier -> HTML in
            "<li data-tier=\"\(tier)\"><strong>\(tier.capitalized)</strong> — \(strings[.unlockTier]): \(byTier[tier] ?? 0)</li>"
        }
        let lockedList = named + tierLines
        let enabledList = HTML.join(enabled.map { "<li data-module=\"\($0["id"]?.stringValue)\">\(name($0))</li>" })
        return page.respond(
            title: strings[.features],
            """
            <main>
            <h1>\(strings[.features])</h1>
            <p>\(strings[.tier]): <strong id="tier">\((features["tier"]?.stringValue ?? "").capitalized)</strong></p>
            <section class="card"><h2>\(strings[.modulesOn])</h2><ul class="modules" id="modules-on">\(enabledList)</ul></section>
            <section class="card"><h2>\(strings[.modulesLocked])</h2>
            \(lockedList.isEmpty ? "<p class=\"muted\">\(strings[.noLockedModules])</p>" as HTML : "<ul class=\"modules\" id=\"modules-locked\">\(lockedList)</ul>")
            </section>
            </main>
            """)
    }
}
