import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// The operator API's authentication, provisioning and the shop list.
@Suite("Operator API: provisioning")
struct OperatorShopTests {
    /// A valid provisioning body, to spoil one field at a time.
    static func body(_ slug: String = "valid-shop") -> [String: Any] {
        [
            "slug": slug, "name": "Valid Shop", "tier": "pro", "addOns": ["account-balance"], "flags": ["b2b"],
            "ownerEmail": "owner@valid.example.com", "ownerPassword": "long-enough-1",
            "stores": [["code": "fi", "name": "Website FI", "locale": "fi", "currency": "EUR", "country": "FI"]],
        ]
    }

    @Test func operatorRoutesNeedTheToken() async throws {
        try await TestServer.with { server in
            for (method, path) in [
                ("GET", "/operator/shops"), ("POST", "/operator/shops"), ("GET", "/operator/tiers"), ("GET", "/operator/migrations"),
            ] {
                let missing = try await server.request(method, path)
                #expect(missing.status == 401, "\(method) \(path) without a token")
                #expect(missing.errorCode == "unauthorized")
                #expect(missing.header("WWW-Authenticate") == "Bearer")
                let wrong = try await server.request(method, path, token: "sa_op_not-the-token")
                #expect(wrong.status == 401, "\(method) \(path) with a wrong token")
                let basic = try await server.request(method, path, headers: [("Authorization", "Basic \(server.operatorToken)")])
                #expect(basic.status == 401, "\(method) \(path) with a non-bearer scheme")
            }
            // A staff token is not an operator token.
            try await server.provision("shop-a")
            let staff = try await server.signIn("shop-a")
            #expect(try await server.request("/operator/shops", token: staff).status == 401)
            // Nothing was provisioned by the refused POSTs.
            #expect(server.service.registry.count == 1)
            #expect(try await server.request("/operator/shops", token: server.operatorToken).status == 200)
        }
    }

