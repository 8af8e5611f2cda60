import B2BModule
import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Synchronization
import Testing

/// A clock the tests move forward, for approval links' seven days.
final class TestClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func advance(days: Double) { offset.withLock { $0 += days * 24 * 3600 } }
}

/// A shop with the b2b flag (stores `fi`, Finnish, and `se`, Swedish), signed in as its owner,
/// and the calls the B2B suites share: the staff API, the storefront, the outbox.
struct B2BShop: Sendable {
    let server: ModuleTestServer
    let slug: String
    let token: String
    let clock: TestClock

    static let password = "Sala-sana-4711"

    /// Starts a server with the module on a movable clock and provisions a b2b shop.
    static func with(slug: String = "b2bshop", flag: Bool = true, _ body: (B2BShop) async throws -> Void) async throws {
        let clock = TestClock()
        try await ModuleTestServer.with(modules: [B2BModule(now: { clock.now() })]) { server in
            try await body(try await make(server, slug: slug, clock: clock, flag: flag))
        }
    }

    /// Provisions a Start shop through the operator API, with the b2b flag unless `flag` is false.
    static func make(_ server: ModuleTestServer, slug: String, clock: TestClock, flag: Bool = true) async throws -> B2BShop {
        let response = try await server.operatorRequest(
            "POST", "/operator/shops",
            json: [
                "slug": slug, "name": "Kauppa \(slug)", "tier": "start", "flags": flag ? ["b2b"] : [],
                "stores": [
                    ["code": "fi", "name": "Website FI", "locale": "fi", "currency": "EUR", "country": "FI"],
                    ["code": "se", "name": "Website SE", "locale": "sv", "currency": "SEK", "country": "SE"],
                ],
                "ownerEmail": ModuleTestServer.ownerEmail(slug), "ownerPassword": ModuleTestServer.ownerPassword,
            ])
        try #require(response.status == 201, "provisioning \(slug): \(response.text)")
        return B2BShop(server: server, slug: slug, token: try await server.signIn(slug), clock: clock)
    }

    /// A request under `/shops/{slug}/api`, as the owner unless `token` says otherwise.
    func api(_ method: String = "GET", _ path: String, json: [String: Any]? = nil, token: String? = nil) async throws -> TestResponse {
        try await server.request(method, "/shops/\(slug)/api\(path)", token: token ?? self.token, json: json)
    }

    /// A request under `/shops/{slug}/storefront/{store}`, without a token unless given.
    func storefront(_ method: String = "GET", _ path: String, store: String = "fi", json: [String: Any]? = nil, token: String? = nil)
        async throws -> TestResponse
    {
        try await server.request(method, "/shops/\(slug)/storefront/\(store)\(path)", token: token, json: json)
    }

    /// A request with raw headers and body, for the browser's form post and `Accept: text/html`.
    func raw(_ method: String, _ path: String, headers: [(String, String)] = [], body: String = "") async throws -> TestResponse {
        try await TestHTTPClient.request(port: server.port, method: method, path: path, headers: headers, body: Array(body.utf8))
    }

    /// A valid application; `changes` replace members (NSNull removes one).
    static func application(_ changes: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "companyName": "Lapin Puu Oy", "businessId": "2345678-0", "vatNumber": "FI 2345 6780", "website": "lapinpuu.example.fi",
            "firstName": "Kaisa", "lastName": "Niemi", "email": "kaisa@lapinpuu.example.fi", "phone": "040 123 4567",
            "message": "We build log cabins.",
        ]
        for (key, value) in changes { body[key] = value is NSNull ? nil : value }
        return body
    }

    /// Submits an application on the storefront, expecting 201: its id.
    func apply(
        _ changes: [String: Any] = [:], store: String = "fi", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Int {
        let response = try await storefront("POST", "/b2b/applications", store: store, json: B2BShop.application(changes))
        try #require(response.status == 201, "apply: \(response.text)", sourceLocation: sourceLocation)
        let application = try #require(response.jsonObject?["application"] as? [String: Any], sourceLocation: sourceLocation)
        return try #require(application["id"] as? Int, sourceLocation: sourceLocation)
    }

    /// One row of the outbox.
    struct Email: Sendable {
        let id: Int64
        let customerID: Int64?
        let to: String
        let locale: String
        let template: String
        let subject: String
        let text: String
        let html: String
    }

    /// The outbox, oldest first, optionally of one template.
    func outbox(_ template: String? = nil) async throws -> [Email] {
        try await server.withShopDatabase(slug) { db in
            try db.query(
                "SELECT id, customer_id, to_address, locale, template, subject, text_body, html_body FROM email_outbox ORDER BY id"
            ).map { row in
                Email(
                    id: try row.get("id"), customerID: try row.get("customer_id", as: Int64?.self), to: try row.get("to_address"),
                    locale: try row.get("locale"), template: try row.get("template"), subject: try row.get("subject"),
                    text: try row.get("text_body"), html: try row.get("html_body"))
            }
        }.filter { template == nil || $0.template == template }
    }

    /// The path (with query) of the first link in `text` that contains `marker`, without the
    /// scheme and host, ready to request on the test server.
    static func linkPath(in text: String, containing marker: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        let url = try #require(
            words.first { $0.hasPrefix("http") && $0.contains(marker) }, "no \(marker) link in: \(text)", sourceLocation: sourceLocation)
        let afterScheme = try #require(url.range(of: "://"), sourceLocation: sourceLocation)
        let path = url[afterScheme.upperBound...].drop { $0 != "/" }
        return String(path)
    }

    /// The token query value of a link path.
    static func token(of path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let range = try #require(path.range(of: "token="), sourceLocation: sourceLocation)
        return String(path[range.upperBound...])
    }

    /// The approval link path in the merchant's notification for the company.
    func approvalLink(companyName: String = "Lapin Puu Oy", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let notification = try #require(
            try await outbox("b2b-application-notification").last { $0.text.contains(companyName) }, sourceLocation: sourceLocation)
        return try B2BShop.linkPath(in: notification.text, containing: "/b2b/approval?token=", sourceLocation: sourceLocation)
    }

    /// The audit actions of one entity, oldest first.
    func auditActions(entity: String, id: Int) async throws -> [String] {
        let response = try await api("GET", "/audit?limit=500&entity=\(entity)&entityId=\(id)")
        let entries = try #require(response.jsonObject?["entries"] as? [[String: Any]], "\(response.text)")
        return entries.compactMap { $0["action"] as? String }.reversed()
    }

    /// Creates a company, expecting 201: the company object.
    func createCompany(_ body: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await api("POST", "/companies", json: body)
        try #require(response.status == 201, "create company: \(response.text)", sourceLocation: sourceLocation)
        return try #require(response.jsonObject?["company"] as? [String: Any], sourceLocation: sourceLocation)
    }

    /// A new customer's id.
    func customer(_ lastName: String, email: String? = nil, extra: [String: Any] = [:]) async throws -> Int {
        var body: [String: Any] = ["firstName": "Anna", "lastName": lastName, "email": email ?? "\(lastName.lowercased())@example.fi"]
        for (key, value) in extra { body[key] = value }
        let response = try await api("POST", "/customers", json: body)
        try #require(response.status == 201, "create customer: \(response.text)")
        return try #require((response.jsonObject?["customer"] as? [String: Any])?["id"] as? Int)
    }
}
