import Foundation
import ShopAdminTesting
import ShopCoreTesting
import Testing

/// Companies: every field checked with an error naming it, organisation numbers per country,
/// partial updates, one company per organisation number and ERP number, each change audited.
@Suite("B2B module: companies")
struct CompanyTests {
    static var pohjola: [String: Any] {
        [
            "name": "Oy Pohjola Tuote Ab", "country": "FI", "businessId": "15728600", "vatNumber": "fi 1572 8600",
            "website": "www.pohjola.example.fi", "allowedOutstanding": ["amount": 2_000_000, "currency": "EUR"], "maxPaymentDays": 30,
            "riskRating": "low", "erpCustomerNumber": "F1001",
        ]
    }

    @Test func aCompanyIsStoredNormalisedAndAudited() async throws {
        try await B2BShop.with { shop in
            let company = try await shop.createCompany(CompanyTests.pohjola)
            #expect(company["businessId"] as? String == "1572860-0")
            #expect(company["vatNumber"] as? String == "FI15728600")
            #expect(company["website"] as? String == "https://www.pohjola.example.fi")
            #expect((company["allowedOutstanding"] as? [String: Any])?["amount"] as? Int == 2_000_000)
            #expect((company["allowedOutstanding"] as? [String: Any])?["currency"] as? String == "EUR")
            #expect(company["maxPaymentDays"] as? Int == 30)
            #expect(company["riskRating"] as? String == "low")
            #expect(company["erpCustomerNumber"] as? String == "F1001")
            #expect(company["people"] as? [Any] != nil)
            let id = try #require(company["id"] as? Int)

            // Swedish and Norwegian numbers by their own rules.
            let swedish = try await shop.createCompany(["name": "Nordic Tools AB", "country": "SE", "businessId": "5567037485"])
            #expect(swedish["businessId"] as? String == "556703-7485")
            let norwegian = try await shop.createCompany(["name": "Fjord Handel AS", "country": "no", "businessId": "923 609 016"])
            #expect(norwegian["businessId"] as? String == "923609016")
            #expect(norwegian["country"] as? String == "NO")

            let list = try await shop.api("GET", "/companies?q=pohjola")
            #expect((list.jsonObject?["companies"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [id], "\(list.text)")
            let byNumber = try await shop.api("GET", "/companies?q=556703")
            #expect((byNumber.jsonObject?["companies"] as? [[String: Any]])?.count == 1)
            #expect(try await shop.auditActions(entity: "b2b_company", id: id) == ["b2b.company_created"])
        }
    }

