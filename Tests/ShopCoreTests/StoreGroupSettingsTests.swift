import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// The shop's stores, customer groups and customer settings, as the merchant manages them.
@Suite("Stores, groups and settings")
struct StoreGroupSettingsTests {
    static func store(_ code: String, _ extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = ["code": code, "name": "Website \(code)", "locale": "fi", "currency": "EUR", "country": "FI"]
        for (key, value) in extra { body[key] = value }
        return body
    }

    @Test func storeCreateValidatesEachFieldAndRefusesADuplicateCode() async throws {
        try await CustomerShop.with { shop in
            let created = try await shop.api("POST", "/stores", json: Self.store("outlet", ["country": "SE", "currency": "SEK"]))
            #expect(created.status == 201, "\(created.text)")
            let store = try #require(created.jsonObject?["store"] as? [String: Any])
            #expect(store["code"] as? String == "outlet")
            #expect(store["accountScope"] as? String == "shop")
            #expect(store["country"] as? String == "SE")
            let refused: [([String: Any], Int, String, String)] = [
                (Self.store("Bad Code"), 422, "store.code", "invalid_field"), (Self.store(""), 422, "store.code", "invalid_field"),
                (Self.store("x", ["name": "  "]), 422, "store.name", "invalid_field"),
                (Self.store("x", ["locale": "de"]), 422, "store.locale", "invalid_field"),
                (Self.store("x", ["currency": "USD"]), 422, "store.currency", "invalid_field"),
                (Self.store("x", ["country": "fin"]), 422, "store.country", "invalid_field"),
                (Self.store("x", ["accountScope": "tenant"]), 422, "accountScope", "invalid_field"),
                (Self.store("x", ["domain": "x.fi"]), 422, "domain", "unknown_field"),
                (Self.store("outlet"), 409, "code", "store_exists"), (Self.store("fi"), 409, "code", "store_exists"),
            ]
            for (body, status, field, code) in refused {
                let response = try await shop.api("POST", "/stores", json: body)
                #expect(response.status == status, "\(body): \(response.text)")
                #expect(response.errorField == field, "\(body)")
                #expect(response.errorCode == code, "\(body)")
            }
            let stores = try #require(try await shop.api("GET", "/stores").jsonObject?["stores"] as? [[String: Any]])
            #expect(stores.compactMap { $0["code"] as? String } == ["fi", "se", "no", "dk", "outlet"])
        }
    }

    @Test func storePatchAndTheAccountScopeRule() async throws {
        try await CustomerShop.with { shop in
            let se = try await shop.storeID("se")
            let renamed = try await shop.api("PATCH", "/stores/\(se)", json: ["name": "Webbplats SE", "accountScope": "store"])
            #expect(renamed.status == 200, "\(renamed.text)")
            let store = try #require(renamed.jsonObject?["store"] as? [String: Any])
            #expect(store["name"] as? String == "Webbplats SE")
            #expect(store["accountScope"] as? String == "store")
            #expect(store["code"] as? String == "se")
            let duplicate = try await shop.api("PATCH", "/stores/\(se)", json: ["code": "fi"])
            #expect(duplicate.status == 409)
            #expect(duplicate.errorCode == "store_exists")
            let badLocale = try await shop.api("PATCH", "/stores/\(se)", json: ["locale": "xx"])
            #expect(badLocale.status == 422)
            #expect(badLocale.errorField == "store.locale")
            #expect(try await shop.api("PATCH", "/stores/9999", json: ["name": "X"]).status == 404)

            // Once the store has customers its account scope is fixed; other changes still work.
            try await shop.create(CustomerShop.minimal("swede", ["storeId": se]))
            let scope = try await shop.api("PATCH", "/stores/\(se)", json: ["accountScope": "shop"])
            #expect(scope.status == 409)
            #expect(scope.errorCode == "store_in_use")
            #expect(scope.errorField == "accountScope")
            let sameScope = try await shop.api("PATCH", "/stores/\(se)", json: ["accountScope": "store", "name": "Sverige"])
            #expect(sameScope.status == 200, "\(sameScope.text)")
            let stores = try #require(try await shop.api("GET", "/stores").jsonObject?["stores"] as? [[String: Any]])
            let stored = try #require(stores.first { $0["id"] as? Int == se })
            #expect(stored["accountScope"] as? String == "store")
            #expect(stored["name"] as? String == "Sverige")
        }
    }

