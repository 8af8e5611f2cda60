import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// The field rules of a new customer, one test per rule, each a table of accepted values
/// (with what is stored) and refused ones (422 naming the field).
@Suite("Customer validation")
struct CustomerValidationTests {
    @Test func namesAreRequiredAndBounded() async throws {
        try await CustomerShop.with { shop in
            let refused: [([String: Any], String, String)] = [
                (["lastName": "Test", "email": "a@example.fi"], "firstName", "missing_field"),
                (["firstName": "Anna", "email": "a@example.fi"], "lastName", "missing_field"),
                (["firstName": "   ", "lastName": "Test", "email": "a@example.fi"], "firstName", "missing_field"),
                (["firstName": "Anna", "lastName": NSNull(), "email": "a@example.fi"], "lastName", "missing_field"),
                (
                    ["firstName": String(repeating: "a", count: 101), "lastName": "Test", "email": "a@example.fi"], "firstName",
                    "invalid_field"
                ),
                (["firstName": 7, "lastName": "Test", "email": "a@example.fi"], "firstName", "wrong_type"),
            ]
            for (body, field, code) in refused {
                try await shop.expectRefused(body, field: field, code: code, "\(body)")
            }
            let trimmed = try await shop.create(["firstName": "  Anna ", "lastName": "Test", "email": "a@example.fi"])
            #expect(trimmed["firstName"] as? String == "Anna")
        }
    }

    @Test func emailFormat() async throws {
        try await CustomerShop.with { shop in
            for bad in ["anna", "anna@", "@example.fi", "anna@example", "anna @example.fi", "anna@@example.fi", "anna@-example.fi"] {
                try await shop.expectRefused(CustomerShop.minimal("x", ["email": bad]), field: "email", bad)
            }
            let customer = try await shop.create(CustomerShop.minimal("x", ["email": "  Anna.Test+shop@Example.FI "]))
            #expect(customer["email"] as? String == "Anna.Test+shop@Example.FI")
        }
    }

    @Test func duplicateEmailIsTakenCaseInsensitivelyUnlessTheStoreKeepsItsOwnAccounts() async throws {
        try await CustomerShop.with { shop in
            try await shop.create(CustomerShop.minimal("x", ["email": "Anna@Example.fi"]))
            let se = try await shop.storeID("se")
            for variant in ["anna@example.fi", "ANNA@EXAMPLE.FI", " anna@example.fi "] {
                try await shop.expectRefused(
                    CustomerShop.minimal("x", ["email": variant]), field: "email", code: "email_taken", status: 409, variant)
            }
            // Accounts are shared by the shop's stores by default.
            try await shop.expectRefused(
                CustomerShop.minimal("x", ["email": "anna@example.fi", "storeId": se]), field: "email", code: "email_taken", status: 409)
            // A store that keeps its own accounts may have the same email once.
            let own = try await shop.api(
                "POST", "/stores",
                json: ["code": "own", "name": "Own accounts", "locale": "fi", "currency": "EUR", "country": "FI", "accountScope": "store"])
            #expect(own.status == 201, "\(own.text)")
            let ownID = try #require((own.jsonObject?["store"] as? [String: Any])?["id"] as? Int)
            let again = try await shop.create(CustomerShop.minimal("x", ["email": "ANNA@example.fi", "storeId": ownID]))
            #expect(again["storeId"] as? Int == ownID)
            try await shop.expectRefused(
                CustomerShop.minimal("x", ["email": "anna@EXAMPLE.fi", "storeId": ownID]), field: "email", code: "email_taken", status: 409)
        }
    }

    @Test func phonesAreReadInTheStoreCountryAndStoredAsE164() async throws {
        try await CustomerShop.with { shop in
            let stores = ["fi": try await shop.storeID("fi"), "se": try await shop.storeID("se"), "no": try await shop.storeID("no")]
            let accepted: [(String, String, String)] = [
                ("fi", "040 123 4567", "+358401234567"), ("fi", "+358 40 123 4567", "+358401234567"),
                ("fi", "00358 (0)40 1234567", "+358401234567"), ("se", "070-123 45 67", "+46701234567"),
                ("se", "+46 (0)70 123 45 67", "+46701234567"), ("no", "412 34 567", "+4741234567"),
                ("fi", "+46 70 123 45 67", "+46701234567"),
            ]
            for (index, (store, typed, stored)) in accepted.enumerated() {
                let customer = try await shop.create(CustomerShop.minimal("p\(index)", ["storeId": stores[store]!, "phone": typed]))
                #expect(customer["phone"] as? String == stored, "\(store) \(typed)")
            }
            let refused: [(String, String)] = [
                ("fi", "40 123 4567"), ("fi", "0401"), ("fi", "040-abc"), ("se", "070-123"), ("no", "0412 34 567"), ("fi", "+0 40 123"),
            ]
            for (store, typed) in refused {
                try await shop.expectRefused(CustomerShop.minimal("x", ["storeId": stores[store]!, "phone": typed]), field: "phone", typed)
            }
        }
    }