    @Test func badFieldsAreRefusedByName() async throws {
        try await B2BShop.with { shop in
            let cases: [([String: Any], String, String?)] = [
                (["businessId": "1572860-0"], "name", "missing_field"),
                (["name": "X Oy"], "businessId", "missing_field"),
                (["name": "X Oy", "businessId": "1572860-1"], "businessId", "invalid_business_id"),
                (["name": "X AB", "country": "SE", "businessId": "1572860-0"], "businessId", "invalid_business_id"),
                (["name": "X", "country": "DE", "businessId": "1572860-0"], "country", "invalid_country"),
                (["name": "X Oy", "businessId": "1572860-0", "vatNumber": "FI12345678"], "vatNumber", "invalid_vat_number"),
                (["name": "X Oy", "businessId": "1572860-0", "vatNumber": "12"], "vatNumber", "invalid_vat_number"),
                (["name": "X Oy", "businessId": "1572860-0", "website": "not a site"], "website", nil),
                (["name": "X Oy", "businessId": "1572860-0", "riskRating": "extreme"], "riskRating", nil),
                (["name": "X Oy", "businessId": "1572860-0", "maxPaymentDays": 400], "maxPaymentDays", nil),
                (["name": "X Oy", "businessId": "1572860-0", "maxPaymentDays": "30"], "maxPaymentDays", "wrong_type"),
                (
                    ["name": "X Oy", "businessId": "1572860-0", "allowedOutstanding": ["amount": 100, "currency": "USD"]],
                    "allowedOutstanding.currency", "invalid_currency"
                ),
                (
                    ["name": "X Oy", "businessId": "1572860-0", "allowedOutstanding": ["amount": 10.5, "currency": "EUR"]],
                    "allowedOutstanding.amount", "wrong_type"
                ),
                (["name": "X Oy", "businessId": "1572860-0", "allowedOutstanding": 100], "allowedOutstanding", "wrong_type"),
                (
                    ["name": "X Oy", "businessId": "1572860-0", "erpCustomerNumber": "F 1"], "erpCustomerNumber",
                    "invalid_erp_customer_number"
                ),
                (["name": "X Oy", "businessId": "1572860-0", "groupId": 999], "groupId", "group_not_found"),
                (["name": "X Oy", "businessId": "1572860-0", "colour": "red"], "colour", "unknown_field"),
            ]
            for (body, field, code) in cases {
                let response = try await shop.api("POST", "/companies", json: body)
                #expect(response.status == 422, "\(body): \(response.text)")
                #expect(response.errorField == field, "\(body): \(response.text)")
                if let code { #expect(response.errorCode == code, "\(body): \(response.text)") }
            }
            #expect((try await shop.api("GET", "/companies").jsonObject?["companies"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func partialUpdatesChangeOnlyWhatIsGivenAndRefuseUnknownFields() async throws {
        try await B2BShop.with { shop in
            let id = try #require(try await shop.createCompany(CompanyTests.pohjola)["id"] as? Int)
            let unknown = try await shop.api("PATCH", "/companies/\(id)", json: ["riskRating": "high", "creditScore": 5])
            #expect(unknown.status == 422)
            #expect(unknown.errorField == "creditScore", "\(unknown.text)")
            #expect(unknown.errorCode == "unknown_field")

            let changed = try await shop.api("PATCH", "/companies/\(id)", json: ["riskRating": "high", "website": NSNull()])
            #expect(changed.status == 200, "\(changed.text)")
            let company = try #require(changed.jsonObject?["company"] as? [String: Any])
            #expect(company["riskRating"] as? String == "high")
            #expect(company["website"] is NSNull)
            #expect(company["erpCustomerNumber"] as? String == "F1001")
            #expect(company["maxPaymentDays"] as? Int == 30)

            // A country change re-checks the number against the new country's rules.
            let country = try await shop.api("PATCH", "/companies/\(id)", json: ["country": "SE"])
            #expect(country.status == 422)
            #expect(country.errorField == "businessId", "\(country.text)")
            let cleared = try await shop.api("PATCH", "/companies/\(id)", json: ["name": NSNull()])
            #expect(cleared.errorField == "name")

            let entries = try await shop.api("GET", "/audit?entity=b2b_company&entityId=\(id)")
            let update = try #require((entries.jsonObject?["entries"] as? [[String: Any]])?.first)
            #expect(update["action"] as? String == "b2b.company_updated")
            #expect((update["before"] as? [String: Any])?["riskRating"] as? String == "low")
            #expect((update["after"] as? [String: Any])?["riskRating"] as? String == "high")
            #expect((update["after"] as? [String: Any])?["maxPaymentDays"] == nil, "only the changed fields")
        }
    }

    @Test func oneCompanyPerOrganisationNumberAndPerERPNumber() async throws {
        try await B2BShop.with { shop in
            let first = try #require(try await shop.createCompany(CompanyTests.pohjola)["id"] as? Int)
            let twin = try await shop.api("POST", "/companies", json: ["name": "Copy", "businessId": "1572860-0"])
            #expect(twin.status == 409)
            #expect(twin.errorCode == "company_exists")
            #expect(twin.errorField == "businessId")
            #expect(twin.errorObject?["companyId"] as? Int == first)
            let erp = try await shop.api(
                "POST", "/companies", json: ["name": "Other", "businessId": "2345678-0", "erpCustomerNumber": "F1001"])
            #expect(erp.status == 409)
            #expect(erp.errorField == "erpCustomerNumber", "\(erp.text)")
            // The same number in another country is another company.
            _ = try await shop.createCompany(["name": "Dansk", "country": "DK", "businessId": "25313763"])
        }
    }

    @Test func unknownCompaniesAndBadListParametersAreClear() async throws {
        try await B2BShop.with { shop async throws in
            #expect(try await shop.api("GET", "/companies/99").errorCode == "company_not_found")
            #expect(try await shop.api("GET", "/companies/abc").errorCode == "company_not_found")
            #expect(try await shop.api("PATCH", "/companies/99", json: ["name": "X"]).status == 404)
            #expect(try await shop.api("GET", "/companies?sort=name").errorField == "sort")
            #expect(try await shop.api("GET", "/companies?before=x").errorField == "before")
            #expect(try await shop.api("POST", "/companies", json: nil).status == 400)
        }
    }
}
