import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// `POST /customers`: what a new customer gets by default and what a full body sets.
@Suite("Customer create")
struct CustomerCreateTests {
    @Test func minimalCustomerLandsInGeneralWithANumberAVersionAndALocation() async throws {
        try await CustomerShop.with { shop in
            let general = try await shop.groupID("General")
            let fi = try await shop.storeID("fi")
            let response = try await shop.api(
                "POST", "/customers", json: ["firstName": "Aino", "lastName": "Virtanen", "email": "aino@example.fi"])
            #expect(response.status == 201, "\(response.text)")
            #expect(response.header("ETag") == "\"1\"")
            let customer = try #require(response.jsonObject?["customer"] as? [String: Any])
            let id = try #require(customer["id"] as? Int)
            #expect(customer["customerNumber"] as? String == "10001")
            #expect(customer["version"] as? Int == 1)
            #expect(customer["groupIds"] as? [Int] == [general])
            #expect(customer["defaultGroupId"] as? Int == general)
            #expect(customer["storeId"] as? Int == fi)
            #expect(customer["hasAccount"] as? Bool == true)
            #expect(customer["enabled"] as? Bool == true)
            #expect(customer["activation"] as? String == "active")
            #expect(customer["blocked"] as? Bool == false)
            #expect(customer["totalSales"] as? Int == 0)
            #expect(customer["newsletter"] as? Bool == false)
            #expect((customer["addresses"] as? [Any])?.isEmpty == true)
            let registeredAt = try #require(customer["registeredAt"] as? String)
            #expect(registeredAt.hasPrefix(String(ISO8601DateFormatter().string(from: Date()).prefix(4))))
            #expect(registeredAt.hasSuffix("Z"))

            // The Location, resolved against the request's URL, is the new customer.
            let location = try #require(response.header("Location"))
            let base = try #require(URL(string: "http://127.0.0.1/shops/\(shop.slug)/api/customers"))
            let resolved = try #require(URL(string: location, relativeTo: base)?.absoluteURL.path)
            #expect(resolved == "/shops/\(shop.slug)/api/customers/\(id)")
            let fetched = try await shop.server.request(resolved, token: shop.token)
            #expect(fetched.status == 200)
            #expect(fetched.header("ETag") == "\"1\"")

            // The General group counts its new member; the next customer gets the next number.
            let groups = try #require(try await shop.api("GET", "/groups").jsonObject?["groups"] as? [[String: Any]])
            #expect(groups.first { $0["id"] as? Int == general }?["customers"] as? Int == 1)
            let second = try await shop.create(CustomerShop.minimal("second"))
            #expect(second["customerNumber"] as? String == "10002")
        }
    }

    @Test func storeGroupsDefaultGroupAndAddresses() async throws {
        try await CustomerShop.with { shop in
            let se = try await shop.storeID("se")
            let wholesale = try await shop.groupID("Wholesale")
            let retailer = try await shop.groupID("Retailer")
            let customer = try await shop.create([
                "storeId": se, "firstName": "Sven", "lastName": "Öberg", "email": "sven@example.se", "company": "Öberg AB",
                "groupIds": [retailer, wholesale], "defaultGroupId": wholesale, "phone": "070-123 45 67",
                "addresses": [
                    ["street": "Storgatan 1", "postalCode": "11455", "city": "Stockholm"],
                    ["label": "Lager", "street": "Hamnvägen 2", "postalCode": "41301", "city": "Göteborg", "country": "SE"],
                ],
            ])
            #expect(customer["storeId"] as? Int == se)
            #expect(customer["groupIds"] as? [Int] == [wholesale, retailer].sorted())
            #expect(customer["defaultGroupId"] as? Int == wholesale)
            #expect(customer["phone"] as? String == "+46701234567")
            let addresses = try #require(customer["addresses"] as? [[String: Any]])
            try #require(addresses.count == 2)
            // The first address becomes the default for billing and shipping; the country
            // defaults to the store's; Swedish postal codes are stored as "114 55".
            #expect(addresses[0]["isDefaultBilling"] as? Bool == true)
            #expect(addresses[0]["isDefaultShipping"] as? Bool == true)
            #expect(addresses[0]["country"] as? String == "SE")
            #expect(addresses[0]["postalCode"] as? String == "114 55")
            #expect(addresses[1]["isDefaultBilling"] as? Bool == false)
            #expect(addresses[1]["isDefaultShipping"] as? Bool == false)
            #expect(addresses[1]["label"] as? String == "Lager")

            // A later address may be the default instead; two defaults are refused.
            let chosen = try await shop.create(
                CustomerShop.minimal(
                    "chosen",
                    [
                        "addresses": [
                            ["street": "Katu 1", "postalCode": "00100", "city": "Helsinki"],
                            ["street": "Katu 2", "postalCode": "00200", "city": "Helsinki", "isDefaultShipping": true],
                        ]
                    ]))
            let chosenAddresses = try #require(chosen["addresses"] as? [[String: Any]])
            #expect(chosenAddresses.map { $0["isDefaultBilling"] as? Bool } == [true, false])
            #expect(chosenAddresses.map { $0["isDefaultShipping"] as? Bool } == [false, true])
            try await shop.expectRefused(
                CustomerShop.minimal(
                    "two-defaults",
                    [
                        "addresses": [
                            ["street": "Katu 1", "postalCode": "00100", "city": "Helsinki", "isDefaultBilling": true],
                            ["street": "Katu 2", "postalCode": "00200", "city": "Helsinki", "isDefaultBilling": true],
                        ]
                    ]), field: "addresses")
            try await shop.expectRefused(
                CustomerShop.minimal("no-street", ["addresses": [["postalCode": "00100", "city": "Helsinki"]]]),
                field: "addresses[0].street", code: "missing_field")
            try await shop.expectRefused(
                CustomerShop.minimal("odd-address", ["addresses": [["street": "K", "postalCode": "00100", "city": "H", "floor": 3]]]),
                field: "addresses[0].floor", code: "unknown_field")
        }
    }