    @Test func storeDeleteIsRefusedWithCustomersAndForTheLastStore() async throws {
        try await CustomerShop.with { shop in
            let no = try await shop.storeID("no")
            for index in 0..<3 { try await shop.create(CustomerShop.minimal("nordmann\(index)", ["storeId": no])) }
            let inUse = try await shop.api("DELETE", "/stores/\(no)")
            #expect(inUse.status == 409)
            #expect(inUse.errorCode == "store_in_use")
            #expect(inUse.errorObject?["customers"] as? Int == 3)
            #expect(inUse.errorMessage?.contains("3 customers") == true)

            for code in ["se", "dk", "fi"] {
                let deleted = try await shop.api("DELETE", "/stores/\(try await shop.storeID(code))")
                #expect(deleted.status == 204, "\(code): \(deleted.text)")
            }
            for id in try await shop.list("limit=500").customers.compactMap({ $0["id"] as? Int }) {
                #expect(try await shop.api("DELETE", "/customers/\(id)").status == 200)
            }
            let last = try await shop.api("DELETE", "/stores/\(no)")
            #expect(last.status == 409)
            #expect(last.errorCode == "last_store")
            #expect(try await shop.api("DELETE", "/stores/9999").status == 404)
            let stores = try #require(try await shop.api("GET", "/stores").jsonObject?["stores"] as? [[String: Any]])
            #expect(stores.compactMap { $0["code"] as? String } == ["no"])
        }
    }

    @Test func groupsCreateRenameAndTaxClassButBuiltInsKeepTheirNames() async throws {
        try await CustomerShop.with { shop in
            let groups = try #require(try await shop.api("GET", "/groups").jsonObject?["groups"] as? [[String: Any]])
            #expect(groups.compactMap { $0["name"] as? String } == ["NOT LOGGED IN", "General", "Wholesale", "Retailer"])
            #expect(groups.allSatisfy { $0["builtIn"] as? Bool == true })

            let created = try await shop.api("POST", "/groups", json: ["name": " Jälleenmyyjät ", "taxClass": "tax-free-reseller"])
            #expect(created.status == 201, "\(created.text)")
            let group = try #require(created.jsonObject?["group"] as? [String: Any])
            let id = try #require(group["id"] as? Int)
            #expect(group["name"] as? String == "Jälleenmyyjät")
            #expect(group["builtIn"] as? Bool == false)
            let defaultTax = try await shop.api("POST", "/groups", json: ["name": "Default tax"])
            #expect((defaultTax.jsonObject?["group"] as? [String: Any])?["taxClass"] as? String == "taxable")

            let renamed = try await shop.api("PATCH", "/groups/\(id)", json: ["name": "Reseller Partners", "taxClass": "taxable"])
            #expect(renamed.status == 200, "\(renamed.text)")
            #expect((renamed.jsonObject?["group"] as? [String: Any])?["name"] as? String == "Reseller Partners")
            #expect((renamed.jsonObject?["group"] as? [String: Any])?["taxClass"] as? String == "taxable")

            let refused: [(String, String, [String: Any], Int, String?, String)] = [
                ("POST", "/groups", ["name": ""], 422, "name", "invalid_field"),
                ("POST", "/groups", ["name": String(repeating: "g", count: 101)], 422, "name", "invalid_field"),
                ("POST", "/groups", ["name": "X", "taxClass": "exempt"], 422, "taxClass", "invalid_field"),
                ("POST", "/groups", ["name": "general"], 409, "name", "group_exists"),
                ("POST", "/groups", ["name": "X", "discount": 5], 422, "discount", "unknown_field"),
                ("PATCH", "/groups/\(id)", ["name": "WHOLESALE"], 409, "name", "group_exists"),
                ("PATCH", "/groups/\(id)", ["taxClass": "none"], 422, "taxClass", "invalid_field"),
            ]
            for (method, path, body, status, field, code) in refused {
                let response = try await shop.api(method, path, json: body)
                #expect(response.status == status, "\(method) \(body): \(response.text)")
                #expect(response.errorField == field, "\(method) \(body)")
                #expect(response.errorCode == code, "\(method) \(body)")
            }

            for name in ["NOT LOGGED IN", "General", "Wholesale", "Retailer"] {
                let builtIn = try await shop.groupID(name)
                let rename = try await shop.api("PATCH", "/groups/\(builtIn)", json: ["name": "\(name) 2"])
                #expect(rename.status == 409, "\(name)")
                #expect(rename.errorCode == "built_in_group", "\(name)")
                let delete = try await shop.api("DELETE", "/groups/\(builtIn)")
                #expect(delete.status == 409, "\(name)")
                #expect(delete.errorCode == "built_in_group", "\(name)")
            }
            // A built-in group's tax class is the merchant's to choose.
            let retailer = try await shop.groupID("Retailer")
            let taxFree = try await shop.api("PATCH", "/groups/\(retailer)", json: ["taxClass": "tax-free-reseller"])
            #expect((taxFree.jsonObject?["group"] as? [String: Any])?["taxClass"] as? String == "tax-free-reseller")
            #expect(try await shop.api("PATCH", "/groups/9999", json: ["name": "X"]).status == 404)
        }
    }

