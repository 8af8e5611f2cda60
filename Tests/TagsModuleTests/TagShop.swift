import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import TagsModule
import Testing

/// A Pro shop with the tags module, signed in as its owner, and the tag calls the suites share.
struct TagShop: Sendable {
    let server: ModuleTestServer
    let slug: String
    let token: String

    /// Starts a server with the tags module, provisions a Pro shop and runs `body`.
    static func with(slug: String = "tagshop", _ body: (TagShop) async throws -> Void) async throws {
        try await ModuleTestServer.with(modules: [TagsModule()]) { server in
            let token = try await server.provision(slug, tier: .pro)
            try await body(TagShop(server: server, slug: slug, token: token))
        }
    }

    /// A request under `/shops/{slug}/api`, as the owner unless `token` says otherwise.
    func api(_ method: String = "GET", _ path: String, json: [String: Any]? = nil, token: String? = nil) async throws -> TestResponse {
        try await server.request(method, "/shops/\(slug)/api\(path)", token: token ?? self.token, json: json)
    }

    /// Creates customers with these last names (emails from the names); their ids in order.
    func customers(_ lastNames: [String]) async throws -> [Int] {
        var ids: [Int] = []
        for name in lastNames {
            let email = name.lowercased().filter { $0.isASCII && $0.isLetter } + "\(ids.count)@example.fi"
            ids.append(try await server.createCustomer(slug, token: token, lastName: name, email: email))
        }
        return ids
    }

    /// Replaces a customer's tags, expecting 200.
    func setTags(_ customer: Int, _ names: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let response = try await api("PUT", "/customers/\(customer)/tags", json: ["tags": names])
        try #require(response.status == 200, "PUT tags: \(response.text)", sourceLocation: sourceLocation)
    }

    /// A customer's tag names.
    func tagNames(_ customer: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let response = try await api("GET", "/customers/\(customer)/tags")
        try #require(response.status == 200, "GET tags: \(response.text)", sourceLocation: sourceLocation)
        let tags = try #require(response.jsonObject?["tags"] as? [[String: Any]], sourceLocation: sourceLocation)
        return tags.compactMap { $0["name"] as? String }
    }

    /// `POST /tags/assign`, expecting 200: the changed count.
    func assign(_ body: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let response = try await api("POST", "/tags/assign", json: body)
        try #require(response.status == 200, "assign: \(response.text)", sourceLocation: sourceLocation)
        return try #require(response.jsonObject?["changed"] as? Int, sourceLocation: sourceLocation)
    }

    /// Ids of `GET /customers` with `query`, sorted, and the total it reports.
    func listed(_ query: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (ids: [Int], total: Int) {
        let response = try await api("GET", "/customers?limit=500&\(query)")
        try #require(response.status == 200, "list \(query): \(response.text)", sourceLocation: sourceLocation)
        let customers = try #require(response.jsonObject?["customers"] as? [[String: Any]], sourceLocation: sourceLocation)
        let total = try #require(response.jsonObject?["total"] as? Int, sourceLocation: sourceLocation)
        return (customers.compactMap { $0["id"] as? Int }.sorted(), total)
    }

    /// The shop's tags by name: name to customer count.
    func counts(sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Int] {
        let response = try await api("GET", "/tags")
        try #require(response.status == 200, "GET /tags: \(response.text)", sourceLocation: sourceLocation)
        let tags = try #require(response.jsonObject?["tags"] as? [[String: Any]], sourceLocation: sourceLocation)
        var counts: [String: Int] = [:]
        for tag in tags { counts[tag["name"] as? String ?? ""] = tag["customers"] as? Int }
        return counts
    }
}