    @Test func businessIDFollowsTheStoreCountry() async throws {
        try await CustomerShop.with { shop in
            var stores: [String: Int] = [:]
            for code in ["fi", "se", "no", "dk"] { stores[code] = try await shop.storeID(code) }
            let accepted: [(String, String, String)] = [
                ("fi", "1572860-0", "1572860-0"), ("fi", "15728600", "1572860-0"), ("se", "5567037485", "556703-7485"),
                ("se", "556703-7485", "556703-7485"), ("no", "NO 923 609 016 MVA", "923609016"), ("dk", "DK 25 31 37 63", "25313763"),
            ]
            for (index, (store, typed, stored)) in accepted.enumerated() {
                let customer = try await shop.create(CustomerShop.minimal("b\(index)", ["storeId": stores[store]!, "businessId": typed]))
                #expect(customer["businessId"] as? String == stored, "\(store) \(typed)")
            }
            let refused: [(String, String, String?)] = [
                ("fi", "1572860-1", "should be 0, not 1"), ("fi", "1572860", nil), ("se", "556703-7484", "should be 5, not 4"),
                ("no", "923609017", "should be 6, not 7"), ("dk", "25313764", nil),
                // A valid Y-tunnus is not a Swedish organisation number.
                ("se", "1572860-0", nil),
            ]
            for (store, typed, message) in refused {
                try await shop.expectRefused(
                    CustomerShop.minimal("x", ["storeId": stores[store]!, "businessId": typed]), field: "businessId", message: message,
                    "\(store) \(typed)")
            }
        }
    }

    @Test func vatNumbersCheckNordicCheckDigitsAndOtherFormats() async throws {
        try await CustomerShop.with { shop in
            let accepted: [(String, String)] = [
                ("fi 1572 8600", "FI15728600"), ("SE 556703-7485 01", "SE556703748501"), ("DK25313763", "DK25313763"),
                ("DE123456789", "DE123456789"), ("NO 923 609 016 MVA", "NO923609016MVA"),
            ]
            for (index, (typed, stored)) in accepted.enumerated() {
                let customer = try await shop.create(CustomerShop.minimal("v\(index)", ["vatNumber": typed]))
                #expect(customer["vatNumber"] as? String == stored, "\(typed)")
            }
            for bad in ["FI15728601", "SE556703748401", "DK25313764", "DE12345678", "US123456789", "15728600"] {
                try await shop.expectRefused(CustomerShop.minimal("x", ["vatNumber": bad]), field: "vatNumber", bad)
            }
        }
    }

    @Test func ovtCodeEmbedsAValidYTunnus() async throws {
        try await CustomerShop.with { shop in
            let customer = try await shop.create(CustomerShop.minimal("ovt", ["ediCode": "0037 1572 8600 100"]))
            #expect(customer["ediCode"] as? String == "003715728600100")
            for bad in ["003715728601", "003815728600", "0037157286", "003715728600123456"] {
                try await shop.expectRefused(CustomerShop.minimal("x", ["ediCode": bad]), field: "ediCode", bad)
            }
        }
    }

