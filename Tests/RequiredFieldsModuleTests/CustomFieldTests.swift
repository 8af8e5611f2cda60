import Foundation
import RequiredFieldsModule
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The merchant's own fields: definitions, values of each kind on customers through the
/// customer API, per-store applicability, and what deleting a definition takes.
@Suite("Required fields: custom fields")
struct CustomFieldTests {
    @Test func valuesOfEachKindAreCheckedStoredAndReturned() async throws {
        try await RequiredFieldsShop.with { shop in
            _ = try await shop.define(["key": "paymentReference", "label": "Payment reference", "kind": "text"])
            _ = try await shop.define(["key": "employees", "label": "Employees", "kind": "number"])
            _ = try await shop.define(["key": "contractEnds", "label": "Contract ends", "kind": "date"])
            _ = try await shop.define(["key": "segment", "label": "Segment", "kind": "choice", "choices": ["retail", "wholesale"]])

            let bad = try await shop.createCustomer(
                "aino@example.fi",
                extra: [
                    "customFields": [
                        "paymentReference": String(repeating: "x", count: 501), "employees": "12", "contractEnds": "2026-02-30",
                        "segment": "Retail", "fax": "09 123",
                    ]
                ])
            #expect(bad.status == 422)
            #expect(bad.errorCode == "invalid_fields", "\(bad.text)")
            #expect(
                bad.errorFields == [
                    "customFields.contractEnds", "customFields.employees", "customFields.fax", "customFields.paymentReference",
                    "customFields.segment",
                ])
            let errors = try #require(bad.errorObject?["errors"] as? [[String: Any]])
            let codes = Dictionary(uniqueKeysWithValues: errors.map { ($0["field"] as? String ?? "", $0["code"] as? String ?? "") })
            #expect(codes["customFields.fax"] == "unknown_field")
            #expect(codes["customFields.employees"] == "wrong_type")
            #expect(codes["customFields.contractEnds"] == "invalid_field")
            let segment = errors.first { $0["field"] as? String == "customFields.segment" }?["message"] as? String
            #expect(segment?.contains("retail, wholesale") == true)
            #expect(try await shop.api("/customers").jsonObject?["total"] as? Int == 0)

            let id = try await shop.customer(
                "aino@example.fi",
                extra: [
                    "customFields": [
                        "paymentReference": "  RF18 5390 0754 7034  ", "employees": 12.5, "contractEnds": "2026-12-31", "segment": "retail",
                    ]
                ])
            var values = try await shop.customFields(id)
            #expect(values["paymentReference"] as? String == "RF18 5390 0754 7034")
            #expect(values["employees"] as? Double == 12.5)
            #expect(values["contractEnds"] as? String == "2026-12-31")
            #expect(values["segment"] as? String == "retail")

            // A partial update changes what it names; null and "" clear.
            let patched = try await shop.api(
                "PATCH", "/customers/\(id)", json: ["customFields": ["employees": 40, "segment": NSNull(), "paymentReference": ""]])
            #expect(patched.status == 200, "\(patched.text)")
            values = try #require((patched.jsonObject?["customer"] as? [String: Any])?["customFields"] as? [String: Any])
            #expect(values.keys.sorted() == ["contractEnds", "employees"])
            #expect(values["employees"] as? Int == 40)
            #expect(try await shop.record(id)["version"] as? Int == 2)

            // The change is in the customer's timeline, like any field's.
            let timeline = try await shop.api("/customers/\(id)/timeline")
            let entries = try #require(timeline.jsonObject?["entries"] as? [[String: Any]])
            let update = try #require(entries.first { $0["action"] as? String == "customer.updated" })
            #expect(((update["after"] as? [String: Any])?["customFields"] as? [String: Any])?["employees"] as? Int == 40)

            let unknown = try await shop.api("PATCH", "/customers/\(id)", json: ["customFields": ["fax": "1"]])
            #expect(unknown.errorCode == "unknown_field")
            #expect(unknown.errorField == "customFields.fax")
            #expect(unknown.errorMessage?.contains("contractEnds, employees, paymentReference, segment") == true, "\(unknown.text)")
            let notObject = try await shop.api("PATCH", "/customers/\(id)", json: ["customFields": ["employees", 1]])
            #expect(notObject.errorCode == "wrong_type")
            #expect(notObject.errorField == "customFields")
        }
    }

    @Test func aRequiredCustomFieldIsEnforcedInTheStoresItAppliesTo() async throws {
        try await RequiredFieldsShop.with { shop in
            let field = try await shop.define([
                "key": "paymentReference", "label": "Payment reference", "kind": "text", "required": true, "stores": ["fi"],
            ])
            let missing = try await shop.createCustomer("aino@example.fi")
            #expect(missing.errorCode == "required_fields_missing")
            #expect(missing.errorFields == ["customFields.paymentReference"], "\(missing.text)")
            try await shop.require(["phone"])
            let both = try await shop.createCustomer("aino@example.fi", extra: ["customFields": [:]])
            #expect(both.errorFields == ["phone", "customFields.paymentReference"], "\(both.text)")
            let id = try await shop.customer(
                "aino@example.fi", extra: ["phone": "0401234567", "customFields": ["paymentReference": "1232"]])
            let cleared = try await shop.api("PATCH", "/customers/\(id)", json: ["customFields": ["paymentReference": NSNull()]])
            #expect(cleared.errorFields == ["customFields.paymentReference"], "\(cleared.text)")

            // Not in the Swedish store: neither required nor accepted there.
            _ = try await shop.customer("sven@example.se", store: "se")
            let elsewhere = try await shop.createCustomer(
                "olle@example.se", store: "se", extra: ["customFields": ["paymentReference": "1"]])
            #expect(elsewhere.errorCode == "field_not_applicable", "\(elsewhere.text)")
            #expect(elsewhere.errorField == "customFields.paymentReference")

            // Applied to every store, it is required in Sweden too, and the Swedish customer is incomplete.
            let widened = try await shop.api("PATCH", "/required-fields/custom-fields/\(field)", json: ["stores": NSNull()])
            #expect(widened.status == 200, "\(widened.text)")
            #expect((widened.jsonObject?["customField"] as? [String: Any])?["stores"] is NSNull)
            #expect(try await shop.createCustomer("olle@example.se", store: "se").errorFields == ["customFields.paymentReference"])
            #expect(try await shop.incomplete("store=se").total == 1)
            // No longer required: no one is incomplete for it.
            #expect(try await shop.api("PATCH", "/required-fields/custom-fields/\(field)", json: ["required": false]).status == 200)
            #expect(try await shop.incomplete().total == 0)
        }
    }

    @Test func definitionsAreCheckedMemberByMember() async throws {
        try await RequiredFieldsShop.with { shop in
            let cases: [([String: Any], String, String)] = [
                (["label": "X", "kind": "text"], "key", "missing_field"),
                (["key": "Payment", "label": "X", "kind": "text"], "key", "invalid_field"),
                (["key": "pay-ref", "label": "X", "kind": "text"], "key", "invalid_field"),
                (["key": "x", "kind": "text"], "label", "missing_field"),
                (["key": "x", "label": " ", "kind": "text"], "label", "invalid_field"),
                (["key": "x", "label": "X", "kind": "colour"], "kind", "invalid_field"),
                (["key": "x", "label": "X", "kind": "choice"], "choices", "missing_field"),
                (["key": "x", "label": "X", "kind": "choice", "choices": []], "choices", "wrong_type"),
                (["key": "x", "label": "X", "kind": "choice", "choices": ["a", "a"]], "choices[1]", "duplicate_choice"),
                (["key": "x", "label": "X", "kind": "text", "choices": ["a"]], "choices", "invalid_field"),
                (["key": "x", "label": "X", "kind": "text", "stores": ["fi", "dk"]], "stores[1]", "unknown_store"),
                (["key": "x", "label": "X", "kind": "text", "stores": []], "stores", "wrong_type"),
                (["key": "x", "label": "X", "kind": "text", "required": "yes"], "required", "wrong_type"),
                (["key": "x", "label": "X", "kind": "text", "colour": "red"], "colour", "unknown_field"),
            ]
            for (body, field, code) in cases {
                let response = try await shop.api("POST", "/required-fields/custom-fields", json: body)
                #expect(response.status == 422, "\(body): \(response.text)")
                #expect(response.errorField == field, "\(body): \(response.text)")
                #expect(response.errorCode == code, "\(body): \(response.text)")
            }
            let id = try await shop.define(["key": "segment", "label": "Segment", "kind": "choice", "choices": ["retail", "wholesale"]])
            let taken = try await shop.api(
                "POST", "/required-fields/custom-fields", json: ["key": "Segment", "label": "S", "kind": "text"])
            #expect(taken.status == 422, "upper-case first letter is not a key: \(taken.text)")
            let again = try await shop.api(
                "POST", "/required-fields/custom-fields", json: ["key": "sEGMENT", "label": "S", "kind": "text"])
            #expect(again.status == 409)
            #expect(again.errorCode == "custom_field_exists", "\(again.text)")
            for member in ["key", "kind"] {
                let immutable = try await shop.api("PATCH", "/required-fields/custom-fields/\(id)", json: [member: "text"])
                #expect(immutable.errorCode == "immutable_field", "\(immutable.text)")
                #expect(immutable.errorField == member)
            }
            #expect(try await shop.api("PATCH", "/required-fields/custom-fields/999", json: ["label": "X"]).status == 404)
            #expect(try await shop.api("/required-fields/custom-fields/abc").status == 404)
        }
    }

    @Test func aChoiceInUseStaysAndDeletingAFieldDeletesItsValues() async throws {
        try await RequiredFieldsShop.with { shop in
            let id = try await shop.define([
                "key": "segment", "label": "Segment", "kind": "choice", "choices": ["retail", "wholesale"], "required": true,
            ])
            let customer = try await shop.customer("aino@example.fi", extra: ["customFields": ["segment": "wholesale"]])
            let removed = try await shop.api("PATCH", "/required-fields/custom-fields/\(id)", json: ["choices": ["retail"]])
            #expect(removed.status == 409)
            #expect(removed.errorCode == "choice_in_use", "\(removed.text)")
            #expect(removed.errorObject?["customers"] as? Int == 1)
            let added = try await shop.api(
                "PATCH", "/required-fields/custom-fields/\(id)", json: ["choices": ["retail", "wholesale", "public"], "label": "Sector"])
            #expect(added.status == 200, "\(added.text)")
            let field = try #require(added.jsonObject?["customField"] as? [String: Any])
            #expect(field["choices"] as? [String] == ["retail", "wholesale", "public"])
            #expect(field["values"] as? Int == 1)

            let deleted = try await shop.api("DELETE", "/required-fields/custom-fields/\(id)")
            #expect(deleted.status == 200, "\(deleted.text)")
            #expect(deleted.jsonObject?["valuesDeleted"] as? Int == 1)
            #expect(try await shop.customFields(customer).isEmpty)
            // No longer required or known.
            _ = try await shop.customer("eino@example.fi")
            #expect(
                try await shop.createCustomer("toivo@example.fi", extra: ["customFields": ["segment": "retail"]]).errorCode
                    == "unknown_field")
            let audit = try await shop.server.auditEntries(shop.slug, token: shop.token)
            let entry = try #require(audit.first { $0["action"] as? String == "custom_field.deleted" })
            #expect((entry["after"] as? [String: Any])?["valuesDeleted"] as? Int == 1)
            #expect(audit.contains { $0["action"] as? String == "custom_field.updated" })
            #expect(audit.contains { $0["action"] as? String == "custom_field.created" })
        }
    }

    @Test func customValuesGoWithTheCustomerInCopiesExportsErasureAndDeletion() async throws {
        try await RequiredFieldsShop.with { shop in
            _ = try await shop.define(["key": "paymentReference", "label": "Payment reference", "kind": "text"])
            let id = try await shop.customer("aino@example.fi", extra: ["customFields": ["paymentReference": "PO-77"]])
            let copy = try await shop.api(
                "POST", "/customers/\(id)/copy", json: ["firstName": "Eino", "lastName": "Asiakas", "email": "eino@example.fi"])
            #expect(copy.status == 201, "\(copy.text)")
            let copied = try #require((copy.jsonObject?["customer"] as? [String: Any])?["customFields"] as? [String: Any])
            #expect(copied["paymentReference"] as? String == "PO-77")

            let export = try await shop.api("/customers/\(id)/gdpr-export")
            let modules = try #require(export.jsonObject?["modules"] as? [String: Any])
            let part = try #require((modules["required-fields"] as? [String: Any])?["customFields"] as? [String: Any])
            #expect(part["paymentReference"] as? String == "PO-77")

            let dryRun = try await shop.api("DELETE", "/customers/\(id)?dryRun=true")
            let impact = try #require((dryRun.jsonObject?["impact"] as? [String: Any])?["modules"] as? [String: Any])
            #expect((impact["required-fields"] as? [String: Any])?["customFieldValues"] as? Int == 1)

            let number = try #require(try await shop.record(id)["customerNumber"] as? String)
            let erased = try await shop.api("POST", "/customers/\(id)/gdpr-erase", json: ["confirmCustomerNumber": number])
            #expect(erased.status == 200, "\(erased.text)")
            #expect(try await shop.customFields(id).isEmpty)
            let rows = try await shop.server.withShopDatabase(shop.slug) { db in
                try db.scalar("SELECT count(*) FROM customer_custom_value WHERE value = 'PO-77'", as: Int.self) ?? -1
            }
            #expect(rows == 1, "only the copy's value is left")
        }
    }
}
