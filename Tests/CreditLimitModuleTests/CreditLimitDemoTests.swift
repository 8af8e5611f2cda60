import CreditLimitModule
import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The demo shop's credit limits: a few customers and the first company with people get one,
/// each audited; the first customer is close to its limit, so the list's filter finds them.
@Suite("Credit limit module: demo data")
struct CreditLimitDemoTests {
    @Test func theDemoGivesCustomersAndTheFirstCompanyLimits() async throws {
        try await CreditShop.with(b2b: true) { shop in
            var customers: [Int] = []
            for name in ["Yksi", "Kaksi", "Kolme", "Neljä", "Viisi"] { customers.append(try await shop.customer(name)) }
            _ = try await shop.placed(customers[0], total: 45_000)
            let company = try await shop.company("Oy Pohjola Tuote Ab", businessID: "1572860-0", people: [customers[2]])
            let affiliations = shop.server.app.service.catalog.affiliations(for: ["credit-limit", "b2b"])
            try await shop.server.withShopDatabase(shop.slug) { db in
                try CreditLimitModule().addDemoData(db, affiliations: affiliations)
            }
            let first = try await shop.position(customers[0])
            let limit = try #require((first["limit"] as? [String: Any])?["amount"] as? Int)
            #expect(limit == 50_000, "about 90 % used: 45,000 of \(limit)")
            #expect((try await shop.position(customers[1])["limit"] as? [String: Any])?["amount"] as? Int == 500_000)
            #expect(try await shop.position(customers[2])["limit"] is NSNull)
            let near = try #require(
                try await shop.api("GET", "/customers?creditUsedOverPercent=80").jsonObject?["customers"] as? [[String: Any]])
            #expect(near.compactMap { $0["id"] as? Int } == [customers[0]])
            let companyView = try #require(try await shop.api("GET", "/companies/\(company)/credit-limit").jsonObject)
            #expect((companyView["limit"] as? [String: Any])?["amount"] as? Int == 5_000_000)
            #expect(try await shop.audit("credit_limit.set").count == 5, "customers 1, 2, 4, 5 and the company")
        }
    }
}
