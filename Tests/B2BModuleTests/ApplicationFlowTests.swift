import Foundation
import ShopAdminTesting
import ShopCoreTesting
import Testing

/// The B2B account application end to end (DOMAIN.md 000, all eight steps), over a real socket
/// against the shop's real database: the storefront form, the receipt and the merchant's
/// notification found in the outbox, the signed link followed (and refused when reused,
/// altered or expired), the company and customer created, the approval email's set-password
/// link followed, and the new customer signed in seeing their company.
@Suite("B2B module: application flow")
struct ApplicationFlowTests {
    @Test func theWholeFlowThroughTheSignedLink() async throws {
        try await B2BShop.with { shop in
            // 1. The applicant applies on the Finnish store.
            let id = try await shop.apply()

            // 2. A receipt to the applicant and a notification to the merchant, in Finnish.
            let receipt = try #require(try await shop.outbox("b2b-application-received").first)
            #expect(receipt.to == "kaisa@lapinpuu.example.fi")
            #expect(receipt.locale == "fi")
            #expect(receipt.subject.contains("yritystilihakemuksesi"), "\(receipt.subject)")
            #expect(receipt.text.contains("Lapin Puu Oy"))
            #expect(receipt.customerID == nil)
            let notification = try #require(try await shop.outbox("b2b-application-notification").first)
            #expect(notification.to == ModuleTestServer.ownerEmail(shop.slug))
            #expect(notification.text.contains("2345678-0"))
            #expect(notification.text.contains("+358401234567"))
            #expect(notification.html.contains("<a href=\""))

            // 3. The merchant reviews the pending applications.
            let pending = try await shop.api("GET", "/b2b/applications?status=pending")
            #expect(pending.jsonObject?["pending"] as? Int == 1, "\(pending.text)")
            #expect((pending.jsonObject?["applications"] as? [[String: Any]])?.first?["id"] as? Int == id)
            let one = try #require(try await shop.api("GET", "/b2b/applications/\(id)").jsonObject?["application"] as? [String: Any])
            #expect(one["vatNumber"] as? String == "FI23456780")
            #expect(one["website"] as? String == "https://lapinpuu.example.fi")
            #expect(one["status"] as? String == "pending")

            // 6. The merchant follows the link in the notification: a form for the ERP number.
            let link = try await shop.approvalLink()
            #expect(link.hasPrefix("/shops/\(shop.slug)/storefront/fi/b2b/approval?token="), "\(link)")
            let page = try await shop.raw("GET", link, headers: [("Accept", "text/html")])
            #expect(page.status == 200, "\(page.text)")
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(page.header("Cache-Control") == "no-store")
            #expect(page.text.contains("Lapin Puu Oy"))
            #expect(page.text.contains("name=\"erpCustomerNumber\""))

            // Without the number the form is refused, naming the field; the link stays usable.
            let token = try B2BShop.token(of: link)
            let missing = try await shop.storefront("POST", "/b2b/approval", json: ["token": token])
            #expect(missing.status == 422)
            #expect(missing.errorField == "erpCustomerNumber", "\(missing.text)")

            // 4-6. The customer created in the ERP; the number entered in the browser's form.
            let form = "token=\(token)&erpCustomerNumber=F2001"
            let approved = try await shop.raw(
                "POST", "/shops/\(shop.slug)/storefront/fi/b2b/approval",
                headers: [("Content-Type", "application/x-www-form-urlencoded")], body: form)
            #expect(approved.status == 200, "\(approved.text)")
            #expect(approved.text.contains("Application approved"), "\(approved.text)")

            // The link is used up: followed again it is refused, and says why.
            let reused = try await shop.storefront("POST", "/b2b/approval", json: ["token": token, "erpCustomerNumber": "F2001"])
            #expect(reused.status == 410)
            #expect(reused.errorCode == "link_used", "\(reused.text)")
            let reopened = try await shop.raw("GET", link, headers: [("Accept", "text/html")])
            #expect(reopened.status == 410)
            #expect(reopened.text.contains("already used"), "\(reopened.text)")
            // So is a second approval in the admin: decided once.
            let twice = try await shop.api("POST", "/b2b/applications/\(id)/approve", json: ["erpCustomerNumber": "F2001"])
            #expect(twice.status == 409)
            #expect(twice.errorCode == "application_decided", "\(twice.text)")

            let decided = try #require(try await shop.api("GET", "/b2b/applications/\(id)").jsonObject?["application"] as? [String: Any])
            #expect(decided["status"] as? String == "approved")
            let decision = try #require(decided["decision"] as? [String: Any])
            #expect(decision["via"] as? String == "link")
            #expect(decision["erpCustomerNumber"] as? String == "F2001")
            #expect(decision["matchedCompany"] as? Bool == false)
            #expect(decision["matchedCustomer"] as? Bool == false)
            let companyID = try #require(decision["companyId"] as? Int)
            let customerID = try #require(decision["customerId"] as? Int)

            // The company and the customer exist, linked, the applicant the company's admin.
            let company = try #require(try await shop.api("GET", "/companies/\(companyID)").jsonObject?["company"] as? [String: Any])
            #expect(company["erpCustomerNumber"] as? String == "F2001")
            #expect(company["businessId"] as? String == "2345678-0")
            #expect(CompanyPeopleTests.people(company).map(\.id) == [customerID])
            #expect(CompanyPeopleTests.people(company).first?.admin == true)
            let customer = try #require(try await shop.api("GET", "/customers/\(customerID)").jsonObject?["customer"] as? [String: Any])
            #expect(customer["email"] as? String == "kaisa@lapinpuu.example.fi")
            #expect(customer["erpCustomerId"] as? String == "F2001")
            #expect(customer["businessId"] as? String == "2345678-0")
            #expect(customer["company"] as? String == "Lapin Puu Oy")

            // 7. The approval with sign-in instructions; the receipt now filed under the customer.
            let approval = try #require(try await shop.outbox("b2b-approved").first)
            #expect(approval.to == "kaisa@lapinpuu.example.fi")
            #expect(approval.customerID == Int64(customerID))
            #expect(approval.locale == "fi")
            #expect(approval.text.contains("/sign-in"))
            #expect(try await shop.outbox("b2b-application-received").first?.customerID == Int64(customerID))
            let log = try await shop.api("GET", "/customers/\(customerID)/emails")
            let templates = (log.jsonObject?["emails"] as? [[String: Any]])?.compactMap { $0["template"] as? String } ?? []
            #expect(templates == ["b2b-approved", "b2b-application-received"], "\(log.text)")
            #expect(!log.text.contains(try B2BShop.token(of: try B2BShop.linkPath(in: approval.text, containing: "set-password"))))

            // 8. The customer sets a password with the link, is signed in, and sees the company.
            let setPassword = try B2BShop.linkPath(in: approval.text, containing: "/set-password?token=")
            let session = try await shop.storefront(
                "POST", "/password-reset/complete", json: ["token": try B2BShop.token(of: setPassword), "password": B2BShop.password])
            #expect(session.status == 200, "\(session.text)")
            let customerToken = try #require(session.jsonObject?["token"] as? String)
            let account = try await shop.storefront("GET", "/account", token: customerToken)
            #expect(account.status == 200, "\(account.text)")
            let b2b = try #require(
                ((account.jsonObject?["account"] as? [String: Any])?["modules"] as? [String: Any])?["b2b"] as? [String: Any],
                "\(account.text)")
            let seen = try #require(b2b["company"] as? [String: Any])
            #expect(seen["name"] as? String == "Lapin Puu Oy")
            #expect(seen["admin"] as? Bool == true)
            #expect(seen["riskRating"] == nil, "the risk rating is the merchant's")
            #expect(seen["erpCustomerNumber"] == nil)
            #expect((b2b["applications"] as? [[String: Any]])?.first?["status"] as? String == "approved")
            let signIn = try await shop.storefront(
                "POST", "/sessions", json: ["email": "kaisa@lapinpuu.example.fi", "password": B2BShop.password])
            #expect(signIn.status == 201 || signIn.status == 200, "\(signIn.text)")

            // Every step in the audit log.
            #expect(
                try await shop.auditActions(entity: "b2b_application", id: id) == ["b2b.application_submitted", "b2b.application_approved"])
            let companyActions = try await shop.auditActions(entity: "b2b_company", id: companyID)
            #expect(companyActions == ["b2b.company_created", "b2b.person_added"])
            #expect(try await shop.auditActions(entity: "customer", id: customerID).first == "customer.created")
        }
    }

    @Test func anAlteredOrIncompleteLinkIsRefused() async throws {
        try await B2BShop.with { shop in
            let id = try await shop.apply()
            let link = try await shop.approvalLink()
            let token = try B2BShop.token(of: link)
            var parts = token.split(separator: ".").map(String.init)
            try #require(parts.count == 4)
            let base = String(link[..<link.range(of: "token=")!.lowerBound]) + "token="

            // Another application's id, a later expiry, a changed signature: the signature fails.
            let original = parts
            parts[0] = String(id + 1)
            let signature = parts[3]
            var altered = [parts.joined(separator: ".")]
            var later = original
            later[1] = String((Int(later[1]) ?? 0) + 86_400)
            altered.append(later.joined(separator: "."))
            var forged = original
            // One character of the signature changed (still well-formed base64url).
            forged[3] = (signature.first == "A" ? "B" : "A") + signature.dropFirst()
            altered.append(forged.joined(separator: "."))
            for token in altered {
                let response = try await shop.storefront("POST", "/b2b/approval", json: ["token": token, "erpCustomerNumber": "F1"])
                #expect(response.status == 403, "\(token): \(response.text)")
                #expect(response.errorCode == "link_invalid")
                #expect(response.errorField == "token")
                let page = try await shop.raw("GET", base + token, headers: [("Accept", "text/html")])
                #expect(page.status == 403)
                #expect(page.text.contains("not valid"))
            }
            for token in ["abc", "1.2.3", ""] {
                let response = try await shop.storefront("POST", "/b2b/approval", json: ["token": token, "erpCustomerNumber": "F1"])
                #expect(response.status == 400 || response.status == 422, "\(token): \(response.text)")
                #expect(response.errorField == "token", "\(token): \(response.text)")
            }
            #expect(try await shop.raw("GET", base + "abc").errorCode == "invalid_link")
            // A link signed for another shop is refused in this one.
            let other = try await B2BShop.make(shop.server, slug: "othershop", clock: shop.clock)
            let foreign = try await other.storefront("POST", "/b2b/approval", json: ["token": token, "erpCustomerNumber": "F1"])
            #expect(foreign.status == 403)
            #expect(foreign.errorCode == "link_invalid")
            // Nothing was approved.
            let application = try await shop.api("GET", "/b2b/applications/\(id)")
            #expect((application.jsonObject?["application"] as? [String: Any])?["status"] as? String == "pending")
        }
    }

    @Test func anExpiredLinkIsRefusedAndTheAdminStillApproves() async throws {
        try await B2BShop.with { shop in
            let id = try await shop.apply()
            let link = try await shop.approvalLink()
            #expect(try await shop.raw("GET", link).status == 200)
            shop.clock.advance(days: 7.5)
            let page = try await shop.raw("GET", link, headers: [("Accept", "text/html")])
            #expect(page.status == 410)
            #expect(page.text.contains("expired"), "\(page.text)")
            let post = try await shop.storefront(
                "POST", "/b2b/approval", json: ["token": try B2BShop.token(of: link), "erpCustomerNumber": "F2001"])
            #expect(post.status == 410)
            #expect(post.errorCode == "link_expired", "\(post.text)")
            #expect(try await shop.outbox("b2b-approved").isEmpty)

            let admin = try await shop.api("POST", "/b2b/applications/\(id)/approve", json: ["erpCustomerNumber": "F2001"])
            #expect(admin.status == 200, "\(admin.text)")
            #expect(((admin.jsonObject?["application"] as? [String: Any])?["decision"] as? [String: Any])?["via"] as? String == "admin")
            #expect(try await shop.outbox("b2b-approved").count == 1)
        }
    }
}
