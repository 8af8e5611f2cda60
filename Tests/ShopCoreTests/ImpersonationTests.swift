import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// "Sign in as the customer" (staff impersonation) and customer sign-in throttling, over loopback.
@Suite struct ImpersonationTests {
    /// Starts an impersonation as `token` (the owner by default); the response, unchecked.
    func start(_ shop: StorefrontShop, _ customerID: Int64, token: String? = nil) async throws -> TestResponse {
        try await shop.server.request(
            "POST", "/shops/\(shop.slug)/api/customers/\(customerID)/impersonate", token: token ?? shop.staffToken)
    }

    /// Starts and redeems an impersonation, expecting both to work; the customer session token.
    func impersonate(
        _ shop: StorefrontShop, _ customerID: Int64, token: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let started = try await start(shop, customerID, token: token)
        try #require(started.status == 201, "start: \(started.text)", sourceLocation: sourceLocation)
        let oneTime = try #require(started.jsonObject?["token"] as? String, sourceLocation: sourceLocation)
        let redeemed = try await shop.storefront("POST", "/impersonation", json: ["token": oneTime])
        try #require(redeemed.status == 201, "redeem: \(redeemed.text)", sourceLocation: sourceLocation)
        return try #require(redeemed.jsonObject?["token"] as? String, sourceLocation: sourceLocation)
    }

    /// A registered customer who allowed remote assistance; their id.
    func consentingCustomer(_ shop: StorefrontShop, _ email: String) async throws -> Int64 {
        _ = try await shop.registerSignedIn(email, extra: ["remoteAssistanceAllowed": true])
        return try await shop.customerID(email)
    }

    @Test func staffSignsInAsTheCustomerAndTheirActionsAreAuditedAsSuch() async throws {
        try await StorefrontShop.with { shop in
            let id = try await consentingCustomer(shop, "aino@example.com")
            let session = try await impersonate(shop, id)
            let account = try await shop.storefront("/account", token: session)
            #expect(account.status == 200, "\(account.text)")
            #expect((account.jsonObject?["account"] as? [String: Any])?["email"] as? String == "aino@example.com")

            let patched = try await shop.storefront("PATCH", "/account", token: session, json: ["firstName": "Helped"])
            #expect(patched.status == 200, "\(patched.text)")
            let entries = try await shop.server.auditEntries(shop.slug)
            let update = try #require(entries.first { ($0["action"] as? String) == "customer.updated" })
            #expect(update.actorKind == "impersonation")
            #expect(update.actorLabel == "\(TestServer.ownerEmail(shop.slug)) as customer \(id)")
            #expect(entries.contains { ($0["action"] as? String) == "customer.impersonation_started" })

            // Storefront sign-out ends it.
            #expect(try await shop.storefront("DELETE", "/sessions/current", token: session).status == 204)
            #expect(try await shop.storefront("/account", token: session).status == 401)

            // So does the staff's DELETE.
            let second = try await impersonate(shop, id)
            let ended = try await shop.api("DELETE", "/customers/\(id)/impersonate")
            #expect(ended.status == 204, "\(ended.text)")
            #expect(try await shop.storefront("/account", token: second).status == 401)
        }
    }

    @Test func theCustomersConsentIsRequiredAndOnlyTheConsentPermissionChangesItForThem() async throws {
        try await StorefrontShop.with { shop in
            let customerSession = try await shop.registerSignedIn("eero@example.com")
            let id = try await shop.customerID("eero@example.com")
            let refused = try await start(shop, id)
            #expect(refused.status == 403)
            #expect(refused.errorCode == "assistance_consent_required")

            // A staff member without customers.assistance_consent may not set it for them.
            let member = try await shop.server.member(shop.slug, role: "staff")
            let denied = try await shop.server.request(
                "PATCH", "/shops/\(shop.slug)/api/customers/\(id)", token: member.token, json: ["remoteAssistanceAllowed": true])
            #expect(denied.status == 403, "\(denied.text)")
            #expect(denied.errorCode == "permission_denied")
            #expect(denied.errorMessage?.contains("customers.assistance_consent") == true)
            #expect(try await start(shop, id).status == 403)

            // The customer allows it themselves.
            let allowed = try await shop.storefront(
                "PATCH", "/account", token: customerSession, json: ["remoteAssistanceAllowed": true])
            #expect(allowed.status == 200, "\(allowed.text)")
            #expect((allowed.jsonObject?["account"] as? [String: Any])?["remoteAssistanceAllowed"] as? Bool == true)
            let session = try await impersonate(shop, id)
            // Inside the impersonation, the consent is not the staff's to change.
            let selfConsent = try await shop.storefront("PATCH", "/account", token: session, json: ["remoteAssistanceAllowed": false])
            #expect(selfConsent.status == 403)
            #expect(selfConsent.errorCode == "not_while_impersonating")

            // The owner (who has customers.assistance_consent) may withdraw it; then no new impersonation.
            let withdrawn = try await shop.api("PATCH", "/customers/\(id)", json: ["remoteAssistanceAllowed": false])
            #expect(withdrawn.status == 200, "\(withdrawn.text)")
            #expect(try await start(shop, id).status == 403)

            // Where the shop does not ask for consent, none is needed.
            try await shop.settings(["remoteAssistanceRequiresConsent": false])
            #expect(try await start(shop, id).status == 201)
        }
    }