    @Test func groupInUseIsDeletedOnlyByMovingItsCustomers() async throws {
        try await CustomerShop.with { shop in
            let general = try await shop.groupID("General")
            let wholesale = try await shop.groupID("Wholesale")
            let vip = try await shop.createGroup("VIP")
            let onlyVIP = try #require(try await shop.create(CustomerShop.minimal("only", ["groupIds": [vip]]))["id"] as? Int)
            let both = try #require(
                try await shop.create(CustomerShop.minimal("both", ["groupIds": [general, vip], "defaultGroupId": general]))["id"] as? Int)
            let alsoWholesale = try #require(
                try await shop.create(CustomerShop.minimal("also", ["groupIds": [vip, wholesale], "defaultGroupId": vip]))["id"] as? Int)

            let inUse = try await shop.api("DELETE", "/groups/\(vip)")
            #expect(inUse.status == 409)
            #expect(inUse.errorCode == "group_in_use")
            #expect(inUse.errorObject?["customers"] as? Int == 3)
            let notLoggedIn = try await shop.groupID("NOT LOGGED IN")
            for bad in ["x", "\(vip)", "\(notLoggedIn)"] {
                let response = try await shop.api("DELETE", "/groups/\(vip)?moveTo=\(bad)")
                #expect(response.status == 400, "moveTo=\(bad): \(response.text)")
                #expect(response.errorField == "moveTo", "moveTo=\(bad)")
            }
            #expect(try await shop.api("DELETE", "/groups/\(vip)?moveTo=9999").status == 404)

