import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// A shop on a `TestServer` with one store per locale (codes `web-fi`, `web-sv`, `web-nb`,
/// `web-da`, `web-en`), its owner signed in, and the storefront calls the storefront,
/// password-reset and outbox suites make again and again.
struct StorefrontShop: Sendable {
    let server: TestServer
    let slug: String
    /// The owner's staff session.
    let staffToken: String

    static let stores: [(code: String, locale: String, country: String, currency: String)] = [
        ("web-fi", "fi", "FI", "EUR"), ("web-sv", "sv", "SE", "SEK"), ("web-nb", "nb", "NO", "NOK"), ("web-da", "da", "DK", "DKK"),
        ("web-en", "en", "FI", "EUR"),
    ]

    /// A password long enough for the default rules, distinctive enough to search for.
    static let password = "Sala-sana-4711"

    static func make(_ server: TestServer, slug: String = "store-front") async throws -> StorefrontShop {
        let response = try await server.operatorRequest(
            "POST", "/operator/shops",
            json: [
                "slug": slug, "name": "Kauppa \(slug)", "tier": "pro",
                "stores": stores.map {
                    ["code": $0.code, "name": "Website \($0.locale)", "locale": $0.locale, "currency": $0.currency, "country": $0.country]
                },
                "ownerEmail": TestServer.ownerEmail(slug), "ownerPassword": TestServer.ownerPassword,
            ])
        try #require(response.status == 201, "provisioning \(slug): \(response.text)")
        return StorefrontShop(server: server, slug: slug, staffToken: try await server.signIn(slug))
    }

    /// Starts a server with a storefront shop, runs `body`, stops the server however it ends.
    static func with(
        modules: [any FeatureModule] = TestModules.all, matrix: TierMatrix = TestModules.matrix,
        _ body: (StorefrontShop) async throws -> Void
    ) async throws {
        try await TestServer.with(modules: modules, matrix: matrix) { server in try await body(try await make(server)) }
    }

    /// A request under `/shops/{slug}/storefront/{store}`.
    func storefront(
        _ method: String = "GET", _ path: String, store: String = "web-fi", token: String? = nil, json: [String: Any]? = nil
    ) async throws -> TestResponse {
        try await server.request(method, "/shops/\(slug)/storefront/\(store)\(path)", token: token, json: json)
    }

    /// A GET under `/shops/{slug}/storefront/{store}`.
    func storefront(_ path: String, store: String = "web-fi", token: String? = nil) async throws -> TestResponse {
        try await storefront("GET", path, store: store, token: token, json: nil)
    }

    /// A staff GET under `/shops/{slug}/api`, as the owner.
    func api(_ path: String) async throws -> TestResponse {
        try await api("GET", path, json: nil)
    }

    /// A staff request under `/shops/{slug}/api`, as the owner.
    func api(_ method: String = "GET", _ path: String, json: [String: Any]? = nil) async throws -> TestResponse {
        try await server.request(method, "/shops/\(slug)/api\(path)", token: staffToken, json: json)
    }

    /// Registers a customer and returns the response (not checked).
    func register(
        _ email: String, password: String = StorefrontShop.password, store: String = "web-fi", extra: [String: Any] = [:]
    ) async throws -> TestResponse {
        var body: [String: Any] = ["firstName": "Aino", "lastName": "Asiakas", "email": email, "password": password]
        for (key, value) in extra { body[key] = value }
        return try await storefront("POST", "/register", store: store, json: body)
    }

    /// Registers a customer, expects 201 and returns the session token it got.
    func registerSignedIn(
        _ email: String, password: String = StorefrontShop.password, store: String = "web-fi", extra: [String: Any] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let response = try await register(email, password: password, store: store, extra: extra)
        try #require(response.status == 201, "register: \(response.text)", sourceLocation: sourceLocation)
        let session = try #require(response.jsonObject?["session"] as? [String: Any], sourceLocation: sourceLocation)
        return try #require(session["token"] as? String, sourceLocation: sourceLocation)
    }

    /// Signs a customer in and returns the response (not checked).
    func signIn(_ email: String, password: String = StorefrontShop.password, store: String = "web-fi", token: String? = nil)
        async throws -> TestResponse
    {
        try await storefront("POST", "/sessions", store: store, token: token, json: ["email": email, "password": password])
    }

    /// The customer id for an email, from the database.
    func customerID(_ email: String) async throws -> Int64 {
        let key = email.lowercased()
        let id = try await server.withShopDatabase(slug) { db in
            try db.scalar("SELECT id FROM customer WHERE email_key = ?", [key], as: Int64.self)
        }
        return try #require(id, "no customer \(email)")
    }

    /// Changes the shop's customer settings as the owner, expecting 200.
    func settings(_ patch: [String: Any]) async throws {
        let response = try await api("PATCH", "/settings", json: patch)
        try #require(response.status == 200, "settings: \(response.text)")
    }

    /// Every outbox row, oldest first, each column as text.
    func outbox() async throws -> [[String: String]] {
        try await server.withShopDatabase(slug) { db in
            try db.query("SELECT * FROM email_outbox ORDER BY id").map { row in
                var values: [String: String] = [:]
                for column in row.columns {
                    switch row[column] {
                    case .text(let text): values[column] = text
                    case .integer(let number): values[column] = String(number)
                    default: break
                    }
                }
                return values
            }
        }
    }

    /// The single-use token in the newest outbox email of `template`.
    func tokenFromOutbox(_ template: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let rows = try await outbox()
        let row = try #require(rows.last(where: { $0["template"] == template }), sourceLocation: sourceLocation)
        let body = try #require(row["text_body"], sourceLocation: sourceLocation)
        let range = try #require(body.range(of: "sa_ct_[A-Za-z0-9_-]+", options: .regularExpression), sourceLocation: sourceLocation)
        return String(body[range])
    }
}

extension SQLValue {
    /// The text of a text value, else nil.
    var storedText: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}
