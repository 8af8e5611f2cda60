import HTTPServer
import ShopCore

/// The merchant's admin in the browser: server-rendered pages under `/shops/{shop}/admin`,
/// its stylesheet and script under `/admin/assets`. The executable mounts it beside the
/// core's routes; the core never imports it.
///
/// Every page reads and writes through the shop's JSON API in process (`InProcessAPI`) with
/// the signed-in staff member's session, so the admin has exactly the API's permissions,
/// validation, module gates and audit.
public struct AdminWeb: ApplicationMount {
    /// Marks the session cookie `Secure` on every response, for a server behind a proxy that
    /// terminates TLS without sending `X-Forwarded-Proto: https`.
    public let alwaysSecureCookies: Bool

    public init(alwaysSecureCookies: Bool = false) { self.alwaysSecureCookies = alwaysSecureCookies }

    public func addRoutes(to builder: RouterBuilder, service: ShopService, api: InProcessAPI) {
        AdminAssets.addRoutes(to: builder.group("/admin"))
        let pages = builder.group(
            "/shops/{shop}/admin", middleware: [AdminErrorPages(), ShopResolutionMiddleware(service: service)])
        let gate = AdminGate(api: api, alwaysSecureCookies: alwaysSecureCookies)
        AdminSignInRoutes(gate: gate).addRoutes(to: pages)
        CustomerListPage.addRoutes(to: pages, gate: gate)
        CustomerBulkRoutes.addRoutes(to: pages, gate: gate)
        CustomerExportPage.addRoutes(to: pages, gate: gate)
        CustomerActionRoutes.addRoutes(to: pages, gate: gate)
        JobsPage.addRoutes(to: pages, gate: gate)
        ImportPage.addRoutes(to: pages, gate: gate)
        CustomerDetailPage.addRoutes(to: pages, gate: gate)
        CustomerFormPage.addRoutes(to: pages, gate: gate)
        FeaturesPage.addRoutes(to: pages, gate: gate)
        SettingsPage.addRoutes(to: pages, gate: gate)
        GroupsPage.addRoutes(to: pages, gate: gate)
        StoresPage.addRoutes(to: pages, gate: gate)
        RequiredFieldsPage.addRoutes(to: pages, gate: gate)
        TagsPage.addRoutes(to: pages, gate: gate)
        B2BApplicationsPage.addRoutes(to: pages, gate: gate)
        CustomerPricesPage.addRoutes(to: pages, gate: gate)
        EmailLogPage.addRoutes(to: pages, gate: gate)
        OperatorConsole.addRoutes(to: builder, api: api, alwaysSecureCookies: alwaysSecureCookies)
    }
}