    @Test func postalCodesFollowTheAddressCountry() async throws {
        try await CustomerShop.with { shop in
            let accepted: [(String, String, String)] = [
                ("FI", "00100", "00100"), ("FI", "FI-00100", "00100"), ("SE", "11455", "114 55"), ("NO", "0150", "0150"),
                ("DK", "1050", "1050"), ("DE", "10115", "10115"), ("GB", "sw1a 1aa", "SW1A 1AA"),
            ]
            for (index, (country, typed, stored)) in accepted.enumerated() {
                let address: [String: Any] = ["street": "Katu 1", "city": "City", "country": country, "postalCode": typed]
                let customer = try await shop.create(CustomerShop.minimal("a\(index)", ["addresses": [address]]))
                let addresses = customer["addresses"] as? [[String: Any]]
                #expect(addresses?.first?["postalCode"] as? String == stored, "\(country) \(typed)")
            }
            let refused: [(String, String)] = [("FI", "0010"), ("SE", "01455"), ("NO", "150"), ("DK", "0500"), ("FI", "ABCDE")]
            for (country, typed) in refused {
                let address: [String: Any] = ["street": "Katu 1", "city": "City", "country": country, "postalCode": typed]
                try await shop.expectRefused(
                    CustomerShop.minimal("x", ["addresses": [["street": "Katu 0", "city": "C", "postalCode": "00100"], address]]),
                    field: "addresses[1].postalCode", "\(country) \(typed)")
            }
            try await shop.expectRefused(
                CustomerShop.minimal("x", ["addresses": [["street": "K", "city": "C", "postalCode": "00100", "country": "Finland"]]]),
                field: "addresses[0].country")
        }
    }

    @Test func birthdayNeedsTheShopSettingAndARealDate() async throws {
        try await CustomerShop.with { shop in
            try await shop.expectRefused(CustomerShop.minimal("x", ["birthday": "1990-05-17"]), field: "birthday", "setting off")
            let on = try await shop.api("PATCH", "/settings", json: ["birthdayEnabled": true])
            #expect(on.status == 200, "\(on.text)")
            let customer = try await shop.create(CustomerShop.minimal("born", ["birthday": "1990-05-17"]))
            #expect(customer["birthday"] as? String == "1990-05-17")
            let leap = try await shop.create(CustomerShop.minimal("leap", ["birthday": "2024-02-29"]))
            #expect(leap["birthday"] as? String == "2024-02-29")
            for bad in ["2026-02-30", "2025-02-29", "1990-13-01", "17.05.1990", "1990-5-17", "1850-01-01"] {
                try await shop.expectRefused(CustomerShop.minimal("x", ["birthday": bad]), field: "birthday", bad)
            }
        }
    }

    @Test func moneyFieldsAreNonNegativeWholeMinorUnits() async throws {
        try await CustomerShop.with { shop in
            let customer = try await shop.create(CustomerShop.minimal("money", ["freeShippingLimit": 5000]))
            #expect(customer["freeShippingLimit"] as? Int == 5000)
            let refused: [(Any, String)] = [(-1, "invalid_field"), (12.5, "wrong_type"), ("5000", "wrong_type"), (true, "wrong_type")]
            for (value, code) in refused {
                try await shop.expectRefused(
                    CustomerShop.minimal("x", ["freeShippingLimit": value]), field: "freeShippingLimit", code: code, "\(value)")
            }
        }
    }

    @Test func choiceFieldsAcceptOnlyTheirOptions() async throws {
        try await CustomerShop.with { shop in
            let customer = try await shop.create(
                CustomerShop.minimal(
                    "choices",
                    ["socialTitle": "dr", "saleType": "export", "invoiceType": "e-invoice", "currency": "sek", "enabled": false]))
            #expect(customer["socialTitle"] as? String == "dr")
            #expect(customer["saleType"] as? String == "export")
            #expect(customer["invoiceType"] as? String == "e-invoice")
            #expect(customer["currency"] as? String == "SEK")
            #expect(customer["enabled"] as? Bool == false)
            let refused: [(String, Any, String)] = [
                ("socialTitle", "sir", "invalid_field"), ("saleType", "abroad", "invalid_field"), ("invoiceType", "fax", "invalid_field"),
                ("deliveryNoteType", "Email", "invalid_field"), ("currency", "USD", "invalid_field"), ("enabled", "yes", "wrong_type"),
            ]
            for (field, value, code) in refused {
                try await shop.expectRefused(CustomerShop.minimal("x", [field: value]), field: field, code: code, "\(field)=\(value)")
            }
        }
    }

    @Test func codeListsHoldShortLowercaseCodes() async throws {
        try await CustomerShop.with { shop in
            let customer = try await shop.create(
                CustomerShop.minimal("codes", ["allowedPaymentMethods": ["invoice", "card", "invoice"], "allowedDeliveryMethods": []]))
            #expect(customer["allowedPaymentMethods"] as? [String] == ["card", "invoice"])
            #expect(customer["allowedDeliveryMethods"] as? [String] == [])
            let refused: [(Any, String)] = [
                (["Invoice"], "invalid_field"), (["pay now"], "invalid_field"), ([7], "invalid_field"), ("invoice", "wrong_type"),
            ]
            for (value, code) in refused {
                try await shop.expectRefused(
                    CustomerShop.minimal("x", ["allowedPaymentMethods": value]), field: "allowedPaymentMethods", code: code, "\(value)")
            }
        }
    }

