import Foundation
import HTTPServer
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// A real ShopAdmin with the modules under test (for the feature modules' test targets) and `TierMatrix.standard`, on a loopback
/// port over a fresh data directory, plus the calls the module suites make again and again.
/// Each test makes its own, so tests run in parallel without sharing anything.
public final class ModuleTestServer: Sendable {
    public let app: ShopAdminApplication
    public let server: HTTPServer
    public let operatorToken: String
    /// The data directory, for a later server over the same shops.
    public var dataDirectory: String { app.configuration.dataDirectory }

    /// The password every shop's owner gets from `provision`.
    public static let ownerPassword = "owner-password-1"
    public static let memberPassword = "member-password-1"

    public var port: Int { server.port }

    private init(app: ShopAdminApplication, server: HTTPServer, operatorToken: String) {
        self.app = app
        self.server = server
        self.operatorToken = operatorToken
    }

    /// Builds the application with `modules` and a cheap password hash, issues an operator
    /// token and starts listening on a free port. `dataDirectory` reuses the data of a server
    /// stopped before (a build with other modules over the same shops); nil makes a fresh one.
    public static func make(modules: [any FeatureModule], dataDirectory: String? = nil) async throws -> ModuleTestServer {
        var configuration = ShopAdminConfiguration(dataDirectory: dataDirectory ?? freeTemporaryDirectory(prefix: "shopmodules"))
        configuration.passwordAlgorithm = .pbkdf2SHA256(iterations: 1000)
        configuration.log = LogSink.disabled
        configuration.http.host = "127.0.0.1"
        configuration.http.port = 0
        let app = try ShopAdminApplication(configuration: configuration, modules: modules, matrix: .standard)
        let token = try await app.operatorTokens.issue()
        let server = HTTPServer(configuration: configuration.http, responder: app.makeResponder())
        try server.start()
        return ModuleTestServer(app: app, server: server, operatorToken: token)
    }

    /// Makes a server, runs `body` with it and stops it however `body` ends.
    public static func with(
        modules: [any FeatureModule], dataDirectory: String? = nil, _ body: (ModuleTestServer) async throws -> Void
    ) async throws {
        let server = try await make(modules: modules, dataDirectory: dataDirectory)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    public func stop() async {
        await server.shutdown(gracePeriod: 5)
        await app.shutdown()
    }

    // MARK: Requests

    /// One request on its own connection; `json` becomes the body, `token` the bearer.
    public func request(_ method: String = "GET", _ path: String, token: String? = nil, json: [String: Any]? = nil) async throws
        -> TestResponse
    {
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        if let json {
            body = Array(try JSONSerialization.data(withJSONObject: json))
            headers.append(("Content-Type", "application/json"))
        }
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return try await TestHTTPClient.request(port: port, method: method, path: path, headers: headers, body: body)
    }

    /// A GET on its own connection.
    public func request(_ path: String, token: String? = nil) async throws -> TestResponse {
        try await request("GET", path, token: token, json: nil)
    }

    /// A request with the operator token.
    public func operatorRequest(_ method: String = "GET", _ path: String, json: [String: Any]? = nil) async throws -> TestResponse {
        try await request(method, path, token: operatorToken, json: json)
    }

    public static func ownerEmail(_ slug: String) -> String { "owner@\(slug).example.com" }

    /// Provisions a shop through the service and signs in as its owner: the owner's token.
    public func provision(_ slug: String, tier: Tier, addOns: [String] = []) async throws -> String {
        _ = try await app.service.provision(
            ProvisioningRequest(
                slug: slug, name: "Shop \(slug)", tier: tier.rawValue, addOns: addOns, ownerEmail: ModuleTestServer.ownerEmail(slug),
                ownerPassword: ModuleTestServer.ownerPassword),
            actor: "test")
        return try await signIn(slug)
    }

    /// Signs in through `POST /shops/{slug}/api/sessions` and returns the session token.
    public func signIn(_ slug: String, email: String? = nil, password: String = ModuleTestServer.ownerPassword) async throws -> String {
        let response = try await request(
            "POST", "/shops/\(slug)/api/sessions", json: ["email": email ?? ModuleTestServer.ownerEmail(slug), "password": password])
        try #require(response.status == 201, "sign-in to \(slug): \(response.text)")
        return try #require(response.jsonObject?["token"] as? String)
    }

    /// Creates a staff member with `role` as the owner and signs them in: their token.
    public func member(_ slug: String, owner: String, role: String) async throws -> String {
        let email = "\(role)@\(slug).example.com"
        let response = try await request(
            "POST", "/shops/\(slug)/api/staff", token: owner,
            json: ["email": email, "name": "Member", "role": role, "password": ModuleTestServer.memberPassword])
        try #require(response.status == 201, "creating \(email): \(response.text)")
        return try await signIn(slug, email: email, password: ModuleTestServer.memberPassword)
    }

    /// Creates a customer and returns their id.
    public func createCustomer(
        _ slug: String, token: String, firstName: String = "Anna", lastName: String, email: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Int {
        let response = try await request(
            "POST", "/shops/\(slug)/api/customers", token: token, json: ["firstName": firstName, "lastName": lastName, "email": email])
        try #require(response.status == 201, "create customer: \(response.text)", sourceLocation: sourceLocation)
        let customer = try #require(response.jsonObject?["customer"] as? [String: Any], sourceLocation: sourceLocation)
        return try #require(customer["id"] as? Int, sourceLocation: sourceLocation)
    }

    /// Runs `body` in a write transaction on a shop's database, leased as a request would.
    public func withShopDatabase<T: Sendable>(_ slug: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let shopSlug = try #require(ShopSlug(slug))
        let record = try #require(app.service.registry.shop(shopSlug))
        return try await app.service.pool.withDatabase(shopSlug, modules: app.service.catalog.enabledModules(for: record)) { queue in
            try await queue.write(body)
        }
    }

    /// Rows of `schema_migrations` for one owner.
    public func migrationRows(_ slug: String, owner: String) async throws -> Int {
        try await withShopDatabase(slug) { db in
            try db.scalar("SELECT count(*) FROM schema_migrations WHERE owner = ?", [owner], as: Int.self) ?? 0
        }
    }

    /// Whether a table exists in the shop's database.
    public func tableExists(_ slug: String, _ table: String) async throws -> Bool {
        try await withShopDatabase(slug) { db in
            try db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", [table], as: Int.self) == 1
        }
    }

    /// The shop's audit entries, newest first.
    public func auditEntries(_ slug: String, token: String) async throws -> [[String: Any]] {
        let response = try await request("/shops/\(slug)/api/audit?limit=500", token: token)
        try #require(response.status == 200, "\(response.text)")
        return try #require(response.jsonObject?["entries"] as? [[String: Any]])
    }
}

extension TestResponse {
    /// `error` of the standard error body.
    public var errorObject: [String: Any]? { jsonObject?["error"] as? [String: Any] }
    /// `error.field` of the standard error body.
    public var errorField: String? { errorObject?["field"] as? String }
    /// `error.message` of the standard error body.
    public var errorMessage: String? { errorObject?["message"] as? String }
}
