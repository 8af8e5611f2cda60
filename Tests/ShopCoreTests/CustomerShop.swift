import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// A shop provisioned on a `TestServer` with one store per Nordic country (codes `fi`, `se`,
/// `no`, `dk`; `fi` first, so it is the default store), signed in as its owner, plus the
/// customer API calls the customer, store, group and settings suites make again and again.
struct CustomerShop: Sendable {
    let server: TestServer
    let slug: String
    /// The owner's session.
    let token: String

    /// The four stores every customer shop gets: code, country, currency, locale.
    static let nordicStores: [(code: String, country: String, currency: String, locale: String)] = [
        ("fi", "FI", "EUR", "fi"), ("se", "SE", "SEK", "sv"), ("no", "NO", "NOK", "nb"), ("dk", "DK", "DKK", "da"),
    ]

    /// Provisions `slug` with the Nordic stores and signs in as its owner.
    static func make(_ server: TestServer, slug: String = "nordic") async throws -> CustomerShop {
        let stores = nordicStores.map {
            ["code": $0.code, "name": "Website \($0.country)", "locale": $0.locale, "currency": $0.currency, "country": $0.country]
        }
        let response = try await server.operatorRequest(
            "POST", "/operator/shops",
            json: [
                "slug": slug, "name": "Shop \(slug)", "tier": "pro", "stores": stores, "ownerEmail": TestServer.ownerEmail(slug),
                "ownerPassword": TestServer.ownerPassword,
            ])
        try #require(response.status == 201, "provisioning \(slug): \(response.text)")
        return CustomerShop(server: server, slug: slug, token: try await server.signIn(slug))
    }

    /// Starts a server, provisions the shop, runs `body` and stops the server however `body` ends.
    static func with(_ body: (CustomerShop) async throws -> Void) async throws {
        try await TestServer.with { server in try await body(try await make(server)) }
    }

    /// A request under `/shops/{slug}/api`, as the owner unless `token` says otherwise.
    func api(
        _ method: String = "GET", _ path: String, json: [String: Any]? = nil, headers: [(String, String)] = [], token: String? = nil
    ) async throws -> TestResponse {
        try await server.request(method, "/shops/\(slug)/api\(path)", token: token ?? self.token, json: json, headers: headers)
    }

    /// A minimal valid body for a new customer: names and a unique email from `tag`.
    static func minimal(_ tag: String, _ extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = ["firstName": "Anna", "lastName": "Test", "email": "\(tag)@example.fi"]
        for (key, value) in extra { body[key] = value }
        return body
    }

    /// Creates a customer and expects 201; returns the record.
    @discardableResult
    func create(_ body: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await api("POST", "/customers", json: body)
        try #require(response.status == 201, "create: \(response.text)", sourceLocation: sourceLocation)
        return try #require(response.jsonObject?["customer"] as? [String: Any], sourceLocation: sourceLocation)
    }

    /// The record of a customer, expecting 200.
    func customer(_ id: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await api("GET", "/customers/\(id)")
        try #require(response.status == 200, "GET customer \(id): \(response.text)", sourceLocation: sourceLocation)
        return try #require(response.jsonObject?["customer"] as? [String: Any], sourceLocation: sourceLocation)
    }

    /// The id of the store with `code`.
    func storeID(_ code: String) async throws -> Int {
        let stores = try #require(try await api("GET", "/stores").jsonObject?["stores"] as? [[String: Any]])
        return try #require(stores.first { $0["code"] as? String == code }?["id"] as? Int, "store \(code)")
    }

    /// The id of the group named `name`.
    func groupID(_ name: String) async throws -> Int {
        let groups = try #require(try await api("GET", "/groups").jsonObject?["groups"] as? [[String: Any]])
        return try #require(groups.first { $0["name"] as? String == name }?["id"] as? Int, "group \(name)")
    }

    /// Creates a group and returns its id.
    func createGroup(_ name: String, taxClass: String = "taxable") async throws -> Int {
        let response = try await api("POST", "/groups", json: ["name": name, "taxClass": taxClass])
        try #require(response.status == 201, "group \(name): \(response.text)")
        return try #require((response.jsonObject?["group"] as? [String: Any])?["id"] as? Int)
    }

    /// Adds a staff member with `role` straight in the shop database (as the staff session
    /// tests do) and returns a session token for them.
    func signInMember(role: String, email: String? = nil) async throws -> String {
        let email = email ?? "\(role)@\(slug).example.com"
        let hash = try await server.service.hasher.hash("member-password-1")
        try await server.withShopDatabase(slug) { db in
            try db.execute(
                "INSERT INTO staff(email, name, role, password_hash, created_at) VALUES(?, ?, ?, ?, ?)",
                [email, "Member \(role)", role, hash, "2026-01-01T00:00:00.000Z"])
        }
        return try await server.signIn(slug, email: email, password: "member-password-1")
    }

    /// One page of `GET /customers?<query>`: the customers, the total and the next cursor.
    func list(_ query: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (
        customers: [[String: Any]], total: Int, next: String?
    ) {
        let response = try await api("GET", "/customers?\(query)")
        try #require(response.status == 200, "list ?\(query): \(response.text)", sourceLocation: sourceLocation)
        let object = try #require(response.jsonObject, sourceLocation: sourceLocation)
        let customers = try #require(object["customers"] as? [[String: Any]], sourceLocation: sourceLocation)
        return (customers, try #require(object["total"] as? Int, sourceLocation: sourceLocation), object["nextCursor"] as? String)
    }

    /// The ids a search finds (one page of up to 500).
    func search(_ text: String, _ filters: String = "", sourceLocation: SourceLocation = #_sourceLocation) async throws -> Set<Int> {
        let query = "q=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text) + "&limit=500" + filters
        return Set(try await list(query, sourceLocation: sourceLocation).customers.compactMap { $0["id"] as? Int })
    }

    /// Runs SQL on the shop's database through the pool, as a request would.
    func database<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await server.withShopDatabase(slug, body)
    }

    /// Expects a refused create with `status`, `error.field` and `error.code`; the message,
    /// when given, must contain `message`.
    func expectRefused(
        _ body: [String: Any], field: String?, code: String = "invalid_field", status: Int = 422, message: String? = nil,
        _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let response = try await api("POST", "/customers", json: body)
        let label = "\(comment) \(response.text)"
        #expect(response.status == status, "\(label)", sourceLocation: sourceLocation)
        #expect(response.errorField == field, "\(label)", sourceLocation: sourceLocation)
        #expect(response.errorCode == code, "\(label)", sourceLocation: sourceLocation)
        if let message {
            #expect(response.errorMessage?.contains(message) == true, "\(label)", sourceLocation: sourceLocation)
        }
    }
}