    @Test func givenCustomerNumberIsKeptAndTheSequenceSkipsTakenNumbers() async throws {
        try await CustomerShop.with { shop in
            let given = try await shop.create(CustomerShop.minimal("given", ["customerNumber": "K-100"]))
            #expect(given["customerNumber"] as? String == "K-100")
            // A merchant who typed the number the sequence would give next does not make the
            // sequence collide with it.
            let typed = try await shop.create(CustomerShop.minimal("typed", ["customerNumber": "10001"]))
            #expect(typed["customerNumber"] as? String == "10001")
            let generated = try await shop.create(CustomerShop.minimal("generated"))
            #expect(generated["customerNumber"] as? String == "10002")

            try await shop.expectRefused(
                CustomerShop.minimal("dup-number", ["customerNumber": "K-100"]), field: "customerNumber", code: "customer_number_taken",
                status: 409)
            try await shop.expectRefused(CustomerShop.minimal("bad-number", ["customerNumber": "K 100/2"]), field: "customerNumber")
        }
    }

    @Test func customerWithoutAccountNeedsNoEmail() async throws {
        try await CustomerShop.with { shop in
            let guest = try await shop.create(["firstName": "Kalle", "lastName": "Vieras", "hasAccount": false])
            #expect(guest["hasAccount"] as? Bool == false)
            #expect(guest["email"] is NSNull)
            // Two customers without an account and without an email do not collide.
            let other = try await shop.create(["firstName": "Ville", "lastName": "Vieras", "hasAccount": false])
            #expect(other["id"] as? Int != guest["id"] as? Int)
            // With an account (the default) the email is the login and is required.
            try await shop.expectRefused(["firstName": "Kalle", "lastName": "Tili"], field: "email", code: "missing_field")
            let accounts = try await shop.list("hasAccount=false")
            #expect(Set(accounts.customers.compactMap { $0["id"] as? Int }) == Set([guest, other].compactMap { $0["id"] as? Int }))
        }
    }

    @Test func createIsAuditedWithTheFullRecordAndTheStaffActor() async throws {
        try await CustomerShop.with { shop in
            let customer = try await shop.create(CustomerShop.minimal("audited", ["company": "Audit Oy"]))
            let id = try #require(customer["id"] as? Int)
            let timeline = try await shop.api("GET", "/customers/\(id)/timeline")
            #expect(timeline.status == 200)
            let entries = try #require(timeline.jsonObject?["entries"] as? [[String: Any]])
            #expect(entries.map { $0["action"] as? String } == ["customer.created"])
            let after = try #require(entries.first?["after"] as? [String: Any])
            #expect(after["company"] as? String == "Audit Oy")
            #expect(after["email"] as? String == "audited@example.fi")
            #expect((entries.first?["actor"] as? [String: Any])?["label"] as? String == TestServer.ownerEmail(shop.slug))
        }
    }
}
