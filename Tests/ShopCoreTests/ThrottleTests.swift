import Foundation
import ShopAdminTesting
import Testing

@testable import ShopCore

/// Sign-in throttling: per shop + email and per client address, checked before the hash.
@Suite("Sign-in throttle")
struct ThrottleTests {
    static func signIn(_ server: TestServer, _ slug: String, _ email: String, _ password: String) async throws -> TestResponse {
        try await server.request("POST", "/shops/\(slug)/api/sessions", json: ["email": email, "password": password])
    }

    @Test func theSixthWrongPasswordIsRefusedWithRetryAfter() async throws {
        try await TestServer.with { server in
            try await server.provision("guard")
            let owner = try await server.signIn("guard")
            try await server.createStaff("guard", token: owner, email: "other@guard.example.com", role: "staff")
            let email = TestServer.ownerEmail("guard")
            for attempt in 1...5 {
                let response = try await ThrottleTests.signIn(server, "guard", email, "wrong-password-\(attempt)")
                #expect(response.status == 401, "attempt \(attempt)")
            }
            let sixth = try await ThrottleTests.signIn(server, "guard", email, "wrong-password-6")
            #expect(sixth.status == 429)
            #expect(sixth.errorCode == "too_many_attempts")
            let retryAfter = try #require(sixth.header("Retry-After").flatMap(Int.init))
            #expect(retryAfter > 0 && retryAfter <= 60)
            // Even the right password waits, and the email's case does not matter.
            let right = try await ThrottleTests.signIn(server, "guard", "  OWNER@guard.example.com", TestServer.ownerPassword)
            #expect(right.status == 429)
            #expect(right.jsonObject?["token"] == nil)
            // Another account from the same address is not locked, nor the same email in another shop.
            _ = try await server.signIn("guard", email: "other@guard.example.com", password: "member-password-1")
            try await server.provision("guard2")
            _ = try await server.signIn("guard2", email: TestServer.ownerEmail("guard2"))
            // An unknown email is throttled like a known one.
            for _ in 1...5 { _ = try await ThrottleTests.signIn(server, "guard", "ghost@guard.example.com", "whatever-1") }
            #expect(try await ThrottleTests.signIn(server, "guard", "ghost@guard.example.com", "whatever-1").status == 429)
        }
    }

    @Test func aSuccessfulSignInClearsTheEmailsCount() async throws {
        try await TestServer.with { server in
            try await server.provision("clears")
            let email = TestServer.ownerEmail("clears")
            for _ in 1...4 { #expect(try await ThrottleTests.signIn(server, "clears", email, "wrong-password").status == 401) }
            _ = try await server.signIn("clears")
            for _ in 1...4 { #expect(try await ThrottleTests.signIn(server, "clears", email, "wrong-password").status == 401) }
            _ = try await server.signIn("clears")
        }
    }

    @Test func oneAddressIsLockedAfterManyFailuresOverManyEmails() async throws {
        try await TestServer.with { server in
            try await server.provision("spray")
            let limit = SignInThrottle.Policy().addressFailures
            for index in 0..<limit {
                let response = try await ThrottleTests.signIn(server, "spray", "user\(index)@spray.example.com", "password-guess")
                #expect(response.status == 401)
            }
            let next = try await ThrottleTests.signIn(server, "spray", TestServer.ownerEmail("spray"), TestServer.ownerPassword)
            #expect(next.status == 429)
            #expect(next.header("Retry-After") != nil)
        }
    }

    @Test func locksGrowLongerAndExpire() throws {
        let throttle = SignInThrottle()
        var now = 1_000_000.0
        func fail() throws {
            let attempt = try throttle.begin(shop: "s", email: "e", address: "10.0.0.1:1234", now: now)
            throttle.finish(attempt, succeeded: false, now: now)
        }
        func waitSeconds() -> Int? {
            do {
                let attempt = try throttle.begin(shop: "s", email: "e", address: "10.0.0.1:999", now: now)
                throttle.finish(attempt, succeeded: nil, now: now)
                return nil
            } catch let error as HTTPError {
                return error.headers["Retry-After"].flatMap(Int.init)
            } catch {
                return -1
            }
        }
        for _ in 1...5 { try fail() }
        #expect(waitSeconds() == 60)
        now += 61
        #expect(waitSeconds() == nil)
        // Still within the window: the next failure locks again, twice as long.
        try fail()
        #expect(waitSeconds() == 120)
        now += 121
        try fail()
        #expect(waitSeconds() == 240)
        // A success forgets the account.
        now += 241
        let attempt = try throttle.begin(shop: "s", email: "e", address: "10.0.0.2:1", now: now)
        throttle.finish(attempt, succeeded: true, now: now)
        try fail()
        #expect(waitSeconds() == nil)
    }

    @Test func attemptsInFlightCountSoABurstCannotSlipPast() throws {
        let throttle = SignInThrottle()
        let now = 5_000.0
        // Four failures, then a burst: one more may be checked at a time.
        for _ in 1...4 {
            throttle.finish(try throttle.begin(shop: "s", email: "e", address: "a", now: now), succeeded: false, now: now)
        }
        let first = try throttle.begin(shop: "s", email: "e", address: "a", now: now)
        #expect(throws: HTTPError.self) { try throttle.begin(shop: "s", email: "e", address: "a", now: now) }
        throttle.finish(first, succeeded: nil, now: now)
        #expect(throws: Never.self) { throttle.finish(try throttle.begin(shop: "s", email: "e", address: "a", now: now), succeeded: nil) }
    }

    @Test func theMapsStayBounded() throws {
        var policy = SignInThrottle.Policy()
        policy.capacity = 100
        let throttle = SignInThrottle(policy: policy)
        for index in 0..<1000 {
            let attempt = try throttle.begin(
                shop: "s", email: "e\(index)", address: "10.0.\(index / 250).\(index % 250)", now: Double(index))
            throttle.finish(attempt, succeeded: false, now: Double(index))
        }
        #expect(throttle.counts.accounts <= 100)
        #expect(throttle.counts.addresses <= 100)
        #expect(SignInThrottle.host(of: "[::1]:8080") == "::1")
        #expect(SignInThrottle.host(of: "192.0.2.1:5000") == "192.0.2.1")
    }
}
