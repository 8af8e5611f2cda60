import B2BModule
import CreditLimitModule
import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// A Platinum shop (store `default`, EUR) with the credit-limit module (and b2b, for company
/// limits once the flag is set), signed in as its owner, one product `ANY-1` priced by what
/// the tests type on each line, and the calls the suites share: limits, drafts of an exact
/// total, placing.
struct CreditShop: Sendable {
    let server: ModuleTestServer
    let slug: String
    let token: String

    static let modules: [any FeatureModule] = [CreditLimitModule(), B2BModule()]

    /// Starts a server with the modules, provisions a shop on `tier` (the b2b flag when `b2b`).
    static func with(
        slug: String = "creditshop", tier: Tier = .platinum, b2b: Bool = false, _ body: (CreditShop) async throws -> Void
    ) async throws {
        try await ModuleTestServer.with(modules: modules) { server in
            let token = try await server.provision(slug, tier: tier)
            if b2b {
                let flag = try await server.operatorRequest("PUT", "/operator/shops/\(slug)/flags/b2b")
                try #require(flag.status == 200, "b2b flag: \(flag.text)")
            }
            let shop = CreditShop(server: server, slug: slug, token: token)
            let product = try await shop.api("POST", "/products", json: ["sku": "ANY-1", "name": "Anything", "grossPrice": 100])
            try #require(product.status == 201, "product: \(product.text)")
            try await body(shop)
        }
    }

    /// A request under `/shops/{slug}/api`, as the owner unless `token` says otherwise.
    func api(_ method: String = "GET", _ path: String, json: [String: Any]? = nil, token: String? = nil) async throws -> TestResponse {
        try await server.request(method, "/shops/\(slug)/api\(path)", token: token ?? self.token, json: json)
    }

    /// A new customer's id.
    func customer(_ lastName: String) async throws -> Int {
        try await server.createCustomer(slug, token: token, lastName: lastName, email: "\(lastName.lowercased())@example.fi")
    }

    /// Sets a customer's (or with `company`, a company's) limit, expecting 200; the view.
    @discardableResult
    func setLimit(
        _ id: Int, _ amount: Int, company: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let response = try await api("PUT", "/\(company ? "companies" : "customers")/\(id)/credit-limit", json: ["amount": amount])
        try #require(response.status == 200, "set limit: \(response.text)", sourceLocation: sourceLocation)
        return try #require(response.jsonObject, sourceLocation: sourceLocation)
    }

    /// `GET /customers/{id}/credit-limit`, expecting 200.
    func position(_ customer: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await api("GET", "/customers/\(customer)/credit-limit")
        try #require(response.status == 200, "position: \(response.text)", sourceLocation: sourceLocation)
        return try #require(response.jsonObject, sourceLocation: sourceLocation)
    }

    /// A draft order for the customer whose total is exactly `total` cents (one line of ANY-1
    /// at a typed net price), with the payment and delivery methods placing asks for: its id.
    func draft(_ customer: Int, total: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let draft = try await api(
            "POST", "/customers/\(customer)/draft-orders", json: ["paymentMethod": "invoice", "deliveryMethod": "posti"])
        try #require(draft.status == 201, "draft: \(draft.text)", sourceLocation: sourceLocation)
        let id = try #require((draft.jsonObject?["order"] as? [String: Any])?["id"] as? Int, sourceLocation: sourceLocation)
        let line = try await api(
            "POST", "/orders/\(id)/lines", json: ["sku": "ANY-1", "quantity": 1, "userPrice": total, "userPriceType": "n-net"])
        try #require(line.status == 201, "line: \(line.text)", sourceLocation: sourceLocation)
        let order = try #require(line.jsonObject?["order"] as? [String: Any], sourceLocation: sourceLocation)
        try #require(order["total"] as? Int == total, "total: \(line.text)", sourceLocation: sourceLocation)
        return id
    }

    /// `POST /orders/{id}/place` (not checked).
    func place(_ order: Int, override: Bool? = nil, token: String? = nil) async throws -> TestResponse {
        try await api("POST", "/orders/\(order)/place", json: override.map { ["override": $0] } ?? [:], token: token)
    }

    /// Places a draft of exactly `total`, expecting 200.
    func placed(_ customer: Int, total: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let order = try await draft(customer, total: total, sourceLocation: sourceLocation)
        let response = try await place(order)
        try #require(response.status == 200, "place: \(response.text)", sourceLocation: sourceLocation)
        return order
    }

    /// Creates a company (b2b) with these customers as its people: its id.
    func company(_ name: String, businessID: String, people: [Int], sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> Int
    {
        let created = try await api("POST", "/companies", json: ["name": name, "businessId": businessID])
        try #require(created.status == 201, "company: \(created.text)", sourceLocation: sourceLocation)
        let id = try #require((created.jsonObject?["company"] as? [String: Any])?["id"] as? Int, sourceLocation: sourceLocation)
        for person in people {
            let added = try await api("POST", "/companies/\(id)/people", json: ["customerId": person])
            try #require(added.status == 200 || added.status == 201, "person: \(added.text)", sourceLocation: sourceLocation)
        }
        return id
    }

    /// The audit entries with `action`, newest first.
    func audit(_ action: String) async throws -> [[String: Any]] {
        try await server.auditEntries(slug, token: token).filter { $0["action"] as? String == action }
    }
}

extension TestResponse {
    /// `error.<key>` of the standard error body as an integer.
    func errorInt(_ key: String) -> Int? { errorObject?[key] as? Int }
}
