import AccountBalanceModule
import AdminWeb
import CreditLimitModule
import Foundation
import HTTPServer
import ShopAdminTesting
import ShopCore
import Testing

/// A running ShopAdmin on loopback with the browser admin mounted and two modules (the credit
/// limit of Platinum, the account-balance add-on), so pages differ by plan.
final class AdminTestServer: Sendable {
    let app: ShopAdminApplication
    let server: HTTPServer

    static let ownerPassword = "owner-password-1"
    static func ownerEmail(_ slug: String) -> String { "owner@\(slug).example.com" }

    private init(app: ShopAdminApplication, server: HTTPServer) {
        self.app = app
        self.server = server
    }

    var port: Int { server.port }

    /// - Parameter modules: the modules the server has (the settings screens' tests add b2b and tags).
    static func with(
        modules: [any FeatureModule] = [CreditLimitModule(), AccountBalanceModule()], _ body: (AdminTestServer) async throws -> Void
    ) async throws {
        var configuration = ShopAdminConfiguration(dataDirectory: freeTemporaryDirectory(prefix: "shopadmin-web"))
        configuration.passwordAlgorithm = .pbkdf2SHA256(iterations: 1000)
        configuration.log = LogSink.disabled
        configuration.http.host = "127.0.0.1"
        configuration.http.port = 0
        let app = try ShopAdminApplication(
            configuration: configuration, modules: modules, matrix: .standard,
            mounts: [AdminWeb()])
        let server = HTTPServer(configuration: configuration.http, responder: app.makeResponder())
        try server.start()
        let running = AdminTestServer(app: app, server: server)
        do {
            try await body(running)
        } catch {
            await running.stop()
            throw error
        }
        await running.stop()
    }

    func stop() async {
        await server.shutdown(gracePeriod: 5)
        await app.shutdown()
    }

    /// Provisions a shop with its owner.
    func provision(_ slug: String, tier: Tier = .platinum) async throws {
        _ = try await app.service.provision(
            ProvisioningRequest(
                slug: slug, name: "Shop \(slug)", tier: tier.rawValue, addOns: [], ownerEmail: AdminTestServer.ownerEmail(slug),
                ownerPassword: AdminTestServer.ownerPassword),
            actor: "test")
    }

    /// One request on its own connection.
    func request(
        _ method: String = "GET", _ path: String, headers: [(String, String)] = [], form: [(String, String)]? = nil,
        json: [String: Any]? = nil
    ) async throws -> TestResponse {
        var headers = headers
        var body: [UInt8] = []
        if let form {
            body = Array(AdminTestServer.encode(form).utf8)
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        }
        if let json {
            body = Array(try JSONSerialization.data(withJSONObject: json))
            headers.append(("Content-Type", "application/json"))
        }
        return try await TestHTTPClient.request(port: port, method: method, path: path, headers: headers, body: body)
    }

    static func encode(_ form: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return form.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}

/// A browser for one shop's admin: keeps the cookies the server sets and reads the CSRF token
/// from the last page's forms.
actor AdminBrowser {
    let server: AdminTestServer
    let slug: String
    private(set) var cookies: [String: String] = [:]
    private(set) var lastPage = ""

    init(server: AdminTestServer, slug: String) {
        self.server = server
        self.slug = slug
    }

    var base: String { "/shops/\(slug)/admin" }

    /// The `csrf` value of the last page's first form.
    var csrf: String? { AdminBrowser.field("csrf", in: lastPage) }

    static func field(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = page[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    func get(_ path: String) async throws -> TestResponse {
        let response = try await server.request("GET", path, headers: cookieHeader())
        keep(response)
        return response
    }

    func post(_ path: String, _ form: [(String, String)]) async throws -> TestResponse {
        let response = try await server.request("POST", path, headers: cookieHeader(), form: form)
        keep(response)
        return response
    }

    /// Signs in through the form; the response of the POST.
    func signIn(password: String = AdminTestServer.ownerPassword) async throws -> TestResponse {
        _ = try await get("\(base)/sign-in")
        let token = try #require(csrf)
        return try await post("\(base)/sign-in", [("csrf", token), ("email", AdminTestServer.ownerEmail(slug)), ("password", password)])
    }

    private func cookieHeader() -> [(String, String)] {
        cookies.isEmpty ? [] : [("Cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))]
    }

    private func keep(_ response: TestResponse) {
        lastPage = response.text
        for header in response.headerValues("Set-Cookie") {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }
}
