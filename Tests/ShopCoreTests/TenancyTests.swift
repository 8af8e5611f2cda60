import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// One shop never reaches another's data, and no slug can name a path outside the data directory.
@Suite("Tenancy")
struct TenancyTests {
    /// Slugs that must never become a shop or a path (JSON form, URL form).
    static let badSlugs: [(json: String, url: String)] = [
        ("../x", "..%2Fx"), ("A", "A"), ("a/b", "a%2Fb"), ("", ""), ("é", "%C3%A9"), ("shöp", "sh%C3%B6p"),
        (String(repeating: "a", count: 300), String(repeating: "a", count: 300)), ("-ab", "-ab"), ("a", "a"),
        ("..", "%2E%2E"), ("a b", "a%20b"), (".trash", ".trash"), (String(repeating: "b", count: 41), String(repeating: "b", count: 41)),
    ]

    static func names(_ response: TestResponse, _ key: String, field: String) -> [String] {
        (response.jsonObject?[key] as? [[String: Any]])?.compactMap { $0[field] as? String } ?? []
    }

    @Test func shopsNeverSeeEachOthersData() async throws {
        try await TestServer.with { server in
            try await server.provision("alpha", tier: "pro")
            try await server.provision("beta", tier: "pro")
            let alpha = try await server.signIn("alpha")
            let beta = try await server.signIn("beta")
            for (slug, token) in [("alpha", alpha), ("beta", beta)] {
                let group = try await server.request(
                    "POST", "/shops/\(slug)/api/groups", token: token, json: ["name": "Group of \(slug)"])
                #expect(group.status == 201, "\(group.text)")
                let note = try await server.request("POST", "/shops/\(slug)/api/notes", token: token, json: ["text": "note of \(slug)"])
                #expect(note.status == 201, "\(note.text)")
            }

            // A token of one shop is nobody on the other, on every route.
            for path in ["/me", "/stores", "/groups", "/features", "/audit", "/notes"] {
                let response = try await server.request("/shops/beta/api\(path)", token: alpha)
                #expect(response.status == 401, "alpha's token on beta\(path): \(response.status)")
            }
            let write = try await server.request("POST", "/shops/beta/api/groups", token: alpha, json: ["name": "Intruders"])
            #expect(write.status == 401)
            let noteWrite = try await server.request("POST", "/shops/beta/api/notes", token: alpha, json: ["text": "intrusion"])
            #expect(noteWrite.status == 401)
            let signOut = try await server.request("DELETE", "/shops/beta/api/sessions/current", token: alpha)
            #expect(signOut.status == 401)
            // alpha's owner cannot sign in to beta with alpha's credentials.
            let crossSignIn = try await server.request(
                "POST", "/shops/beta/api/sessions",
                json: ["email": TestServer.ownerEmail("alpha"), "password": TestServer.ownerPassword])
            #expect(crossSignIn.status == 401)

            // Listings show only the shop's own rows.
            let alphaGroups = Self.names(try await server.request("/shops/alpha/api/groups", token: alpha), "groups", field: "name")
            #expect(alphaGroups.contains("Group of alpha"))
            #expect(!alphaGroups.contains("Group of beta"))
            #expect(!alphaGroups.contains("Intruders"))
            let betaGroups = Self.names(try await server.request("/shops/beta/api/groups", token: beta), "groups", field: "name")
            #expect(betaGroups.contains("Group of beta"))
            #expect(!betaGroups.contains("Group of alpha"))
            #expect(!betaGroups.contains("Intruders"))
            let alphaNotes = Self.names(try await server.request("/shops/alpha/api/notes", token: alpha), "notes", field: "text")
            #expect(alphaNotes == ["note of alpha"])
            let betaNotes = Self.names(try await server.request("/shops/beta/api/notes", token: beta), "notes", field: "text")
            #expect(betaNotes == ["note of beta"])
            let betaAudit = try await server.request("/shops/beta/api/audit", token: beta)
            #expect(!betaAudit.text.contains("alpha"))
            // beta's own token still works after the attempts.
            #expect(try await server.request("/shops/beta/api/me", token: beta).status == 200)
        }
    }

    @Test func badSlugsAreRefusedAndCreateNothing() async throws {
        try await TestServer.with { server in
            let before = server.dataDirectoryListing()
            for slug in Self.badSlugs {
                let response = try await server.operatorRequest(
                    "POST", "/operator/shops",
                    json: [
                        "slug": slug.json, "name": "Bad", "tier": "pro", "ownerEmail": "o@example.com", "ownerPassword": "long-enough-1",
                    ])
                #expect(response.status == 422, "slug \(slug.json.prefix(20)): \(response.status) \(response.text)")
                #expect(response.errorField == "slug", "slug \(slug.json.prefix(20))")
            }
            #expect(server.dataDirectoryListing() == before)
            #expect(!FileManager.default.fileExists(atPath: server.dataDirectory + "/../x"))
        }
    }

    @Test func badOrUnknownSlugsInShopPathsAre404AndCreateNothing() async throws {
        try await TestServer.with { server in
            try await server.provision("real")
            let token = try await server.signIn("real")
            let before = server.dataDirectoryListing()
            let slugs = Self.badSlugs.map(\.url) + ["missing-shop", "REAL", "real%00"]
            for slug in slugs {
                for (method, path) in [("GET", "/stores"), ("POST", "/sessions"), ("GET", "/notes")] {
                    let response = try await server.request(
                        method, "/shops/\(slug)/api\(path)", token: token,
                        json: method == "POST" ? ["email": TestServer.ownerEmail("real"), "password": TestServer.ownerPassword] : nil)
                    #expect(response.status == 404, "\(method) /shops/\(slug.prefix(20))/api\(path): \(response.status) \(response.text)")
                }
            }
            // The same on the operator's per-shop routes (an empty slug is the list itself).
            for slug in slugs where !slug.isEmpty {
                let response = try await server.operatorRequest("GET", "/operator/shops/\(slug)")
                #expect(response.status == 404, "operator \(slug.prefix(20)): \(response.status)")
                let tier = try await server.operatorRequest("PUT", "/operator/shops/\(slug)/tier", json: ["tier": "pro"])
                #expect(tier.status == 404, "operator tier \(slug.prefix(20)): \(tier.status)")
            }
            #expect(server.dataDirectoryListing() == before)
        }
    }
}
