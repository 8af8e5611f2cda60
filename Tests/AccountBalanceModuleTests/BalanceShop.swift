import AccountBalanceModule
import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// A shop with the account-balance add-on, signed in as its owner, and the balance calls the
/// suites share.
struct BalanceShop: Sendable {
    let server: ModuleTestServer
    let slug: String
    let token: String

    /// Starts a server with the module and provisions a Start shop with the add-on.
    static func with(slug: String = "ledgershop", _ body: (BalanceShop) async throws -> Void) async throws {
        try await ModuleTestServer.with(modules: [AccountBalanceModule()]) { server in
            try await body(try await make(server, slug: slug))
        }
    }

    /// Provisions another shop with the add-on on a running server.
    static func make(_ server: ModuleTestServer, slug: String) async throws -> BalanceShop {
        let token = try await server.provision(slug, tier: .start, addOns: ["account-balance"])
        return BalanceShop(server: server, slug: slug, token: token)
    }

    /// A request under `/shops/{slug}/api`, as the owner unless `token` says otherwise.
    func api(_ method: String = "GET", _ path: String, json: [String: Any]? = nil, token: String? = nil) async throws -> TestResponse {
        try await server.request(method, "/shops/\(slug)/api\(path)", token: token ?? self.token, json: json)
    }

    /// A new customer's id.
    func customer(_ lastName: String) async throws -> Int {
        try await server.createCustomer(slug, token: token, lastName: lastName, email: "\(lastName.lowercased())@example.fi")
    }

    /// The id of the customer with `email`, from the list's search.
    func customerID(_ email: String) async throws -> Int {
        let response = try await api("GET", "/customers?q=\(email)")
        let customers = try #require(response.jsonObject?["customers"] as? [[String: Any]], "\(response.text)")
        return try #require(customers.first { $0["email"] as? String == email }?["id"] as? Int)
    }

    /// Adds an entry, expecting 201; the response body.
    @discardableResult
    func add(
        _ customer: Int, _ amount: Int64, _ currency: String, _ reason: String, token: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let response = try await api(
            "POST", "/customers/\(customer)/balance/entries", json: ["amount": amount, "currency": currency, "reason": reason], token: token
        )
        try #require(response.status == 201, "add entry: \(response.text)", sourceLocation: sourceLocation)
        return try #require(response.jsonObject, sourceLocation: sourceLocation)
    }

    /// `GET /customers/{id}/balance` with `query`, expecting 200.
    func balance(_ customer: Int, _ query: String = "", sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await api("GET", "/customers/\(customer)/balance\(query)")
        try #require(response.status == 200, "balance: \(response.text)", sourceLocation: sourceLocation)
        return try #require(response.jsonObject, sourceLocation: sourceLocation)
    }

    /// The balances of a `balance` body: currency to amount.
    static func sums(_ body: [String: Any]) -> [String: Int] {
        var sums: [String: Int] = [:]
        for balance in body["balances"] as? [[String: Any]] ?? [] { sums[balance["currency"] as? String ?? ""] = balance["amount"] as? Int }
        return sums
    }
}
