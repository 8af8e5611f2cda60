import Foundation
import RequiredFieldsModule
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// Core fields a store requires, through the staff API: the settings, create and partial
/// update, with one 422 naming every missing field.
@Suite("Required fields: core fields in the staff API")
struct RequiredCoreFieldTests {
    @Test func createNamesEveryMissingFieldOfItsStoreOnly() async throws {
        try await RequiredFieldsShop.with { shop in
            try await shop.require(["phone", "addresses", "vatNumber"])
            let refused = try await shop.createCustomer("aino@example.fi")
            #expect(refused.status == 422, "\(refused.text)")
            #expect(refused.errorCode == "required_fields_missing")
            #expect(refused.errorFields == ["phone", "vatNumber", "addresses"])
            #expect(refused.errorField == "phone")
            let message = refused.errorMessage ?? ""
            for field in ["phone", "vatNumber", "addresses"] { #expect(message.contains(field), "\(message)") }
            let errors = try #require(refused.errorObject?["errors"] as? [[String: Any]])
            #expect(errors.map { $0["code"] as? String } == ["missing_field", "missing_field", "missing_field"])
            #expect((errors.first?["message"] as? String)?.contains("store fi") == true)
            // Nothing of the refused customer was kept.
            let list = try await shop.api("/customers")
            #expect(list.jsonObject?["total"] as? Int == 0)

            // The other store requires nothing.
            _ = try await shop.customer("sven@example.se", store: "se")

            let address: [String: Any] = ["street": "Mannerheimintie 1", "postalCode": "00100", "city": "Helsinki", "country": "FI"]
            let partly = try await shop.createCustomer("aino@example.fi", extra: ["phone": "040 123 4567", "addresses": [address]])
            #expect(partly.status == 422)
            #expect(partly.errorFields == ["vatNumber"], "\(partly.text)")
            // An invalid value is the core's own error, before any requirement.
            let invalid = try await shop.createCustomer("aino@example.fi", extra: ["vatNumber": "FI123"])
            #expect(invalid.errorCode == "invalid_field")
            #expect(invalid.errorField == "vatNumber")
            _ = try await shop.customer(
                "aino@example.fi", extra: ["phone": "040 123 4567", "addresses": [address], "vatNumber": "FI01120389"])
        }
    }

    @Test func birthdayIsRequiredOnlyWhileTheShopOffersIt() async throws {
        try await RequiredFieldsShop.with { shop in
            let off = try await shop.api("PUT", "/required-fields/stores/fi", json: ["required": ["birthday"]])
            #expect(off.status == 422)
            #expect(off.errorCode == "field_not_requirable", "\(off.text)")
            #expect(try await shop.api("PATCH", "/settings", json: ["birthdayEnabled": true]).status == 200)
            try await shop.require(["birthday"])
            #expect(try await shop.createCustomer("aino@example.fi").errorFields == ["birthday"])
            _ = try await shop.customer("aino@example.fi", extra: ["birthday": "1990-05-17"])
            let late = try await shop.customer("eino@example.fi", extra: ["birthday": "1985-01-02"])
            #expect(try await shop.api("PATCH", "/customers/\(late)", json: ["birthday": NSNull()]).errorFields == ["birthday"])

            // Switched off again (GDPR): no one can give it, so no one is asked for it or listed for it.
            #expect(try await shop.api("PATCH", "/settings", json: ["birthdayEnabled": false]).status == 200)
            _ = try await shop.customer("toivo@example.fi")
            #expect(try await shop.incomplete().total == 0)
        }
    }

    @Test func anUpdateMayNotEmptyARequiredFieldNorMoveACustomerIntoAStoreTheyDoNotSatisfy() async throws {
        try await RequiredFieldsShop.with { shop in
            try await shop.require(["phone", "company"])
            let id = try await shop.customer("aino@example.fi", extra: ["phone": "0401234567", "company": "Oy Pohjola Tuote"])
            for patch in [["phone": NSNull()], ["phone": ""], ["phone": "  "]] as [[String: Any]] {
                let cleared = try await shop.api("PATCH", "/customers/\(id)", json: patch)
                #expect(cleared.status == 422, "\(patch): \(cleared.text)")
                #expect(cleared.errorFields == ["phone"])
            }
            let both = try await shop.api("PATCH", "/customers/\(id)", json: ["phone": NSNull(), "company": NSNull()])
            #expect(both.errorFields == ["company", "phone"], "\(both.text)")
            // The refused saves changed nothing, not even the version.
            let record = try await shop.record(id)
            #expect(record["phone"] as? String == "+358401234567")
            #expect(record["version"] as? Int == 1)
            // A change that keeps them is fine.
            let renamed = try await shop.api("PATCH", "/customers/\(id)", json: ["lastName": "Virtanen"])
            #expect(renamed.status == 200, "\(renamed.text)")

            // A customer of the other store, moved here, must bring what this store requires.
            let sven = try await shop.customer("sven@example.se", store: "se")
            let moved = try await shop.api("PATCH", "/customers/\(sven)", json: ["storeId": try await shop.storeID("fi")])
            #expect(moved.status == 422)
            #expect(moved.errorFields == ["company", "phone"], "\(moved.text)")
            let movedComplete = try await shop.api(
                "PATCH", "/customers/\(sven)", json: ["storeId": try await shop.storeID("fi"), "phone": "0401234568", "company": "AB"])
            #expect(movedComplete.status == 200, "\(movedComplete.text)")
        }
    }

    /// Decided: an update that does not touch a field missing since before the field became
    /// required passes, and the customer stays listed as incomplete (Magento refuses such saves).
    @Test func anOldIncompleteCustomerCanStillBeEditedAndStaysIncomplete() async throws {
        try await RequiredFieldsShop.with { shop in
            let id = try await shop.customer("aino@example.fi")
            try await shop.require(["phone"])
            let read = try await shop.api("/customers/\(id)")
            #expect(read.status == 200)
            let unrelated = try await shop.api("PATCH", "/customers/\(id)", json: ["newsletter": true, "staffNote": "Calls on Mondays"])
            #expect(unrelated.status == 200, "\(unrelated.text)")
            #expect(try await shop.incomplete().missing == [id: ["phone"]])
            // Touching the missing field without filling it is refused, by name.
            let stillEmpty = try await shop.api("PATCH", "/customers/\(id)", json: ["phone": ""])
            #expect(stillEmpty.errorFields == ["phone"], "\(stillEmpty.text)")
            let filled = try await shop.api("PATCH", "/customers/\(id)", json: ["phone": "040 765 4321"])
            #expect(filled.status == 200)
            #expect(try await shop.incomplete().total == 0)
        }
    }

    @Test func copyIsCheckedAsANewCustomer() async throws {
        try await RequiredFieldsShop.with { shop in
            let id = try await shop.customer("aino@example.fi")
            try await shop.require(["phone"])
            let copy = try await shop.api(
                "POST", "/customers/\(id)/copy", json: ["firstName": "Eino", "lastName": "Asiakas", "email": "eino@example.fi"])
            #expect(copy.status == 422)
            #expect(copy.errorFields == ["phone"], "\(copy.text)")
            let withPhone = try await shop.api(
                "POST", "/customers/\(id)/copy",
                json: ["firstName": "Eino", "lastName": "Asiakas", "email": "eino@example.fi", "phone": "0501234567"])
            #expect(withPhone.status == 201, "\(withPhone.text)")
        }
    }

    @Test func theRequiredSetNamesEveryUnknownOrUnrequirableFieldAndIsAudited() async throws {
        try await RequiredFieldsShop.with { shop in
            let unknown = try await shop.api("PUT", "/required-fields/stores/fi", json: ["required": ["phone", "fax", "telex"]])
            #expect(unknown.status == 422)
            #expect(unknown.errorCode == "unknown_field")
            #expect(unknown.errorField == "required")
            #expect(unknown.errorObject?["unknown"] as? [String] == ["fax", "telex"])
            #expect(unknown.errorMessage?.contains("fax, telex") == true, "\(unknown.errorMessage ?? "")")

            let custom = try await shop.api("PUT", "/required-fields/stores/fi", json: ["required": ["customFields.paymentReference"]])
            #expect(custom.errorCode == "unknown_field")
            #expect(custom.errorMessage?.contains("its own definition") == true, "\(custom.text)")

            let unrequirable = try await shop.api("PUT", "/required-fields/stores/fi", json: ["required": ["newsletter", "totalSales"]])
            #expect(unrequirable.status == 422)
            #expect(unrequirable.errorCode == "field_not_requirable")
            let names = unrequirable.errorObject?["notRequirable"] as? [String] ?? []
            #expect(names.count == 2 && names[0].hasPrefix("newsletter") && names[1].hasPrefix("totalSales"), "\(names)")

            for body in [[:], ["required": "phone"], ["required": [1]], ["required": [], "extra": true]] as [[String: Any]] {
                let bad = try await shop.api("PUT", "/required-fields/stores/fi", json: body)
                #expect(bad.status == 422, "\(body): \(bad.text)")
                #expect(bad.errorField != nil)
            }
            #expect(try await shop.api("PUT", "/required-fields/stores/nowhere", json: ["required": []]).status == 404)

            let saved = try await shop.api("PUT", "/required-fields/stores/fi", json: ["required": ["addresses", "phone", "phone"]])
            #expect(saved.status == 200, "\(saved.text)")
            let settings = try #require(saved.jsonObject?["settings"] as? [String: Any])
            #expect(settings["required"] as? [String] == ["phone", "addresses"])
            #expect((settings["store"] as? [String: Any])?["code"] as? String == "fi")

            let overview = try await shop.api("/required-fields")
            let stores = try #require(overview.jsonObject?["stores"] as? [[String: Any]])
            #expect(stores.map { $0["required"] as? [String] ?? ["?"] } == [["phone", "addresses"], []])
            let fields = try #require(overview.jsonObject?["fields"] as? [[String: Any]])
            #expect(fields.first { $0["key"] as? String == "phone" }?["requirable"] as? Bool == true)
            #expect(fields.first { $0["key"] as? String == "enabled" }?["requirable"] as? Bool == false)

            let audit = try await shop.server.auditEntries(shop.slug, token: shop.token)
            let entry = try #require(audit.first { $0["action"] as? String == "required_fields.changed" })
            #expect((entry["after"] as? [String: Any])?["required"] as? [String] == ["phone", "addresses"])
            #expect((entry["before"] as? [String: Any])?["required"] as? [String] == [])
        }
    }

    @Test func staffReadTheSettingsButOnlyManagersChangeThem() async throws {
        try await RequiredFieldsShop.with { shop in
            let staff = try await shop.server.member(shop.slug, owner: shop.token, role: "staff")
            #expect(try await shop.api("/required-fields", token: staff).status == 200)
            #expect(try await shop.api("/required-fields/incomplete", token: staff).status == 200)
            let put = try await shop.api("PUT", "/required-fields/stores/fi", json: ["required": ["phone"]], token: staff)
            #expect(put.status == 403, "\(put.text)")
            let define = try await shop.api(
                "POST", "/required-fields/custom-fields", json: ["key": "x", "label": "X", "kind": "text"], token: staff)
            #expect(define.status == 403)
            #expect(try await shop.api("/required-fields").status == 200)
            #expect(try await shop.server.request("/shops/\(shop.slug)/api/required-fields").status == 401)
        }
    }
}
