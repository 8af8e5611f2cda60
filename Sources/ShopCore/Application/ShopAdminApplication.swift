import Cryptography
import HTTPServer

/// One ShopAdmin instance: the registry, the shop databases, the modules and the routes,
/// put together from a configuration and the executable's module list.
public final class ShopAdminApplication: Sendable {
    public let configuration: ShopAdminConfiguration
    public let service: ShopService
    public let operatorTokens: OperatorTokenStore
    public let router: Router
    /// Sends the shops' outboxes once started (`serve` starts it).
    public let emailDelivery: EmailDeliveryWorker
    /// Sends the shops' webhook deliveries once started (`serve` starts it).
    public let webhookDelivery: WebhookDeliveryWorker
    public var log: LogSink { configuration.log }

    /// - Parameter mounts: what the executable adds beside the core's routes (the browser admin).
    public init(
        configuration: ShopAdminConfiguration, modules: [any FeatureModule], matrix: TierMatrix = .standard,
        mounts: [any ApplicationMount] = []
    ) throws {
        self.configuration = configuration
        let catalog = try ModuleCatalog(modules: modules, matrix: matrix)
        let registry = try ShopRegistry(dataDirectory: configuration.dataDirectory)
        let hasher = PasswordHasher(algorithm: configuration.passwordAlgorithm, maxConcurrent: configuration.passwordConcurrency)
        service = try ShopService(registry: registry, catalog: catalog, hasher: hasher, poolCapacity: configuration.poolCapacity)
        operatorTokens = try OperatorTokenStore(registry: registry)
        let responder = Box<ApplicationResponder>()
        router = ShopAdminApplication.buildRouter(
            service: service, tokens: operatorTokens, configuration: configuration, mounts: mounts,
            api: InProcessAPI(responder: responder))
        emailDelivery = EmailDeliveryWorker(service: service, log: configuration.log)
        webhookDelivery = WebhookDeliveryWorker(service: service, log: configuration.log)
        responder.set(makeResponder())
    }

    static func buildRouter(
        service: ShopService, tokens: OperatorTokenStore, configuration: ShopAdminConfiguration, mounts: [any ApplicationMount] = [],
        api: InProcessAPI = InProcessAPI(responder: Box())
    ) -> Router {
        let builder = RouterBuilder()
        HealthRoutes().addRoutes(to: builder.group())
        let operatorRoot = builder.group("/operator", middleware: [OperatorAuthMiddleware(tokens: tokens)])
        OperatorRoutes(service: service).addRoutes(to: operatorRoot)
        SupportSessionRoutes(service: service).addRoutes(to: operatorRoot)
        OperatorStatsRoutes(service: service).addRoutes(to: operatorRoot)
        let shopResolution = ShopResolutionMiddleware(service: service)
        let shopRoot = builder.group("/shops/{shop}/api", middleware: [shopResolution])
        let throttle = SignInThrottle()
        StaffSessionRoutes(service: service, lifetime: configuration.staffSessionLifetime, throttle: throttle).addRoutes(to: shopRoot)
        StaffPasswordRoutes(service: service).addRoutes(to: shopRoot)
        let staffOnly = shopRoot.group("", middleware: [StaffAuthMiddleware(sessions: service.staffSessions)])
        StaffRoutes(service: service, throttle: throttle).addRoutes(to: staffOnly)
        ApiTokenRoutes().addRoutes(to: staffOnly)
        ShopCoreRoutes(service: service).addRoutes(to: staffOnly)
        SettingsRoutes().addRoutes(to: staffOnly)
        StoreRoutes().addRoutes(to: staffOnly)
        GroupRoutes().addRoutes(to: staffOnly)
        ProductRoutes().addRoutes(to: staffOnly)
        DiscountGroupRoutes().addRoutes(to: staffOnly)
        ExchangeRateRoutes().addRoutes(to: staffOnly)
        PriceRuleRoutes().addRoutes(to: staffOnly)
        PriceRoutes(service: service).addRoutes(to: staffOnly)
        OrderRoutes(service: service).addRoutes(to: staffOnly)
        ProductCommentRoutes().addRoutes(to: staffOnly)
        CustomerRoutes(catalog: service.catalog).addRoutes(to: staffOnly)
        CustomerCSVRoutes(service: service).addRoutes(to: staffOnly)
        CustomerEmailRoutes().addRoutes(to: staffOnly)
        EmailSettingsRoutes(service: service).addRoutes(to: staffOnly)
        EmailLogRoutes(service: service).addRoutes(to: staffOnly)
        WebhookRoutes(service: service).addRoutes(to: staffOnly)
        ERPCustomerRoutes(catalog: service.catalog).addRoutes(to: staffOnly)
        StorefrontStaffRoutes().addRoutes(to: staffOnly)
        Impersonation.addStaffRoutes(to: staffOnly)
        StorefrontRoutes(service: service, throttle: throttle).addRoutes(
            to: builder.group("/shops/{shop}/storefront/{store}", middleware: [shopResolution]))
        for entry in service.catalog.entries {
            let gate = ModuleGateMiddleware(moduleID: entry.module.id, moduleName: entry.module.name, availability: entry.availability)
            let group = builder.group(
                "/shops/{shop}/api", middleware: [shopResolution, StaffAuthMiddleware(sessions: service.staffSessions), gate],
                module: entry.module.id)
            entry.module.addRoutes(to: group)
            // Storefront routes: no staff, and no customer unless the module asks for one.
            let storefront = builder.group(
                "/shops/{shop}/storefront/{store}", middleware: [shopResolution, gate], module: entry.module.id)
            entry.module.addStorefrontRoutes(to: storefront)
        }
        for mount in mounts { mount.addRoutes(to: builder, service: service, api: api) }
        // The description of the finished router; built once, served as bytes.
        let description = Box<[UInt8]>()
        builder.group().get("/openapi.json", summary: "The OpenAPI 3.1 description of this API") { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: .bytes(description.value ?? []))
        }
        let router = builder.build()
        description.set(
            OpenAPIDocument.make(router: router, modules: service.catalog.entries.map(\.module), version: "0.1.0").serialized())
        return router
    }

    /// The responder to give the HTTP server.
    public func makeResponder() -> ApplicationResponder {
        ApplicationResponder(
            router: router,
            middleware: [
                AccessLogMiddleware(sink: log), ErrorMiddleware(sink: log), StaffSessionCacheInvalidation(cache: service.staffSessions),
            ],
            defaultBodyLimit: configuration.http.defaultBodyLimit)
    }

    /// Closes every shop database and the registry; call after the server has drained.
    public func shutdown() async {
        await emailDelivery.stop()
        await webhookDelivery.stop()
        await service.pool.closeAll()
        service.registry.close()
        log.flush()
    }
}
