import Foundation
import RequiredFieldsModule
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The same requirements on the storefront: registration and the customer's own profile
/// update, with the custom fields a customer fills in themselves.
@Suite("Required fields: storefront")
struct StorefrontRequiredFieldsTests {
    @Test func registrationNamesEveryMissingFieldTheFormCouldCarry() async throws {
        try await RequiredFieldsShop.with { shop in
            try await shop.require(["phone", "addresses", "businessId"])
            _ = try await shop.define([
                "key": "paymentReference", "label": "Payment reference", "kind": "text", "required": true, "customerEditable": true,
                "stores": ["fi"],
            ])
            _ = try await shop.define(["key": "creditRating", "label": "Credit rating", "kind": "text", "required": true])

            let refused = try await shop.register("aino@example.fi")
            #expect(refused.status == 422)
            #expect(refused.errorCode == "required_fields_missing")
            // businessId and the staff-only rating are not on the registration form: staff complete them later.
            #expect(refused.errorFields == ["phone", "addresses", "customFields.paymentReference"], "\(refused.text)")
            #expect(try await shop.api("/customers").jsonObject?["total"] as? Int == 0)

            let staffOnly = try await shop.register(
                "aino@example.fi", extra: ["phone": "0401234567", "customFields": ["paymentReference": "1232", "creditRating": "A"]])
            #expect(staffOnly.errorCode == "unknown_field")
            #expect(staffOnly.errorField == "customFields.creditRating")
            #expect(staffOnly.errorMessage?.contains("not a field of your account; you may fill in: paymentReference") == true)

            let badValue = try await shop.register("aino@example.fi", extra: ["customFields": ["paymentReference": 1232]])
            #expect(badValue.errorCode == "wrong_type", "\(badValue.text)")

            let address: [String: Any] = ["street": "Aleksanterinkatu 5", "postalCode": "00100", "city": "Helsinki", "country": "FI"]
            let token = try await shop.registerSignedIn(
                "aino@example.fi", extra: ["phone": "0401234567", "addresses": [address], "customFields": ["paymentReference": "1232"]])
            // Registered, and listed as incomplete for what only staff can fill in.
            let incomplete = try await shop.incomplete()
            #expect(incomplete.missing.values.first == ["businessId", "customFields.creditRating"])

            // The customer sees the fields they fill in, never the staff's.
            let account = try await shop.storefront("/account", token: token)
            let part = try #require((account.jsonObject?["account"] as? [String: Any])?["modules"] as? [String: Any])
            let fields = try #require((part["required-fields"] as? [String: Any])?["customFields"] as? [[String: Any]])
            #expect(fields.map { $0["key"] as? String } == ["paymentReference"])
            #expect(fields.first?["value"] as? String == "1232")
            #expect(fields.first?["required"] as? Bool == true)

            // A Swedish registration is asked for nothing of the Finnish store.
            _ = try await shop.registerSignedIn("sven@example.se", store: "se")
        }
    }

    @Test func theProfileUpdateMayNotEmptyARequiredField() async throws {
        try await RequiredFieldsShop.with { shop in
            let token = try await shop.registerSignedIn("aino@example.fi", extra: ["phone": "0401234567"])
            try await shop.require(["phone", "socialTitle"])
            _ = try await shop.define([
                "key": "paymentReference", "label": "Payment reference", "kind": "text", "required": true, "customerEditable": true,
            ])
            // Old account, new requirements: unrelated changes still pass (consent is never held up).
            let newsletter = try await shop.storefront("PATCH", "/account", token: token, json: ["newsletter": false])
            #expect(newsletter.status == 200, "\(newsletter.text)")

            let cleared = try await shop.storefront(
                "PATCH", "/account", token: token,
                json: ["phone": NSNull(), "socialTitle": NSNull(), "customFields": ["paymentReference": ""]])
            #expect(cleared.status == 422)
            #expect(cleared.errorFields == ["socialTitle", "phone", "customFields.paymentReference"], "\(cleared.text)")
            let completed = try await shop.storefront(
                "PATCH", "/account", token: token, json: ["socialTitle": "ms", "customFields": ["paymentReference": "1232"]])
            #expect(completed.status == 200, "\(completed.text)")
            #expect(try await shop.incomplete().total == 0)

            let staffField = try await shop.define(["key": "creditRating", "label": "Credit rating", "kind": "text"])
            let notTheirs = try await shop.storefront("PATCH", "/account", token: token, json: ["customFields": ["creditRating": "AAA"]])
            #expect(notTheirs.status == 422)
            #expect(notTheirs.errorField == "customFields.creditRating", "\(notTheirs.text)")
            #expect(try await shop.api("DELETE", "/required-fields/custom-fields/\(staffField)").status == 200)
        }
    }
}
