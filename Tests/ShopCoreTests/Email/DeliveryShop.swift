import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// A storefront shop whose outbox the delivery worker sends, with delays short enough for tests,
/// plus the email-log and settings calls the delivery suites share.
struct DeliveryShop: Sendable {
    let shop: StorefrontShop
    var server: TestServer { shop.server }
    var slug: String { shop.slug }

    /// Retries after 0.2 s, 0.4 s, … up to 1 s; five attempts at most.
    static var fastDelivery: EmailDeliveryConfiguration {
        var configuration = EmailDeliveryConfiguration()
        configuration.initialDelay = 0.2
        configuration.maximumDelay = 1
        configuration.maximumAttempts = 5
        configuration.connectTimeout = 5
        configuration.commandTimeout = 10
        configuration.heloName = "shopadmin.test"
        return configuration
    }

    /// A server with a storefront shop named with Nordic letters; the worker is started unless
    /// `startWorker` is false (a test that sets up a crash first).
    static func with(
        startWorker: Bool = true, configuration: EmailDeliveryConfiguration = fastDelivery, _ body: (DeliveryShop) async throws -> Void
    ) async throws {
        try await StorefrontShop.with { shop in
            let renamed = try await shop.server.operatorRequest(
                "PATCH", "/operator/shops/\(shop.slug)", json: ["name": "Åkerö Ström & Söner"])
            try #require(renamed.status == 200, "\(renamed.text)")
            if startWorker { shop.server.app.emailDelivery.start(configuration) }
            try await body(DeliveryShop(shop: shop))
        }
    }

    /// Points the shop at an SMTP test server (no TLS, no AUTH unless given).
    func useRelay(_ smtp: SMTPTestServer, security: String = "none", extra: [String: Any] = [:]) async throws {
        var relay: [String: Any] = ["host": "127.0.0.1", "port": smtp.port, "security": security]
        for (key, value) in extra { relay[key] = value }
        let response = try await shop.api(
            "PUT", "/email-settings", json: ["fromAddress": "kauppa@akero.example", "fromName": "Åkerö Ström", "smtp": relay])
        try #require(response.status == 200, "email settings: \(response.text)")
    }

    /// The shop's email log as staff see it.
    func log(_ query: String = "") async throws -> [[String: Any]] {
        let response = try await shop.api("/email-log\(query)")
        try #require(response.status == 200, "\(response.text)")
        return try #require(response.jsonObject?["emails"] as? [[String: Any]])
    }

    /// One email of the log with its attempts.
    func email(_ id: Int) async throws -> [String: Any] {
        let response = try await shop.api("/email-log/\(id)")
        try #require(response.status == 200, "\(response.text)")
        return try #require(response.jsonObject?["email"] as? [String: Any])
    }

    /// The attempts of a logged email, oldest first.
    func attempts(_ logged: [String: Any]) async throws -> [[String: Any]] {
        let id = try #require(logged["id"] as? Int)
        return try #require(try await email(id)["attemptLog"] as? [[String: Any]])
    }

    /// Waits until the newest email to `address` has one of `statuses`; returns it.
    func waitForEmail(
        to address: String, status statuses: Set<String>, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String: Any]?
        while Date() < deadline {
            last = try await log().first { $0["to"] as? String == address }
            if let status = last?["status"] as? String, statuses.contains(status) { return last! }
            // A final status other than the one awaited will not change: fail at once.
            if let status = last?["status"] as? String, ["sent", "failed"].contains(status) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record(
            "the email to \(address) did not reach \(statuses.sorted()): \(String(describing: last))", sourceLocation: sourceLocation)
        throw TestClientError("timed out")
    }
}