    @Test func withoutTheImpersonatePermissionTheStaffAreRefused() async throws {
        try await StorefrontShop.with { shop in
            let id = try await consentingCustomer(shop, "ville@example.com")
            let member = try await shop.server.member(shop.slug, role: "staff")
            let refused = try await start(shop, id, token: member.token)
            #expect(refused.status == 403)
            #expect(refused.errorCode == "permission_denied")
            let ending = try await shop.server.request(
                "DELETE", "/shops/\(shop.slug)/api/customers/\(id)/impersonate", token: member.token)
            #expect(ending.status == 403)
            #expect(try await shop.server.request("GET", "/shops/\(shop.slug)/api/customers/\(id)/impersonate").status == 405)
        }
    }

    @Test func aBlockedCustomerCannotBeImpersonated() async throws {
        try await StorefrontShop.with { shop in
            let id = try await consentingCustomer(shop, "blocked@example.com")
            let session = try await impersonate(shop, id)
            let blocked = try await shop.api("POST", "/customers/\(id)/block", json: ["reason": "Unpaid invoices"])
            #expect(blocked.status == 200, "\(blocked.text)")
            // The running impersonation stops at once, and no new one starts.
            #expect(try await shop.storefront("/account", token: session).status == 403)
            let refused = try await start(shop, id)
            #expect(refused.status == 403)
            #expect(refused.errorCode == "account_blocked")
        }
    }

    @Test func aTokenWorksOnceAndNotAfterItExpires() async throws {
        try await StorefrontShop.with { shop in
            let id = try await consentingCustomer(shop, "once@example.com")
            let started = try await start(shop, id)
            let token = try #require(started.jsonObject?["token"] as? String)
            #expect(try await shop.storefront("POST", "/impersonation", json: ["token": token]).status == 201)
            let again = try await shop.storefront("POST", "/impersonation", json: ["token": token])
            #expect(again.status == 410)
            #expect(again.errorCode == "token_used")
            let unknown = try await shop.storefront("POST", "/impersonation", json: ["token": "sa_it_nothing"])
            #expect(unknown.status == 400)

            let later = try #require(try await start(shop, id).jsonObject?["token"] as? String)
            try await shop.server.withShopDatabase(shop.slug) { db in
                try db.execute("UPDATE impersonation_token SET expires_at = '2000-01-01T00:00:00.000Z' WHERE consumed_at IS NULL")
            }
            let expired = try await shop.storefront("POST", "/impersonation", json: ["token": later])
            #expect(expired.status == 410)
            #expect(expired.errorCode == "token_expired")
        }
    }

    @Test func aSecondImpersonationEndsTheFirst() async throws {
        try await StorefrontShop.with { shop in
            let first = try await consentingCustomer(shop, "first@example.com")
            let second = try await consentingCustomer(shop, "second@example.com")
            let firstSession = try await impersonate(shop, first)
            #expect(try await shop.storefront("/account", token: firstSession).status == 200)
            let secondSession = try await impersonate(shop, second)
            #expect(try await shop.storefront("/account", token: firstSession).status == 401)
            #expect(try await shop.storefront("/account", token: secondSession).status == 200)
        }
    }

    @Test func noPasswordChangeInsideAnImpersonation() async throws {
        try await StorefrontShop.with { shop in
            let id = try await consentingCustomer(shop, "pw@example.com")
            let session = try await impersonate(shop, id)
            let refused = try await shop.storefront(
                "POST", "/account/password", token: session,
                json: ["currentPassword": StorefrontShop.password, "newPassword": "Another-pass-123"])
            #expect(refused.status == 403)
            #expect(refused.errorCode == "not_while_impersonating")
            // The customer's own password still works.
            #expect(try await shop.signIn("pw@example.com").status == 201)
        }
    }

    @Test func theSixthWrongCustomerPasswordIsThrottled() async throws {
        try await StorefrontShop.with { shop in
            _ = try await shop.registerSignedIn("guess@example.com")
            for attempt in 1...5 {
                let wrong = try await shop.signIn("guess@example.com", password: "wrong-\(attempt)")
                #expect(wrong.status == 401, "attempt \(attempt): \(wrong.text)")
            }
            let sixth = try await shop.signIn("guess@example.com", password: "wrong-6")
            #expect(sixth.status == 429)
            #expect(sixth.header("Retry-After") != nil)
            // Locked means locked, even with the right password.
            #expect(try await shop.signIn("guess@example.com").status == 429)
        }
    }
}