    @Test func provisioningReturnsTheShopAndMakesItUsable() async throws {
        try await TestServer.with { server in
            let response = try await server.operatorRequest("POST", "/operator/shops", json: Self.body())
            #expect(response.status == 201, "\(response.text)")
            #expect(response.header("Location") == "/operator/shops/valid-shop")
            let shop = try #require(response.jsonObject?["shop"] as? [String: Any])
            #expect(shop["slug"] as? String == "valid-shop")
            #expect(shop["tier"] as? String == "pro")
            #expect(shop["addOns"] as? [String] == ["account-balance"])
            #expect(shop["flags"] as? [String] == ["b2b"])
            #expect(shop["status"] as? String == "active")
            #expect(shop["modules"] as? [String] == ["notes", "ledger", "hotline"])
            #expect((shop["databaseBytes"] as? Int ?? 0) > 0)
            #expect(response.jsonObject?["ownerPassword"] == nil, "a given password is never echoed")
            #expect(FileManager.default.fileExists(atPath: server.dataDirectory + "/valid-shop/shop.sqlite"))

            let token = try await server.signIn("valid-shop", email: "owner@valid.example.com", password: "long-enough-1")
            let stores = try await server.request("/shops/valid-shop/api/stores", token: token)
            #expect((stores.jsonObject?["stores"] as? [[String: Any]])?.map { $0["code"] as? String } == ["fi"])
            let groups = try await server.request("/shops/valid-shop/api/groups", token: token)
            let names = (groups.jsonObject?["groups"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["NOT LOGGED IN", "General", "Wholesale", "Retailer"])
        }
    }

    @Test func generatedOwnerPasswordIsReturnedOnceAndWorks() async throws {
        try await TestServer.with { server in
            var body = Self.body("gen-pass")
            body["ownerPassword"] = nil
            let response = try await server.operatorRequest("POST", "/operator/shops", json: body)
            #expect(response.status == 201)
            let password = try #require(response.jsonObject?["ownerPassword"] as? String)
            #expect(password.count >= 12)
            _ = try await server.signIn("gen-pass", email: "owner@valid.example.com", password: password)
            let show = try await server.operatorRequest("GET", "/operator/shops/gen-pass")
            #expect(!show.text.contains(password))
        }
    }

    /// A field and a bad value for it, as JSON text.
    @Test(arguments: [
        ("name", #""   ""#), ("name", "\"\(String(repeating: "n", count: 201))\""), ("tier", #""gold""#),
        ("addOns", #"["free-money"]"#), ("flags", #"["b3b"]"#), ("ownerEmail", #""not-an-email""#), ("ownerEmail", #""a@b""#),
        ("ownerPassword", #""short""#),
    ])
    func provisioningValidationNamesTheField(field: String, json: String) async throws {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        try await TestServer.with { server in
            var body = Self.body()
            body[field] = value
            let response = try await server.operatorRequest("POST", "/operator/shops", json: body)
            #expect(response.status == 422, "\(field): \(response.text)")
            #expect(response.errorField == field, "\(response.text)")
            #expect(response.errorMessage?.isEmpty == false)
            #expect(server.dataDirectoryListing().filter { $0.hasPrefix("valid-shop") }.isEmpty)
            #expect(server.service.registry.count == 0)
        }
    }

    @Test(arguments: [
        ("code", "Bad Code", "stores[0].code"), ("name", " ", "stores[0].name"), ("locale", "de", "stores[0].locale"),
        ("currency", "USD", "stores[0].currency"), ("country", "fin", "stores[0].country"),
    ])
    func storeValidationNamesTheStoreField(key: String, value: String, field: String) async throws {
        try await TestServer.with { server in
            var body = Self.body()
            var store: [String: Any] = ["code": "fi", "name": "Website FI", "locale": "fi", "currency": "EUR", "country": "FI"]
            store[key] = value
            body["stores"] = [["code": "se", "name": "Website SE", "locale": "sv", "currency": "SEK", "country": "SE"], store]
            let response = try await server.operatorRequest("POST", "/operator/shops", json: body)
            #expect(response.status == 422, "\(response.text)")
            #expect(response.errorField == field.replacingOccurrences(of: "[0]", with: "[1]"), "\(response.text)")
            #expect(server.service.registry.count == 0)
            #expect(!FileManager.default.fileExists(atPath: server.dataDirectory + "/valid-shop"))
        }
    }

    @Test func storeCodesMustBeUniqueAndStoresNonEmpty() async throws {
        try await TestServer.with { server in
            var body = Self.body()
            let store: [String: Any] = ["code": "fi", "name": "Website FI", "locale": "fi", "currency": "EUR", "country": "FI"]
            body["stores"] = [store, store]
            let twice = try await server.operatorRequest("POST", "/operator/shops", json: body)
            #expect(twice.status == 422)
            #expect(twice.errorField == "stores[1].code")
            body["stores"] = [[String: Any]]()
            let none = try await server.operatorRequest("POST", "/operator/shops", json: body)
            #expect(none.status == 422)
            #expect(none.errorField == "stores")
        }
    }

    @Test func unknownMissingAndMistypedFieldsAre422() async throws {
        try await TestServer.with { server in
            var body = Self.body()
            body["colour"] = "blue"
            let unknown = try await server.operatorRequest("POST", "/operator/shops", json: body)
            #expect(unknown.status == 422)
            #expect(unknown.errorCode == "unknown_field")
            #expect(unknown.errorField == "colour")

            var missing = Self.body()
            missing["tier"] = nil
            let absent = try await server.operatorRequest("POST", "/operator/shops", json: missing)
            #expect(absent.status == 422)
            #expect(absent.errorCode == "missing_field")
            #expect(absent.errorField == "tier")

            var mistyped = Self.body()
            mistyped["addOns"] = "account-balance"
            let wrongType = try await server.operatorRequest("POST", "/operator/shops", json: mistyped)
            #expect(wrongType.status == 422)
            #expect(wrongType.errorCode == "wrong_type")
            #expect(wrongType.errorField == "addOns")
            #expect(server.service.registry.count == 0)
        }
    }

    @Test func duplicateSlugIs409AndLeavesTheFirstShopAlone() async throws {
        try await TestServer.with { server in
            try await server.provision("twice", name: "The First")
            let second = try await server.operatorRequest("POST", "/operator/shops", json: Self.body("twice"))
            #expect(second.status == 409)
            #expect(second.errorCode == "shop_exists")
            #expect(second.errorField == "slug")
            let show = try await server.operatorRequest("GET", "/operator/shops/twice")
            #expect((show.jsonObject?["shop"] as? [String: Any])?["name"] as? String == "The First")
            _ = try await server.signIn("twice")
        }
    }

    @Test func listFiltersByStatusAndTier() async throws {
        try await TestServer.with { server in
            try await server.provision("list-b", tier: "start")
            try await server.provision("list-a", tier: "pro")
            try await server.provision("list-c", tier: "pro")
            #expect(try await server.operatorRequest("POST", "/operator/shops/list-c/suspend", json: ["reason": "unpaid"]).status == 200)
            func slugs(_ query: String) async throws -> [String] {
                let response = try await server.operatorRequest("GET", "/operator/shops\(query)")
                #expect(response.status == 200, "\(query): \(response.text)")
                #expect(response.jsonObject?["total"] as? Int == (response.jsonObject?["shops"] as? [Any])?.count)
                return (response.jsonObject?["shops"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } ?? []
            }
            #expect(try await slugs("") == ["list-a", "list-b", "list-c"])
            #expect(try await slugs("?tier=pro") == ["list-a", "list-c"])
            #expect(try await slugs("?status=suspended") == ["list-c"])
            #expect(try await slugs("?status=active&tier=pro") == ["list-a"])
            let badStatus = try await server.operatorRequest("GET", "/operator/shops?status=sleeping")
            #expect(badStatus.status == 400)
            #expect(badStatus.errorField == "status")
            let badTier = try await server.operatorRequest("GET", "/operator/shops?tier=gold")
            #expect(badTier.status == 422)
            #expect(badTier.errorField == "tier")
        }
    }
}