    @Test func nullForAFieldThatAlwaysHasAValueIsRefusedByName() async throws {
        try await CustomerShop.with { shop in
            // These columns are NOT NULL: a null must be a 422 naming the field, not a 500 from SQLite.
            let refused: [(String, Any)] = [
                ("enabled", NSNull()), ("newsletter", NSNull()), ("partnerOffers", NSNull()), ("smsMarketing", NSNull()),
                ("saleType", NSNull()), ("saleType", ""), ("hasAccount", NSNull()),
            ]
            for (field, value) in refused {
                try await shop.expectRefused(
                    CustomerShop.minimal("x", [field: value]), field: field, code: "missing_field", "\(field)=\(value)")
            }
            // Null means "not given" where a default is drawn: the store and the customer number.
            let defaulted = try await shop.create(CustomerShop.minimal("defaulted", ["storeId": NSNull(), "customerNumber": NSNull()]))
            #expect(defaulted["customerNumber"] as? String == "10001")
            #expect(defaulted["storeId"] as? Int == (try await shop.storeID("fi")))
        }
    }

    @Test func passwordGivenByStaffIsNotSilentlyDropped() async throws {
        try await CustomerShop.with { shop in
            // KNOWN BUG: "password" is a structural key, so the body is accepted, but nothing
            // stores it. It should be either hashed and stored or refused by name.
            let response = try await shop.api("POST", "/customers", json: CustomerShop.minimal("pw", ["password": "secret-pass-1"]))
            if response.status == 201 {
                let id = try #require((response.jsonObject?["customer"] as? [String: Any])?["id"] as? Int)
                let hash = try await shop.database { db in
                    try db.scalar("SELECT password_hash FROM customer WHERE id = ?", [id], as: String.self)
                }
                #expect(hash != nil, "201 for a body with a password, but no password was stored")
            } else {
                #expect(response.status == 422, "\(response.text)")
                #expect(response.errorField == "password")
            }
        }
    }

    @Test func unknownAndSystemFieldsAreRefusedByName() async throws {
        try await CustomerShop.with { shop in
            try await shop.expectRefused(CustomerShop.minimal("x", ["nickname": "Anni"]), field: "nickname", code: "unknown_field")
            try await shop.expectRefused(CustomerShop.minimal("x", ["version": 3]), field: "version", code: "unknown_field")
            let system: [(String, Any)] = [
                ("totalSales", 100), ("registeredAt", "2020-01-01T00:00:00Z"), ("activation", "pending"), ("orderCount", 2),
                ("blockedReason", "no"), ("lastVisitAt", "2020-01-01T00:00:00Z"),
            ]
            for (field, value) in system {
                try await shop.expectRefused(CustomerShop.minimal("x", [field: value]), field: field, code: "read_only_field", field)
            }
            #expect(try await shop.list("").total == 0)
        }
    }

    @Test func groupsMustBeRealCustomerGroupsWithTheDefaultAmongThem() async throws {
        try await CustomerShop.with { shop in
            let notLoggedIn = try await shop.groupID("NOT LOGGED IN")
            let wholesale = try await shop.groupID("Wholesale")
            let retailer = try await shop.groupID("Retailer")
            try await shop.expectRefused(CustomerShop.minimal("x", ["groupIds": [notLoggedIn]]), field: "groupIds")
            try await shop.expectRefused(CustomerShop.minimal("x", ["defaultGroupId": notLoggedIn]), field: "groupIds")
            try await shop.expectRefused(CustomerShop.minimal("x", ["groupIds": [9999]]), field: "groupIds")
            try await shop.expectRefused(CustomerShop.minimal("x", ["groupIds": ["Wholesale"]]), field: "groupIds", code: "wrong_type")
            try await shop.expectRefused(
                CustomerShop.minimal("x", ["groupIds": [wholesale], "defaultGroupId": retailer]), field: "defaultGroupId")
            try await shop.expectRefused(CustomerShop.minimal("x", ["storeId": 9999]), field: "storeId")
            // A default group alone makes the customer a member of it.
            let customer = try await shop.create(CustomerShop.minimal("x", ["defaultGroupId": retailer]))
            #expect(customer["groupIds"] as? [Int] == [retailer])
        }
    }
}
