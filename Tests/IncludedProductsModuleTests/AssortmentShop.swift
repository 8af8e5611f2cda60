import B2BModule
import Foundation
import IncludedProductsModule
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// A shop (store `default`, EUR) with the included-products module (and b2b, for company
/// restrictions once the flag is set), signed in as its owner, a catalog of five products in
/// three categories and one without, and the calls the suites share: customers who are signed
/// in on the storefront, restrictions, the catalog they see.
struct AssortmentShop: Sendable {
    let server: ModuleTestServer
    let slug: String
    let token: String

    static let modules: [any FeatureModule] = [IncludedProductsModule(), B2BModule()]
    /// SKU and category.
    static let products: [(sku: String, category: String?)] = [
        ("TOO-1", "tools"), ("TOO-2", "tools"), ("FAS-1", "fasteners"), ("SAF-1", "safety"), ("MISC-1", nil),
    ]
    static var allSKUs: Set<String> { Set(products.map(\.sku)) }

    /// A signed-in storefront customer.
    struct Customer: Sendable {
        let id: Int
        let token: String
    }

    /// Starts a server with the modules and provisions a shop on `tier` (the b2b flag when `b2b`).
    static func with(
        slug: String = "assortment", tier: Tier = .business, b2b: Bool = false, _ body: (AssortmentShop) async throws -> Void
    ) async throws {
        try await ModuleTestServer.with(modules: modules) { server in
            let token = try await server.provision(slug, tier: tier)
            if b2b {
                let flag = try await server.operatorRequest("PUT", "/operator/shops/\(slug)/flags/b2b")
                try #require(flag.status == 200, "b2b flag: \(flag.text)")
            }
            let shop = AssortmentShop(server: server, slug: slug, token: token)
            for (index, product) in products.enumerated() {
                var body: [String: Any] = ["sku": product.sku, "name": "Product \(product.sku)", "grossPrice": 1_000 + index * 100]
                if let category = product.category { body["category"] = category }
                let response = try await shop.api("POST", "/products", json: body)
                try #require(response.status == 201, "product: \(response.text)")
            }
            try await body(shop)
        }
    }

    /// A request under `/shops/{slug}/api`, as the owner unless `token` says otherwise.
    func api(_ method: String = "GET", _ path: String, json: [String: Any]? = nil, token: String? = nil) async throws -> TestResponse {
        try await server.request(method, "/shops/\(slug)/api\(path)", token: token ?? self.token, json: json)
    }

    /// A request under `/shops/{slug}/storefront/default` as the customer.
    func storefront(_ method: String = "GET", _ path: String, as customer: Customer, json: [String: Any]? = nil) async throws
        -> TestResponse
    {
        try await server.request(method, "/shops/\(slug)/storefront/default\(path)", token: customer.token, json: json)
    }

    /// Registers a customer on the storefront, signed in.
    func customer(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Customer {
        let email = "\(name.lowercased())@example.fi"
        let response = try await server.request(
            "POST", "/shops/\(slug)/storefront/default/register",
            json: ["firstName": "Aino", "lastName": name, "email": email, "password": "Sala-sana-4711"])
        try #require(response.status == 201, "register: \(response.text)", sourceLocation: sourceLocation)
        let token = try #require(
            (response.jsonObject?["session"] as? [String: Any])?["token"] as? String, sourceLocation: sourceLocation)
        let id = try await server.withShopDatabase(slug) { db in
            try db.scalar("SELECT id FROM customer WHERE email_key = ?", [email], as: Int.self)
        }
        return Customer(id: try #require(id, sourceLocation: sourceLocation), token: token)
    }

    /// Replaces a restriction (`level` is `customers`, `companies` or `groups`), expecting 200; the view.
    @discardableResult
    func restrict(
        _ level: String, _ id: Int, skus: [String] = [], categories: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let response = try await api("PUT", "/\(level)/\(id)/included-products", json: ["skus": skus, "categories": categories])
        try #require(response.status == 200, "restrict: \(response.text)", sourceLocation: sourceLocation)
        return try #require(response.jsonObject, sourceLocation: sourceLocation)
    }

    /// The SKUs of the customer's storefront catalog, every page.
    func catalog(_ customer: Customer, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Set<String> {
        var skus: Set<String> = []
        var after: String?
        repeat {
            let response = try await storefront("GET", "/catalog?limit=2" + (after.map { "&after=\($0)" } ?? ""), as: customer)
            try #require(response.status == 200, "catalog: \(response.text)", sourceLocation: sourceLocation)
            let products = try #require(response.jsonObject?["products"] as? [[String: Any]], sourceLocation: sourceLocation)
            skus.formUnion(products.compactMap { $0["sku"] as? String })
            after = response.jsonObject?["next"] as? String
        } while after != nil
        return skus
    }

    /// The staff price endpoint's line for one SKU and customer.
    func price(_ sku: String, for customer: Customer, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await api("POST", "/prices", json: ["customerId": customer.id, "items": [["sku": sku]]])
        try #require(response.status == 200, "price: \(response.text)", sourceLocation: sourceLocation)
        return try #require((response.jsonObject?["lines"] as? [[String: Any]])?.first, sourceLocation: sourceLocation)
    }

    /// The id of a built-in group by name.
    func groupID(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let groups = try #require(try await api("GET", "/groups").jsonObject?["groups"] as? [[String: Any]], sourceLocation: sourceLocation)
        return try #require(groups.first { $0["name"] as? String == name }?["id"] as? Int, sourceLocation: sourceLocation)
    }

    /// The audit entries with `action`, newest first.
    func audit(_ action: String) async throws -> [[String: Any]] {
        try await server.auditEntries(slug, token: token).filter { $0["action"] as? String == action }
    }
}
