import SQLite
import ShopCore

/// The embedded demo shop `Scripts/run` starts with: Platinum, B2B on, the account-balance
/// add-on, three Nordic stores. Made once; later runs reuse it. Its content is deterministic,
/// and grows as features land (customers, companies, prices, orders).
enum DemoShop {
    static let slug = "demo"
    static let ownerEmail = "owner@demo.shopadmin.test"
    /// A fixed password, printed at every start: this is a local demo, not a real shop.
    static let ownerPassword = "demo-owner-2026"

    static func ensure(in app: ShopAdminApplication) async throws {
        guard app.service.registry.shop(ShopSlug(slug)!) == nil else { return }
        let request = ProvisioningRequest(
            slug: slug, name: "Nordic Demo Shop", tier: Tier.platinum.rawValue,
            addOns: [AddOn.accountBalance.rawValue], flags: [ShopFlag.b2b.rawValue],
            stores: [
                .init(code: "fi", name: "Website FI", locale: "fi", currency: "EUR", country: "FI"),
                .init(code: "se", name: "Website SE", locale: "sv", currency: "SEK", country: "SE"),
                .init(code: "no", name: "Website NO", locale: "nb", currency: "NOK", country: "NO"),
            ],
            ownerEmail: ownerEmail, ownerName: "Demo Owner", ownerPassword: ownerPassword)
        let provisioned = try await app.service.provision(request, actor: "demo")
        let modules = app.service.catalog.enabledModules(for: provisioned.record)
        try await app.service.pool.withDatabase(provisioned.record.slug, modules: modules) { queue in
            for store in ["fi", "se", "no"] {
                _ = try await SeedCommand.seed(queue, count: 40, storeCode: store)
            }
            // A little life: one blocked account, one waiting for activation.
            try await queue.write { db in
                try db.execute("UPDATE customer SET blocked_reason = 'Unpaid invoices since March; call us.' WHERE id = 7")
                try db.execute("UPDATE customer SET activation = 'pending' WHERE id = 12")
                let demo = AuditActor(kind: "system", id: nil, label: "demo")
                try AuditLog.record(db, actor: demo, action: "customer.blocked", entity: "customer", entityID: "7")
                try AuditLog.record(db, actor: demo, action: "customer.pending", entity: "customer", entityID: "12")
            }
            // The catalog, customer prices and discounts, and orders priced by the engine.
            try await queue.write { db in try SampleCommerce.add(db) }
            // Each enabled module's sample data (B2B companies, a pending application).
            let enabled = app.service.catalog.entries.map(\.module).filter { modules.contains($0.id) }
            let affiliations = app.service.catalog.affiliations(for: modules)
            try await queue.write { db in
                for module in enabled { try module.addDemoData(db, affiliations: affiliations) }
            }
        }
        print("provisioned the demo shop \(slug) with 120 sample customers, 26 products and 36 orders")
    }

    static func printWelcome(base: String) {
        print("  demo shop: \(base)/shops/\(slug)/api/...  staff sign-in: \(ownerEmail) / \(ownerPassword)")
        print("  admin in the browser: \(base)/shops/\(slug)/admin/  (the same sign-in)")
        print("  operator console: \(base)/operator/console  (sign in with the operator token)")
        print("    curl -s -X POST \(base)/shops/\(slug)/api/sessions -H 'Content-Type: application/json' \\")
        print("      -d '{\"email\":\"\(ownerEmail)\",\"password\":\"\(ownerPassword)\"}'")
    }
}
