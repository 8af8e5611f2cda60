import Foundation
import HTTPServer
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// A real ShopAdmin on a loopback port over a fresh data directory, with an operator token,
/// plus the calls tests make again and again (operator requests, provisioning, staff sign-in).
/// Each test makes its own, so tests run in parallel without sharing anything.
final class TestServer: Sendable {
    let app: ShopAdminApplication
    let server: HTTPServer
    let operatorToken: String
    let dataDirectory: String

    /// The password every shop's owner gets from `provision`.
    static let ownerPassword = "owner-password-1"

    var port: Int { server.port }
    var service: ShopService { app.service }

    private init(app: ShopAdminApplication, server: HTTPServer, operatorToken: String, dataDirectory: String) {
        self.app = app
        self.server = server
        self.operatorToken = operatorToken
        self.dataDirectory = dataDirectory
    }

    /// Builds the application with the test modules and a cheap password hash, issues an
    /// operator token and starts listening on a free port.
    static func make(
        modules: [any FeatureModule] = TestModules.all, matrix: TierMatrix = TestModules.matrix, poolCapacity: Int = 256
    ) async throws -> TestServer {
        let directory = freeTemporaryDirectory(prefix: "shopcore")
        var configuration = ShopAdminConfiguration(dataDirectory: directory)
        configuration.passwordAlgorithm = .pbkdf2SHA256(iterations: 1000)
        configuration.log = LogSink.disabled
        configuration.poolCapacity = poolCapacity
        configuration.http.host = "127.0.0.1"
        configuration.http.port = 0
        let app = try ShopAdminApplication(configuration: configuration, modules: modules, matrix: matrix)
        let token = try await app.operatorTokens.issue()
        let server = HTTPServer(configuration: configuration.http, responder: app.makeResponder())
        try server.start()
        return TestServer(app: app, server: server, operatorToken: token, dataDirectory: directory)
    }

    /// Makes a server, runs `body` with it and stops it however `body` ends.
    static func with(
        modules: [any FeatureModule] = TestModules.all, matrix: TierMatrix = TestModules.matrix, poolCapacity: Int = 256,
        _ body: (TestServer) async throws -> Void
    ) async throws {
        let server = try await make(modules: modules, matrix: matrix, poolCapacity: poolCapacity)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// Stops accepting, drains, then closes the databases.
    func stop() async {
        await server.shutdown(gracePeriod: 5)
        await app.shutdown()
    }

    // MARK: Requests

    /// One request on its own connection. `json` is serialised as the body with
    /// `Content-Type: application/json`; `token` becomes `Authorization: Bearer`.
    func request(
        _ method: String = "GET", _ path: String, token: String? = nil, json: [String: Any]? = nil,
        headers: [(String, String)] = []
    ) async throws -> TestResponse {
        var headers = headers
        var body: [UInt8] = []
        if let json {
            body = Array(try JSONSerialization.data(withJSONObject: json))
            headers.append(("Content-Type", "application/json"))
        }
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return try await TestHTTPClient.request(port: port, method: method, path: path, headers: headers, body: body)
    }

    /// A GET (or another method without a body) on its own connection.
    func request(_ path: String, token: String? = nil, headers: [(String, String)] = []) async throws -> TestResponse {
        try await request("GET", path, token: token, json: nil, headers: headers)
    }

    /// A request with the operator token.
    func operatorRequest(_ method: String = "GET", _ path: String, json: [String: Any]? = nil) async throws -> TestResponse {
        try await request(method, path, token: operatorToken, json: json)
    }

    /// The owner's email of a shop `provision` made.
    static func ownerEmail(_ slug: String) -> String { "owner@\(slug).example.com" }

    /// Provisions a shop through `POST /operator/shops` and expects 201.
    @discardableResult
    func provision(
        _ slug: String, tier: String = "pro", name: String? = nil, addOns: [String] = [], flags: [String] = []
    ) async throws -> TestResponse {
        let response = try await operatorRequest(
            "POST", "/operator/shops",
            json: [
                "slug": slug, "name": name ?? "Shop \(slug)", "tier": tier, "addOns": addOns, "flags": flags,
                "ownerEmail": TestServer.ownerEmail(slug), "ownerPassword": TestServer.ownerPassword,
            ])
        #expect(response.status == 201, "provisioning \(slug): \(response.text)")
        return response
    }

    /// Provisions in-process through the service (no HTTP), for tests that need many shops.
    func provisionDirectly(_ slug: String, tier: Tier = .pro) async throws {
        _ = try await service.provision(
            ProvisioningRequest(
                slug: slug, name: "Shop \(slug)", tier: tier.rawValue, ownerEmail: TestServer.ownerEmail(slug),
                ownerPassword: TestServer.ownerPassword),
            actor: "test")
    }

    /// Signs in as the shop's owner (or another member) and returns the session token.
    func signIn(
        _ slug: String, email: String? = nil, password: String = TestServer.ownerPassword
    ) async throws -> String {
        let response = try await request(
            "POST", "/shops/\(slug)/api/sessions", json: ["email": email ?? TestServer.ownerEmail(slug), "password": password])
        try #require(response.status == 201, "sign-in to \(slug): \(response.text)")
        return try #require(response.jsonObject?["token"] as? String)
    }

    /// Runs SQL in a write transaction on a shop's database, leased from the pool as a request
    /// would; `modules` defaults to the shop's plan (so leasing applies its pending migrations).
    func withShopDatabase<T: Sendable>(
        _ slug: String, modules: [String]? = nil, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        let shopSlug = try #require(ShopSlug(slug))
        let record = try #require(service.registry.shop(shopSlug))
        let modules = modules ?? service.catalog.enabledModules(for: record)
        return try await service.pool.withDatabase(shopSlug, modules: modules) { queue in
            try await queue.write(body)
        }
    }

    /// Every path under the data directory, relative to it, sorted.
    func dataDirectoryListing() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: dataDirectory)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String { paths.append(path) }
        return paths.sorted()
    }
}

extension TestResponse {
    /// The `error` object of the standard error body.
    var errorObject: [String: Any]? { jsonObject?["error"] as? [String: Any] }
    /// `error.field` of the standard error body.
    var errorField: String? { errorObject?["field"] as? String }
    /// `error.message` of the standard error body.
    var errorMessage: String? { errorObject?["message"] as? String }
}

/// Reads a database file directly (a backup, a shop in the trash), outside any server.
enum DatabaseFile {
    static func scalar(_ path: String, _ sql: String) throws -> Int? {
        let db = try Database(path: path)
        defer { db.close() }
        return try db.scalar(sql, as: Int.self)
    }
}
