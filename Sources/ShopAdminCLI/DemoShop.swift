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
        _ = try await app.service.provision(request, actor: "demo")
        print("provisioned the demo shop \(slug)")
    }

    static func printWelcome(base: String) {
        print("  demo shop: \(base)/shops/\(slug)/api/...  staff sign-in: \(ownerEmail) / \(ownerPassword)")
        print("    curl -s -X POST \(base)/shops/\(slug)/api/sessions -H 'Content-Type: application/json' \\")
        print("      -d '{\"email\":\"\(ownerEmail)\",\"password\":\"\(ownerPassword)\"}'")
    }
}
