import Foundation
import ShopAdminTesting
import Testing

@testable import ShopCore

/// Remembered staff sessions never outlive a change made through the API.
@Suite("Staff session cache")
struct StaffSessionCacheTests {
    @Test func writesThatCanChangeSessionsNameTheirShop() {
        #expect(StaffSessionCacheInvalidation.affectedShop("/shops/acme/api/staff/3") == "acme")
        #expect(StaffSessionCacheInvalidation.affectedShop("/shops/acme/api/sessions/current") == "acme")
        #expect(StaffSessionCacheInvalidation.affectedShop("/shops/acme/api/api-tokens/9") == "acme")
        #expect(StaffSessionCacheInvalidation.affectedShop("/shops/acme/api/set-password") == "acme")
        #expect(StaffSessionCacheInvalidation.affectedShop("/operator/shops/acme/support-sessions/1") == "acme")
        #expect(StaffSessionCacheInvalidation.affectedShop("/shops/acme/api/customers/3") == nil)
        #expect(StaffSessionCacheInvalidation.affectedShop("/health") == nil)
    }

    @Test func aSessionUsedAMomentAgoStillEndsAtOnceOnSignOutAndOnDisabling() async throws {
        try await TestServer.with { server in
            try await server.provision("cache-shop")
            let token = try await server.signIn("cache-shop")
            // Used twice: the second answer may come from the cache.
            #expect(try await server.request("/shops/cache-shop/api/me", token: token).status == 200)
            #expect(try await server.request("/shops/cache-shop/api/me", token: token).status == 200)
            #expect(try await server.request("DELETE", "/shops/cache-shop/api/sessions/current", token: token).status == 204)
            #expect(try await server.request("/shops/cache-shop/api/me", token: token).status == 401)

            // A second member, disabled by the owner through the API, is out on the next request.
            let owner = try await server.signIn("cache-shop")
            let created = try await server.request(
                "POST", "/shops/cache-shop/api/staff", token: owner,
                json: ["email": "clerk@cache-shop.example.com", "name": "Clerk", "role": "staff", "password": "clerk-password-1"])
            #expect(created.status == 201, "\(created.text)")
            let clerkID = try #require((created.jsonObject?["staff"] as? [String: Any])?["id"] as? Int)
            let clerk = try await server.signIn("cache-shop", email: "clerk@cache-shop.example.com", password: "clerk-password-1")
            #expect(try await server.request("/shops/cache-shop/api/me", token: clerk).status == 200)
            let disabled = try await server.request(
                "PATCH", "/shops/cache-shop/api/staff/\(clerkID)", token: owner, json: ["enabled": false])
            #expect(disabled.status == 200, "\(disabled.text)")
            #expect(try await server.request("/shops/cache-shop/api/me", token: clerk).status == 401)
        }
    }
}
