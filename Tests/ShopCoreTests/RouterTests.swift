import HTTPServer
import ShopCore
import Testing

/// The router on its own, in process: which route a method and path find, and with what parameters.
@Suite("Router")
struct RouterTests {
    /// A router over a small route table; each handler answers with nothing (only matching is tested).
    static func make(_ routes: [(HTTPMethod, String)]) -> Router {
        let builder = RouterBuilder()
        let group = builder.group()
        for (method, pattern) in routes {
            group.on(method, pattern) { _, _ in HTTPResponse(status: .ok) }
        }
        return builder.build()
    }

    /// The pattern and parameters found, or nil when the match is not `.found`.
    static func found(_ router: Router, _ method: HTTPMethod, _ path: String) -> (String, [String: String])? {
        guard case .found(let route, let parameters) = router.match(method, path) else { return nil }
        return (route.pattern, parameters)
    }

    @Test func literalSegmentBeatsParameter() throws {
        let router = Self.make([(.get, "/shops/{slug}"), (.get, "/shops/new")])
        let literal = try #require(Self.found(router, .get, "/shops/new"))
        #expect(literal.0 == "/shops/new")
        #expect(literal.1.isEmpty)
        let parameter = try #require(Self.found(router, .get, "/shops/acme"))
        #expect(parameter.0 == "/shops/{slug}")
        #expect(parameter.1 == ["slug": "acme"])
    }

    @Test func deadEndUnderLiteralFallsBackToParameter() throws {
        let router = Self.make([(.get, "/shops/new"), (.get, "/shops/{slug}/stores")])
        let match = try #require(Self.found(router, .get, "/shops/new/stores"))
        #expect(match.0 == "/shops/{slug}/stores")
        #expect(match.1 == ["slug": "new"])
    }

    @Test func parametersArePercentDecoded() throws {
        let router = Self.make([(.get, "/shops/{shop}/items/{id}")])
        let match = try #require(Self.found(router, .get, "/shops/caf%C3%A9/items/a%2Fb%20c"))
        #expect(match.1 == ["shop": "café", "id": "a/b c"])
        // An encoded slash stays inside its segment: it never splits the path.
        #expect(Self.found(router, .get, "/shops/x%2Fitems/items/1")?.1["shop"] == "x/items")
        // A malformed escape keeps the raw text, which then finds nothing.
        #expect(Self.found(router, .get, "/shops/bad%zz/items/1")?.1["shop"] == "bad%zz")
    }

    @Test func unknownPathIsNotFound() {
        let router = Self.make([(.get, "/shops/{slug}/stores")])
        guard case .notFound = router.match(.get, "/shops/acme/groups") else {
            Issue.record("expected notFound")
            return
        }
        // A prefix of a route is not a route.
        guard case .notFound = router.match(.get, "/shops/acme") else {
            Issue.record("expected notFound for a prefix")
            return
        }
    }

    @Test func knownPathWithOtherMethodListsTheAllowedOnes() {
        let router = Self.make([(.get, "/groups"), (.post, "/groups"), (.delete, "/groups/{id}")])
        guard case .methodNotAllowed(let allowed) = router.match(.put, "/groups") else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(allowed.map(\.rawValue) == ["GET", "HEAD", "POST"])
        guard case .methodNotAllowed(let onlyDelete) = router.match(.get, "/groups/7") else {
            Issue.record("expected methodNotAllowed")
            return
        }
        // No GET there, so no HEAD either.
        #expect(onlyDelete.map(\.rawValue) == ["DELETE"])
    }

    @Test func headIsAnsweredByTheGetRoute() throws {
        let router = Self.make([(.get, "/stores")])
        let match = try #require(Self.found(router, .head, "/stores"))
        #expect(match.0 == "/stores")
        #expect(Self.found(router, .head, "/nothing") == nil)
    }

    @Test func trailingAndRepeatedSlashesFindTheSameRoute() throws {
        let router = Self.make([(.get, "/shops/{slug}/stores")])
        #expect(try #require(Self.found(router, .get, "/shops/acme/stores/")).1 == ["slug": "acme"])
        #expect(try #require(Self.found(router, .get, "//shops//acme/stores")).1 == ["slug": "acme"])
        // But an empty segment is never a parameter value.
        #expect(Self.found(router, .get, "/shops//stores") == nil)
    }

    @Test func everyRouteIsListed() {
        let router = Self.make([(.get, "/a"), (.post, "/a"), (.get, "/b/{x}")])
        #expect(router.routes.map { "\($0.method.rawValue) \($0.pattern)" }.sorted() == ["GET /a", "GET /b/{x}", "POST /a"])
    }

    // Registering one method and pattern twice is a `precondition` failure at start-up
    // (RouterBuilder.add): a build mistake that must crash, so it is not tested here.

    @Test func applicationRoutesCarryTheirModule() async throws {
        try await TestServer.with { server in
            guard case .found(let route, let parameters) = server.app.router.match(.post, "/shops/acme/api/notes") else {
                Issue.record("notes route not found")
                return
            }
            #expect(route.module == "notes")
            #expect(parameters == ["shop": "acme"])
            guard case .found(let core, _) = server.app.router.match(.get, "/shops/acme/api/stores") else {
                Issue.record("stores route not found")
                return
            }
            #expect(core.module == nil)
        }
    }
}
