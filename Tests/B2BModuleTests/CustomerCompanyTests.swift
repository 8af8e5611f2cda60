import Foundation
import ShopAdminTesting
import ShopCoreTesting
import Testing

/// `GET /customers/{id}/company`: the company a customer orders for, seen from the customer.
@Suite("B2B module: a customer's company")
struct CustomerCompanyTests {
    @Test func aCustomerSeesTheirCompanyWithTheirRoleOrNone() async throws {
        try await B2BShop.with { shop in
            let company = try #require(
                try await shop.createCompany(["name": "Tunturi Oy", "businessId": "1572860-0"])["id"] as? Int)
            let aho = try await shop.customer("Aho")
            let berg = try await shop.customer("Berg")
            let loner = try await shop.customer("Loner")
            for person in [aho, berg] {
                let added = try await shop.api("POST", "/companies/\(company)/people", json: ["customerId": person])
                try #require(added.status == 200, "\(added.text)")
            }

            let admin = try await shop.api("GET", "/customers/\(aho)/company")
            #expect(admin.status == 200, "\(admin.text)")
            let adminView = try #require(admin.jsonObject)
            #expect(adminView["admin"] as? Bool == true, "the first person is the admin")
            let seen = try #require(adminView["company"] as? [String: Any])
            #expect(seen["id"] as? Int == company)
            #expect(seen["name"] as? String == "Tunturi Oy")
            #expect((seen["people"] as? [[String: Any]])?.compactMap { $0["customerId"] as? Int } == [aho, berg])

            let person = try #require(try await shop.api("GET", "/customers/\(berg)/company").jsonObject)
            #expect(person["admin"] as? Bool == false)
            #expect((person["company"] as? [String: Any])?["id"] as? Int == company)

            let none = try await shop.api("GET", "/customers/\(loner)/company")
            #expect(none.status == 200)
            #expect(none.jsonObject?["company"] is NSNull, "\(none.text)")
            #expect(none.jsonObject?["admin"] as? Bool == false)

            // Leaving the company shows at once.
            #expect(try await shop.api("DELETE", "/companies/\(company)/people/\(berg)").status == 200)
            #expect(try await shop.api("GET", "/customers/\(berg)/company").jsonObject?["company"] is NSNull)

            let missing = try await shop.api("GET", "/customers/999999/company")
            #expect(missing.status == 404)
            #expect(missing.errorCode == "customer_not_found", "\(missing.text)")
        }
    }

    @Test func aShopWithoutB2BHasNoSuchRoute() async throws {
        try await B2BShop.with(flag: false) { shop in
            let customer = try await shop.customer("Aho")
            #expect(try await shop.api("GET", "/customers/\(customer)/company").status == 404)
        }
    }
}
