import Foundation
import ShopAdminTesting
import ShopCore
import Synchronization
import Testing

/// Thousands of shops on one host with a small pool: every request is answered and the
/// pool never holds more databases open than it may.
@Suite("Scale")
struct ScaleTests {
    static let shopCount = 2000
    static let poolCapacity = 64

    static func slug(_ index: Int) -> String { "shop-\(String(index, radix: 10))" }

    /// Runs `body` for 0..<count with at most `width` at a time.
    static func forEach(_ count: Int, width: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            while next < min(width, count) {
                let index = next
                group.addTask { try await body(index) }
                next += 1
            }
            while try await group.next() != nil {
                if next < count {
                    let index = next
                    group.addTask { try await body(index) }
                    next += 1
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func twoThousandShopsThroughAPoolOf64() async throws {
        raiseOpenFileLimit(to: 4096)
        try await TestServer.with(poolCapacity: Self.poolCapacity) { server in
            let clock = ContinuousClock()
            let started = clock.now
            try await Self.forEach(Self.shopCount, width: 4) { index in
                try await server.provisionDirectly(Self.slug(index))
            }
            let provisioned = clock.now
            #expect(server.service.registry.count == Self.shopCount)

            // Every shop over HTTP: sign in, then read its stores, on a few keep-alive connections.
            let tokens = TokenBox()
            let failures = FailureBox()
            let port = server.port
            try await Self.forEach(8, width: 8) { worker in
                let client = try await TestHTTPClient.connect(port: port)
                defer { client.close() }
                for index in stride(from: worker, to: Self.shopCount, by: 8) {
                    let slug = Self.slug(index)
                    let body = #"{"email":"\#(TestServer.ownerEmail(slug))","password":"\#(TestServer.ownerPassword)"}"#
                    let signIn = try await client.request(
                        method: "POST", path: "/shops/\(slug)/api/sessions", headers: [("Content-Type", "application/json")],
                        body: Array(body.utf8))
                    guard signIn.status == 201, let token = signIn.jsonObject?["token"] as? String else {
                        failures.add("sign-in \(slug): \(signIn.status) \(signIn.text)")
                        continue
                    }
                    tokens.set(index, token)
                    let stores = try await client.request(
                        path: "/shops/\(slug)/api/stores", headers: [("Authorization", "Bearer \(token)")])
                    let code = (stores.jsonObject?["stores"] as? [[String: Any]])?.first?["code"] as? String
                    if stores.status != 200 || code != "default" {
                        failures.add("stores \(slug): \(stores.status) \(stores.text)")
                    }
                }
            }
            let queried = clock.now
            #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")
            let openAfterPass = server.service.pool.openDatabases
            #expect(openAfterPass <= Self.poolCapacity)
            #expect(openAfterPass > 0)

            // 200 requests at once, each on its own connection, spread over 300 shops.
            try await Self.forEach(200, width: 200) { index in
                let shop = (index * 151) % 300 * 6  // 200 distinct shops of 300 (every sixth)
                let slug = Self.slug(shop)
                guard let token = tokens.get(shop) else { return failures.add("no token for \(slug)") }
                let response = try await TestHTTPClient.request(
                    port: port, path: "/shops/\(slug)/api/groups", headers: [("Authorization", "Bearer \(token)")])
                if response.status != 200 || !response.text.contains("Wholesale") {
                    failures.add("concurrent \(slug): \(response.status) \(response.text)")
                }
            }
            #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")
            let openAfterBurst = server.service.pool.openDatabases
            #expect(openAfterBurst <= Self.poolCapacity)
            print(
                "scale: provisioned \(Self.shopCount) in \(provisioned - started), queried in \(queried - provisioned), concurrent in \(clock.now - queried)"
            )
        }
    }
}

/// Session tokens by shop index, filled by concurrent workers.
final class TokenBox: Sendable {
    private let tokens = Mutex<[Int: String]>([:])
    func set(_ index: Int, _ token: String) { tokens.withLock { $0[index] = token } }
    func get(_ index: Int) -> String? { tokens.withLock { $0[index] } }
}

/// Failure descriptions collected from concurrent workers, reported once at the end.
final class FailureBox: Sendable {
    private let items = Mutex<[String]>([])
    func add(_ text: String) { items.withLock { $0.append(text) } }
    var all: [String] { items.withLock { $0 } }
}
