import Foundation
import RequiredFieldsModule
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// A shop with the required-fields module and two stores, `fi` (Finland) and `se` (Sweden),
/// its owner signed in, and the calls the suites share.
struct RequiredFieldsShop: Sendable {
    let server: ModuleTestServer
    let slug: String
    let token: String

    static let password = "Sala-sana-4711"

    /// Starts a server with `modules`, provisions a shop on `tier` and runs `body`.
    static func with(
        slug: String = "reqshop", tier: Tier = .start, modules: [any FeatureModule] = [RequiredFieldsModule()],
        _ body: (RequiredFieldsShop) async throws -> Void
    ) async throws {
        try await ModuleTestServer.with(modules: modules) { server in
            try await body(try await make(server, slug: slug, tier: tier))
        }
    }

    /// Provisions the shop on a running server through the operator API.
    static func make(_ server: ModuleTestServer, slug: String = "reqshop", tier: Tier = .start) async throws -> RequiredFieldsShop {
        let response = try await server.operatorRequest(
            "POST", "/operator/shops",
            json: [
                "slug": slug, "name": "Shop \(slug)", "tier": tier.rawValue,
                "stores": [
                    ["code": "fi", "name": "Website FI", "locale": "fi", "currency": "EUR", "country": "FI"],
                    ["code": "se", "name": "Website SE", "locale": "sv", "currency": "SEK", "country": "SE"],
                ],
                "ownerEmail": ModuleTestServer.ownerEmail(slug), "ownerPassword": ModuleTestServer.ownerPassword,
            ])
        try #require(response.status == 201, "provisioning \(slug): \(response.text)")
        return RequiredFieldsShop(server: server, slug: slug, token: try await server.signIn(slug))
    }

    /// A request under `/shops/{slug}/api`, as the owner unless `token` says otherwise.
    func api(_ method: String = "GET", _ path: String, json: [String: Any]? = nil, token: String? = nil) async throws -> TestResponse {
        try await server.request(method, "/shops/\(slug)/api\(path)", token: token ?? self.token, json: json)
    }

    /// A GET under `/shops/{slug}/api`, as the owner unless `token` says otherwise.
    func api(_ path: String, token: String? = nil) async throws -> TestResponse {
        try await api("GET", path, json: nil, token: token)
    }

    /// A request under `/shops/{slug}/storefront/{store}`.
    func storefront(_ method: String = "GET", _ path: String, store: String = "fi", token: String? = nil, json: [String: Any]? = nil)
        async throws -> TestResponse
    {
        try await server.request(method, "/shops/\(slug)/storefront/\(store)\(path)", token: token, json: json)
    }

    /// A GET under `/shops/{slug}/storefront/{store}`.
    func storefront(_ path: String, store: String = "fi", token: String? = nil) async throws -> TestResponse {
        try await storefront("GET", path, store: store, token: token, json: nil)
    }

    /// The id of the store with `code`.
    func storeID(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let response = try await api("/stores")
        let stores = try #require(response.jsonObject?["stores"] as? [[String: Any]], sourceLocation: sourceLocation)
        return try #require(stores.first { $0["code"] as? String == code }?["id"] as? Int, sourceLocation: sourceLocation)
    }

    /// `PUT /required-fields/stores/{store}`, expecting 200.
    func require(_ keys: [String], store: String = "fi", sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let response = try await api("PUT", "/required-fields/stores/\(store)", json: ["required": keys])
        try #require(response.status == 200, "PUT required: \(response.text)", sourceLocation: sourceLocation)
    }

    /// `POST /required-fields/custom-fields`, expecting 201: the field's id.
    func define(_ body: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let response = try await api("POST", "/required-fields/custom-fields", json: body)
        try #require(response.status == 201, "define: \(response.text)", sourceLocation: sourceLocation)
        let field = try #require(response.jsonObject?["customField"] as? [String: Any], sourceLocation: sourceLocation)
        return try #require(field["id"] as? Int, sourceLocation: sourceLocation)
    }

    /// `POST /customers` with a name and an email plus `extra` (not checked).
    func createCustomer(_ email: String, store: String = "fi", extra: [String: Any] = [:]) async throws -> TestResponse {
        var body: [String: Any] = ["firstName": "Aino", "lastName": "Asiakas", "email": email, "storeId": try await storeID(store)]
        for (key, value) in extra { body[key] = value }
        return try await api("POST", "/customers", json: body)
    }

    /// Creates a customer, expecting 201: the id.
    func customer(
        _ email: String, store: String = "fi", extra: [String: Any] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Int {
        let response = try await createCustomer(email, store: store, extra: extra)
        try #require(response.status == 201, "create \(email): \(response.text)", sourceLocation: sourceLocation)
        return try #require((response.jsonObject?["customer"] as? [String: Any])?["id"] as? Int, sourceLocation: sourceLocation)
    }

    /// `GET /customers/{id}`: the record.
    func record(_ id: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await api("/customers/\(id)")
        try #require(response.status == 200, "GET customer: \(response.text)", sourceLocation: sourceLocation)
        return try #require(response.jsonObject?["customer"] as? [String: Any], sourceLocation: sourceLocation)
    }

    /// The customer's `customFields`.
    func customFields(_ id: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        try #require(try await record(id, sourceLocation: sourceLocation)["customFields"] as? [String: Any], sourceLocation: sourceLocation)
    }

    /// `GET /required-fields/incomplete` with `query`: customer id to the fields they lack, and the total.
    func incomplete(_ query: String = "", sourceLocation: SourceLocation = #_sourceLocation) async throws -> (
        missing: [Int: [String]], total: Int
    ) {
        let response = try await api("/required-fields/incomplete?limit=500\(query.isEmpty ? "" : "&\(query)")")
        try #require(response.status == 200, "incomplete: \(response.text)", sourceLocation: sourceLocation)
        let customers = try #require(response.jsonObject?["customers"] as? [[String: Any]], sourceLocation: sourceLocation)
        var missing: [Int: [String]] = [:]
        for customer in customers {
            missing[try #require(customer["id"] as? Int, sourceLocation: sourceLocation)] = customer["missing"] as? [String] ?? []
        }
        return (missing, try #require(response.jsonObject?["total"] as? Int, sourceLocation: sourceLocation))
    }

    /// Registers on the storefront with `extra` (not checked).
    func register(_ email: String, store: String = "fi", extra: [String: Any] = [:]) async throws -> TestResponse {
        var body: [String: Any] = ["firstName": "Aino", "lastName": "Asiakas", "email": email, "password": RequiredFieldsShop.password]
        for (key, value) in extra { body[key] = value }
        return try await storefront("POST", "/register", store: store, json: body)
    }

    /// Registers, expecting 201: the customer's session token.
    func registerSignedIn(
        _ email: String, store: String = "fi", extra: [String: Any] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let response = try await register(email, store: store, extra: extra)
        try #require(response.status == 201, "register: \(response.text)", sourceLocation: sourceLocation)
        let session = try #require(response.jsonObject?["session"] as? [String: Any], sourceLocation: sourceLocation)
        return try #require(session["token"] as? String, sourceLocation: sourceLocation)
    }
}

extension TestResponse {
    /// `error.fields` of a refused customer write: every field named.
    var errorFields: [String]? { errorObject?["fields"] as? [String] }
}
