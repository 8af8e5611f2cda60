import HTTPServer
import SQLite

/// The storefront's customer API under `/shops/{shop}/storefront/{store}`: registration,
/// sign-in, "my account" and password reset. Mounted behind `ShopResolutionMiddleware` only;
/// the account routes add `CustomerAuthMiddleware`. Staff authentication never applies here.
public struct StorefrontRoutes {
    let service: ShopService
    /// Counts failed customer sign-ins and reset requests (the staff sign-in's throttle is shared).
    let throttle: SignInThrottle

    public init(service: ShopService, throttle: SignInThrottle = SignInThrottle()) {
        self.service = service
        self.throttle = throttle
    }

    /// Adds the routes to a group rooted at `/shops/{shop}/storefront/{store}`.
    public func addRoutes(to routes: RouteGroup) {
        let passwords = CustomerPasswords(hasher: service.hasher)
        let signedIn = routes.group("", middleware: [CustomerAuthMiddleware()])
        StorefrontSessionRoutes(passwords: passwords, throttle: throttle).addRoutes(public: routes, signedIn: signedIn)
        StorefrontAccountRoutes(passwords: passwords, catalog: service.catalog).addRoutes(public: routes, signedIn: signedIn)
        StorefrontPasswordResetRoutes(passwords: passwords, throttle: throttle).addRoutes(to: routes)
        Impersonation.addStorefrontRoutes(to: routes)
        StorefrontOrderRoutes(service: service).addRoutes(signedIn: signedIn)
    }
}

extension ModuleCatalog {
    /// The module instances the shop's plan enables right now, in catalog order.
    func modules(of shop: Shop) -> [any FeatureModule] {
        entries.map(\.module).filter { shop.hasModule($0.id) }
    }
}

extension Shop {
    /// Queues account emails for this shop inside a write transaction.
    func accountEmail(_ db: Database) -> AccountEmail {
        AccountEmail(db: db, shopSlug: slug.value, shopName: record.name)
    }
}
