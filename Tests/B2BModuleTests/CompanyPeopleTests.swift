import Foundation
import ShopAdminTesting
import ShopCoreTesting
import Testing

/// A company's people: existing customers linked to it, exactly one admin, the company's group
/// as their default group, the customer list filtered by company, and what deleting or erasing
/// a person does.
@Suite("B2B module: company people")
struct CompanyPeopleTests {
    /// The id of the built-in group `name`.
    static func group(_ shop: B2BShop, _ name: String) async throws -> Int {
        let groups = try #require(try await shop.api("GET", "/groups").jsonObject?["groups"] as? [[String: Any]])
        return try #require(groups.first { $0["name"] as? String == name }?["id"] as? Int)
    }

    static func people(_ company: [String: Any]) -> [(id: Int, admin: Bool)] {
        (company["people"] as? [[String: Any]] ?? []).map { ($0["customerId"] as? Int ?? 0, $0["admin"] as? Bool ?? false) }
    }

    @Test func peopleHaveExactlyOneAdminAndTheCompanyGroup() async throws {
        try await B2BShop.with { shop in
            let wholesale = try await CompanyPeopleTests.group(shop, "Wholesale")
            let retailer = try await CompanyPeopleTests.group(shop, "Retailer")
            let company = try #require(
                try await shop.createCompany(["name": "Pohjola Oy", "businessId": "1572860-0", "groupId": wholesale])["id"] as? Int)
            let aho = try await shop.customer("Aho")
            let berg = try await shop.customer("Berg")
            let cajander = try await shop.customer("Cajander")

            let first = try await shop.api("POST", "/companies/\(company)/people", json: ["customerId": aho])
            #expect(first.status == 200, "\(first.text)")
            let second = try await shop.api("POST", "/companies/\(company)/people", json: ["customerId": berg])
            var people = CompanyPeopleTests.people(try #require(second.jsonObject?["company"] as? [String: Any]))
            #expect(people.map(\.id) == [aho, berg])
            #expect(people.map(\.admin) == [true, false], "the first person is the admin")

            // The company's group became their default group.
            let record = try #require(try await shop.api("GET", "/customers/\(berg)").jsonObject?["customer"] as? [String: Any])
            #expect(record["defaultGroupId"] as? Int == wholesale)
            #expect((record["groupIds"] as? [Int])?.contains(wholesale) == true)

            // A new admin replaces the old one; the old admin may then leave, the new one may not.
            let third = try await shop.api("POST", "/companies/\(company)/people", json: ["customerId": cajander, "admin": true])
            people = CompanyPeopleTests.people(try #require(third.jsonObject?["company"] as? [String: Any]))
            #expect(people.filter(\.admin).map(\.id) == [cajander])
            let stays = try await shop.api("DELETE", "/companies/\(company)/people/\(cajander)")
            #expect(stays.status == 409)
            #expect(stays.errorCode == "admin_must_stay", "\(stays.text)")
            let admin = try await shop.api("PUT", "/companies/\(company)/admin", json: ["customerId": berg])
            #expect(
                CompanyPeopleTests.people(try #require(admin.jsonObject?["company"] as? [String: Any])).filter(\.admin).map(\.id) == [berg])
            #expect(try await shop.api("DELETE", "/companies/\(company)/people/\(cajander)").status == 200)
            let left = try #require(try await shop.api("GET", "/customers/\(cajander)").jsonObject?["customer"] as? [String: Any])
            #expect((left["groupIds"] as? [Int])?.contains(wholesale) == false, "leaving takes the company's group away")

            // A customer belongs to one company.
            let other = try #require(try await shop.createCompany(["name": "Other Oy", "businessId": "2345678-0"])["id"] as? Int)
            let taken = try await shop.api("POST", "/companies/\(other)/people", json: ["customerId": aho])
            #expect(taken.status == 409)
            #expect(taken.errorCode == "customer_in_other_company")
            #expect(taken.errorField == "customerId")
            #expect(try await shop.api("POST", "/companies/\(other)/people", json: ["customerId": 999]).errorField == "customerId")
            #expect(try await shop.api("POST", "/companies/\(other)/people", json: [:]).errorCode == "missing_field")
            #expect(try await shop.api("PUT", "/companies/\(other)/admin", json: ["customerId": aho]).errorCode == "person_not_found")

            // Changing the company's group moves its people.
            let moved = try await shop.api("PATCH", "/companies/\(company)", json: ["groupId": retailer])
            #expect(moved.status == 200, "\(moved.text)")
            let after = try #require(try await shop.api("GET", "/customers/\(aho)").jsonObject?["customer"] as? [String: Any])
            #expect(after["defaultGroupId"] as? Int == retailer)
            #expect((after["groupIds"] as? [Int])?.contains(wholesale) == false)

            // The customer list filters by company; a bad id is refused by name.
            let listed = try await shop.api("GET", "/customers?companyId=\(company)")
            #expect(Set((listed.jsonObject?["customers"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }) == [aho, berg])
            #expect(try await shop.api("GET", "/customers?companyId=x").errorField == "companyId")

            let actions = try await shop.auditActions(entity: "b2b_company", id: company)
            #expect(actions.filter { $0 == "b2b.person_added" }.count == 3)
            #expect(actions.contains("b2b.admin_changed"))
            #expect(actions.contains("b2b.person_removed"))
        }
    }

    @Test func deletingOrErasingTheAdminPassesTheRoleOn() async throws {
        try await B2BShop.with { shop in
            let company = try #require(try await shop.createCompany(["name": "Pohjola Oy", "businessId": "1572860-0"])["id"] as? Int)
            let aho = try await shop.customer("Aho")
            let berg = try await shop.customer("Berg")
            let cajander = try await shop.customer("Cajander")
            for person in [aho, berg, cajander] {
                #expect(try await shop.api("POST", "/companies/\(company)/people", json: ["customerId": person]).status == 200)
            }
            let dryRun = try await shop.api("DELETE", "/customers/\(aho)?dryRun=true")
            let impact = (dryRun.jsonObject?["impact"] as? [String: Any])?["modules"] as? [String: Any]
            let membership = (impact?["b2b"] as? [String: Any])?["companyMembership"] as? [String: Any]
            #expect(membership?["companyId"] as? Int == company, "\(dryRun.text)")
            #expect(membership?["admin"] as? Bool == true)

            #expect(try await shop.api("DELETE", "/customers/\(aho)").status == 200)
            var people = CompanyPeopleTests.people(
                try #require(try await shop.api("GET", "/companies/\(company)").jsonObject?["company"] as? [String: Any]))
            #expect(people.map(\.id) == [berg, cajander])
            #expect(people.filter(\.admin).map(\.id) == [berg], "the longest-standing person took over")

            // GDPR: the export names the company; erasure takes the person out of it.
            let export = try await shop.api("GET", "/customers/\(berg)/gdpr-export")
            let part = (export.jsonObject?["modules"] as? [String: Any])?["b2b"] as? [String: Any]
            #expect((part?["company"] as? [String: Any])?["name"] as? String == "Pohjola Oy", "\(export.text)")
            let number = try #require(
                (try await shop.api("GET", "/customers/\(berg)").jsonObject?["customer"] as? [String: Any])?["customerNumber"] as? String)
            let erase = try await shop.api("POST", "/customers/\(berg)/gdpr-erase", json: ["confirmCustomerNumber": number])
            #expect(erase.status == 200, "\(erase.text)")
            people = CompanyPeopleTests.people(
                try #require(try await shop.api("GET", "/companies/\(company)").jsonObject?["company"] as? [String: Any]))
            #expect(people.map(\.id) == [cajander])
            #expect(people.first?.admin == true)
        }
    }

    @Test func deletingACompanyKeepsItsPeopleAsCustomers() async throws {
        try await B2BShop.with { shop in
            let wholesale = try await CompanyPeopleTests.group(shop, "Wholesale")
            let company = try #require(
                try await shop.createCompany(["name": "Pohjola Oy", "businessId": "1572860-0", "groupId": wholesale])["id"] as? Int)
            let aho = try await shop.customer("Aho")
            #expect(try await shop.api("POST", "/companies/\(company)/people", json: ["customerId": aho]).status == 200)
            let deleted = try await shop.api("DELETE", "/companies/\(company)")
            #expect(deleted.status == 200, "\(deleted.text)")
            #expect(deleted.jsonObject?["peopleUnlinked"] as? Int == 1)
            let record = try #require(try await shop.api("GET", "/customers/\(aho)").jsonObject?["customer"] as? [String: Any])
            #expect((record["groupIds"] as? [Int])?.contains(wholesale) == false)
            #expect(try await shop.auditActions(entity: "b2b_company", id: company).last == "b2b.company_deleted")
        }
    }
}
