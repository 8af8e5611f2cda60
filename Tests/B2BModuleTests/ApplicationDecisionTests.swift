import Foundation
import ShopAdminTesting
import ShopCoreTesting
import Testing

/// The merchant's decisions in the admin: approval matched to a company and customer already
/// synced from the ERP, a clash of ERP numbers refused, rejection with a reason, the form's
/// validation, the settings, and who may decide.
@Suite("B2B module: decisions")
struct ApplicationDecisionTests {
    @Test func approvalMatchesTheCompanyAndCustomerSyncedFromTheERP() async throws {
        try await B2BShop.with { shop in
            // The ERP integration has already sent the company and its customer account.
            let synced = try #require(
                try await shop.createCompany(["name": "Lapin Puu Oy", "businessId": "2345678-0", "erpCustomerNumber": "F3001"])["id"]
                    as? Int)
            let customer = try await shop.customer(
                "Niemi", email: "orders@lapinpuu.example.fi", extra: ["erpCustomerId": "F3001", "company": "Lapin Puu"])
            let customersBefore = try await shop.api("GET", "/customers").jsonObject?["total"] as? Int

            let id = try await shop.apply()
            let approved = try await shop.api("POST", "/b2b/applications/\(id)/approve", json: ["erpCustomerNumber": "F3001"])
            #expect(approved.status == 200, "\(approved.text)")
            #expect(approved.jsonObject?["matchedCompany"] as? Bool == true)
            #expect(approved.jsonObject?["matchedCustomer"] as? Bool == true)
            #expect(approved.jsonObject?["customerId"] as? Int == customer)
            #expect((approved.jsonObject?["company"] as? [String: Any])?["id"] as? Int == synced)

            // No second company or customer; the customer's own values kept, gaps filled.
            #expect((try await shop.api("GET", "/companies").jsonObject?["companies"] as? [Any])?.count == 1)
            #expect(try await shop.api("GET", "/customers").jsonObject?["total"] as? Int == customersBefore)
            let record = try #require(try await shop.api("GET", "/customers/\(customer)").jsonObject?["customer"] as? [String: Any])
            #expect(record["email"] as? String == "orders@lapinpuu.example.fi")
            #expect(record["company"] as? String == "Lapin Puu")
            #expect(record["phone"] as? String == "+358401234567")
            let company = try #require(try await shop.api("GET", "/companies/\(synced)").jsonObject?["company"] as? [String: Any])
            #expect(CompanyPeopleTests.people(company).map(\.id) == [customer])

            // The approval goes to the account's sign-in address, with its set-password link.
            let email = try #require(try await shop.outbox("b2b-approved").first)
            #expect(email.to == "orders@lapinpuu.example.fi")
            #expect(email.customerID == Int64(customer))
            #expect(email.text.contains("/set-password?token=sa_ct_"))
            #expect(try await shop.auditActions(entity: "b2b_application", id: id).last == "b2b.application_approved")
        }
    }

    @Test func aCompanyWithAnotherERPNumberIsAClashNotAMatch() async throws {
        try await B2BShop.with { shop in
            _ = try await shop.createCompany(["name": "Lapin Puu Oy", "businessId": "2345678-0", "erpCustomerNumber": "F9"])
            let id = try await shop.apply()
            let refused = try await shop.api("POST", "/b2b/applications/\(id)/approve", json: ["erpCustomerNumber": "F3001"])
            #expect(refused.status == 409)
            #expect(refused.errorCode == "erp_customer_number_mismatch", "\(refused.text)")
            #expect(refused.errorField == "erpCustomerNumber")
            // Nothing half-done: still pending, no customer, no approval email.
            let application = try await shop.api("GET", "/b2b/applications/\(id)")
            #expect((application.jsonObject?["application"] as? [String: Any])?["status"] as? String == "pending")
            #expect(try await shop.api("GET", "/customers").jsonObject?["total"] as? Int == 0)
            #expect(try await shop.outbox("b2b-approved").isEmpty)
            for body: [String: Any] in [[:], ["erpCustomerNumber": "F 1"], ["erpCustomerNumber": "F1", "note": "x"]] {
                let bad = try await shop.api("POST", "/b2b/applications/\(id)/approve", json: body)
                #expect(bad.status == 422, "\(body): \(bad.text)")
            }
            #expect(try await shop.api("POST", "/b2b/applications/999/approve", json: ["erpCustomerNumber": "F1"]).status == 404)
        }
    }

    @Test func rejectionTellsTheApplicantWhyInTheirLanguage() async throws {
        try await B2BShop.with { shop in
            let id = try await shop.apply(
                ["companyName": "Nordic Tools AB", "businessId": "556703-7485", "vatNumber": "SE556703748501", "phone": "070 123 45 67"],
                store: "se")
            let receipt = try #require(try await shop.outbox("b2b-application-received").first)
            #expect(receipt.locale == "sv")
            #expect(receipt.subject.contains("företagskonto"))

            let noReason = try await shop.api("POST", "/b2b/applications/\(id)/reject", json: [:])
            #expect(noReason.status == 422)
            #expect(noReason.errorField == "reason")
            let rejected = try await shop.api(
                "POST", "/b2b/applications/\(id)/reject", json: ["reason": "Vi säljer endast till återförsäljare."])
            #expect(rejected.status == 200, "\(rejected.text)")
            let application = try #require(rejected.jsonObject?["application"] as? [String: Any])
            #expect(application["status"] as? String == "rejected")
            #expect((application["decision"] as? [String: Any])?["reason"] as? String == "Vi säljer endast till återförsäljare.")
            let email = try #require(try await shop.outbox("b2b-rejected").first)
            #expect(email.to == "kaisa@lapinpuu.example.fi")
            #expect(email.locale == "sv")
            #expect(email.text.contains("Vi säljer endast till återförsäljare."))

            // Decided once: no second rejection, no approval, not by the link either.
            #expect(try await shop.api("POST", "/b2b/applications/\(id)/reject", json: ["reason": "x"]).status == 409)
            #expect(try await shop.api("POST", "/b2b/applications/\(id)/approve", json: ["erpCustomerNumber": "F1"]).status == 409)
            let link = try await shop.approvalLink(companyName: "Nordic Tools AB")
            let viaLink = try await shop.storefront(
                "POST", "/b2b/approval", store: "se", json: ["token": try B2BShop.token(of: link), "erpCustomerNumber": "F1"])
            #expect(viaLink.status == 409)
            #expect(viaLink.errorCode == "application_decided", "\(viaLink.text)")
            #expect(
                try await shop.auditActions(entity: "b2b_application", id: id) == ["b2b.application_submitted", "b2b.application_rejected"])

            // The same person may apply again once the first is decided.
            _ = try await shop.apply(["companyName": "Nordic Tools AB", "businessId": "556703-7485", "vatNumber": NSNull()], store: "se")
            let lists = try await shop.api("GET", "/b2b/applications?status=rejected")
            #expect((lists.jsonObject?["applications"] as? [[String: Any]])?.count == 1)
            #expect(lists.jsonObject?["pending"] as? Int == 1)
            #expect(try await shop.api("GET", "/b2b/applications?status=open").errorField == "status")
        }
    }

    @Test func theFormRefusesBadInputByNameAndSendsNothing() async throws {
        try await B2BShop.with { shop in
            let cases: [([String: Any], String, String)] = [
                (["companyName": NSNull()], "companyName", "fi"),
                (["businessId": "2345678-1"], "businessId", "fi"),
                (["businessId": NSNull()], "businessId", "fi"),
                // The Swedish store reads organisation numbers by Swedish rules.
                ([:], "businessId", "se"),
                (["vatNumber": "FI15728600"], "vatNumber", "fi"),
                (["email": "kaisa(at)example.fi"], "email", "fi"),
                (["phone": "12"], "phone", "fi"),
                (["phone": NSNull()], "phone", "fi"),
                (["firstName": "  "], "firstName", "fi"),
                (["website": "http://"], "website", "fi"),
                (["message": String(repeating: "x", count: 2001)], "message", "fi"),
                (["country": "US"], "country", "fi"),
                (["password": "x"], "password", "fi"),
            ]
            for (changes, field, store) in cases {
                let response = try await shop.storefront("POST", "/b2b/applications", store: store, json: B2BShop.application(changes))
                #expect(response.status == 422, "\(changes): \(response.text)")
                #expect(response.errorField == field, "\(changes): \(response.text)")
            }
            #expect(try await shop.storefront("POST", "/b2b/applications", store: "xx", json: B2BShop.application()).status == 404)
            #expect(try await shop.outbox().isEmpty)

            // One pending application per email address.
            _ = try await shop.apply()
            let again = try await shop.storefront(
                "POST", "/b2b/applications", json: B2BShop.application(["email": "KAISA@lapinpuu.example.fi"]))
            #expect(again.status == 409)
            #expect(again.errorField == "email")
            #expect(try await shop.outbox().count == 2)
        }
    }

    @Test func settingsRouteTheNotificationAndOnlyDecidersDecide() async throws {
        try await B2BShop.with { shop in
            let bad = try await shop.api("PUT", "/b2b/settings", json: ["approvalLinkBaseUrl": "ftp://x"])
            #expect(bad.errorField == "approvalLinkBaseUrl")
            #expect(try await shop.api("PUT", "/b2b/settings", json: ["notificationEmail": "sales"]).errorField == "notificationEmail")
            let set = try await shop.api(
                "PUT", "/b2b/settings",
                json: ["notificationEmail": "sales@kauppa.example.fi", "approvalLinkBaseUrl": "https://admin.example.fi/s/{shop}/{store}/"])
            #expect(set.status == 200, "\(set.text)")
            _ = try await shop.apply()
            let notification = try #require(try await shop.outbox("b2b-application-notification").first)
            #expect(notification.to == "sales@kauppa.example.fi")
            #expect(notification.text.contains("https://admin.example.fi/s/\(shop.slug)/fi/b2b/approval?token="), "\(notification.text)")

            let readOnly = try await shop.server.member(shop.slug, owner: shop.token, role: "read-only")
            #expect(try await shop.api("GET", "/b2b/applications", token: readOnly).status == 200)
            let approve = try await shop.api("POST", "/b2b/applications/1/approve", json: ["erpCustomerNumber": "F1"], token: readOnly)
            #expect(approve.status == 403)
            let staff = try await shop.server.member(shop.slug, owner: shop.token, role: "staff")
            #expect(try await shop.api("PUT", "/b2b/settings", json: [:], token: staff).status == 403)
            #expect(try await shop.server.request("/shops/\(shop.slug)/api/b2b/applications", token: nil).status == 401)
        }
    }

    @Test func erasingTheApplicantReachesTheirApplicationsAndEveryEmailAboutThem() async throws {
        try await B2BShop.with { shop in
            let customer = try await shop.customer("Niemi", email: "kaisa@lapinpuu.example.fi")
            let rejected = try await shop.apply()
            #expect(try await shop.api("POST", "/b2b/applications/\(rejected)/reject", json: ["reason": "Not now."]).status == 200)
            let pending = try await shop.apply(["companyName": "Lapin Puu 2 Oy"])
            #expect(try await shop.outbox().count == 5)

            // The export and "my account" show both applications.
            let export = try await shop.api("GET", "/customers/\(customer)/gdpr-export")
            let applications =
                ((export.jsonObject?["modules"] as? [String: Any])?["b2b"] as? [String: Any])?["applications"] as? [[String: Any]]
            #expect(applications?.compactMap { $0["status"] as? String } == ["rejected", "pending"], "\(export.text)")

            let number = try #require(
                (try await shop.api("GET", "/customers/\(customer)").jsonObject?["customer"] as? [String: Any])?["customerNumber"]
                    as? String)
            let erase = try await shop.api("POST", "/customers/\(customer)/gdpr-erase", json: ["confirmCustomerNumber": number])
            #expect(erase.status == 200, "\(erase.text)")

            // No email about the person is left, the merchant's notifications included.
            let left = try await shop.outbox()
            #expect(left.isEmpty, "\(left.map(\.template))")
            for id in [rejected, pending] {
                let application = try #require(
                    try await shop.api("GET", "/b2b/applications/\(id)").jsonObject?["application"] as? [String: Any])
                #expect(application["firstName"] as? String == "Erased")
                #expect(application["email"] as? String == "erased")
                #expect(application["phone"] is NSNull)
                #expect(application["message"] is NSNull)
                #expect(application["status"] as? String == "rejected", "a pending one is closed")
                #expect(application["companyName"] as? String != nil, "the company's data stays")
            }
            let residue = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.scalar("SELECT count(*) FROM b2b_application WHERE email_key LIKE '%lapinpuu%'", as: Int.self) ?? -1
            }
            #expect(residue == 0)
        }
    }

    @Test func aStoreLocaleWithoutTextsGetsEnglish() async throws {
        try await B2BShop.with { shop in
            let store = try await shop.api(
                "POST", "/stores", json: ["code": "dk", "name": "Website DK", "locale": "da", "currency": "DKK", "country": "DK"])
            #expect(store.status == 201, "\(store.text)")
            _ = try await shop.apply(
                ["companyName": "Dansk ApS", "businessId": "25313763", "vatNumber": "DK25313763", "phone": "20 12 34 56"], store: "dk")
            let receipt = try #require(try await shop.outbox("b2b-application-received").first)
            #expect(receipt.locale == "en")
            #expect(receipt.subject.hasPrefix("We received your B2B application"))
        }
    }
}