            let moved = try await shop.api("DELETE", "/groups/\(vip)?moveTo=\(wholesale)")
            #expect(moved.status == 200, "\(moved.text)")
            #expect(moved.jsonObject?["customersMoved"] as? Int == 3)
            let expectations: [(Int, [Int], Int)] = [
                (onlyVIP, [wholesale], wholesale), (both, [general, wholesale].sorted(), general), (alsoWholesale, [wholesale], wholesale),
            ]
            for (id, groups, defaultGroup) in expectations {
                let customer = try await shop.customer(id)
                #expect(customer["groupIds"] as? [Int] == groups, "customer \(id)")
                #expect(customer["defaultGroupId"] as? Int == defaultGroup, "customer \(id)")
            }
            let groups = try #require(try await shop.api("GET", "/groups").jsonObject?["groups"] as? [[String: Any]])
            #expect(!groups.contains { $0["id"] as? Int == vip })
            #expect(groups.first { $0["id"] as? Int == wholesale }?["customers"] as? Int == 3)
            #expect(try await shop.list("groupId=\(wholesale)").total == 3)
            // An empty group is deleted without moveTo.
            let empty = try await shop.createGroup("Empty")
            #expect(try await shop.api("DELETE", "/groups/\(empty)").status == 200)
        }
    }

    @Test func groupMemberCountsFollowEveryChangeThoughKeptBetweenViews() async throws {
        try await CustomerShop.with { shop in
            let general = try await shop.groupID("General")
            func members() async throws -> Int? {
                let groups = try #require(try await shop.api("GET", "/groups").jsonObject?["groups"] as? [[String: Any]])
                return groups.first { $0["id"] as? Int == general }?["customers"] as? Int
            }
            let before = try #require(try await members())
            #expect(try await members() == before, "a second view, from the kept count")
            let created = try await shop.create(CustomerShop.minimal("counted"))
            #expect(try await members() == before + 1)
            #expect(try await shop.api("DELETE", "/customers/\(try #require(created["id"] as? Int))").status == 200)
            #expect(try await members() == before)
        }
    }

    @Test func settingsHaveDefaultsAndEachCanBeChangedAndValidated() async throws {
        try await CustomerShop.with { shop in
            let defaults = try #require(try await shop.api("GET", "/settings").jsonObject?["settings"] as? [String: Any])
            #expect(defaults["birthdayEnabled"] as? Bool == false)
            #expect(defaults["requireActivation"] as? Bool == false)
            #expect(defaults["minimumPasswordLength"] as? Int == 5)
            #expect(defaults["remoteAssistanceRequiresConsent"] as? Bool == true)

            let changes: [[String: Any]] = [
                ["birthdayEnabled": true], ["requireActivation": true], ["minimumPasswordLength": 12],
                ["remoteAssistanceRequiresConsent": false],
            ]
            for change in changes {
                let response = try await shop.api("PATCH", "/settings", json: change)
                #expect(response.status == 200, "\(change): \(response.text)")
            }
            let changed = try #require(try await shop.api("GET", "/settings").jsonObject?["settings"] as? [String: Any])
            #expect(changed["birthdayEnabled"] as? Bool == true)
            #expect(changed["requireActivation"] as? Bool == true)
            #expect(changed["minimumPasswordLength"] as? Int == 12)
            #expect(changed["remoteAssistanceRequiresConsent"] as? Bool == false)

            let refused: [(String, Any, String)] = [
                ("minimumPasswordLength", 4, "invalid_field"), ("minimumPasswordLength", 129, "invalid_field"),
                ("minimumPasswordLength", "8", "wrong_type"), ("birthdayEnabled", "yes", "wrong_type"),
                ("requireActivation", 1, "wrong_type"), ("theme", "dark", "unknown_field"),
            ]
            for (key, value, code) in refused {
                // A valid member alongside must not be saved either.
                var body: [String: Any] = ["remoteAssistanceRequiresConsent": true]
                body[key] = value
                let response = try await shop.api("PATCH", "/settings", json: body)
                #expect(response.status == 422, "\(key)=\(value): \(response.text)")
                #expect(response.errorField == key, "\(key)=\(value)")
                #expect(response.errorCode == code, "\(key)=\(value)")
            }
            // Refused patches change nothing, not even their valid members.
            let after = try #require(try await shop.api("GET", "/settings").jsonObject?["settings"] as? [String: Any])
            #expect(after["remoteAssistanceRequiresConsent"] as? Bool == false)
            #expect(after["minimumPasswordLength"] as? Int == 12)
            let audit = try await shop.api("GET", "/audit?entity=shop_setting")
            #expect((audit.jsonObject?["entries"] as? [Any])?.count == 4)
        }
    }
}
