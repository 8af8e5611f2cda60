import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// What the `staff` and `read-only` roles may do with customers, stores, groups and settings.
@Suite("Customer permissions")
struct CustomerPermissionTests {
    @Test func staffHandleCustomersButNotStoresGroupsSettingsOrDeletes() async throws {
        try await CustomerShop.with { shop in
            let staff = try await shop.signInMember(role: "staff")
            let created = try await shop.api("POST", "/customers", json: CustomerShop.minimal("by-staff"), token: staff)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require((created.jsonObject?["customer"] as? [String: Any])?["id"] as? Int)
            let allowed: [(String, String, [String: Any]?)] = [
                ("PATCH", "/customers/\(id)", ["company": "Staff Oy"]), ("POST", "/customers/\(id)/block", ["reason": "Check"]),
                ("POST", "/customers/\(id)/unblock", nil), ("POST", "/customers/\(id)/activate", nil),
                ("POST", "/customers/\(id)/copy", ["firstName": "Kopio", "lastName": "Test", "email": "copy@example.fi"]),
                ("GET", "/customers", nil), ("GET", "/customers/\(id)/timeline", nil), ("GET", "/stores", nil), ("GET", "/groups", nil),
                ("GET", "/settings", nil),
            ]
            for (method, path, body) in allowed {
                let response = try await shop.api(method, path, json: body, token: staff)
                #expect((200...201).contains(response.status), "\(method) \(path): \(response.text)")
            }

            let se = try await shop.storeID("se")
            let retailer = try await shop.groupID("Retailer")
            let denied: [(String, String, [String: Any]?, String)] = [
                ("POST", "/stores", StoreGroupSettingsTests.store("staffstore"), "stores.manage"),
                ("PATCH", "/stores/\(se)", ["name": "Renamed"], "stores.manage"), ("DELETE", "/stores/\(se)", nil, "stores.manage"),
                ("POST", "/groups", ["name": "Staff group"], "groups.manage"),
                ("PATCH", "/groups/\(retailer)", ["taxClass": "tax-free-reseller"], "groups.manage"),
                ("DELETE", "/groups/\(retailer)", nil, "groups.manage"),
                ("PATCH", "/settings", ["birthdayEnabled": true], "settings.manage"),
                ("DELETE", "/customers/\(id)", nil, "customers.delete"),
                ("DELETE", "/customers/\(id)?dryRun=true", nil, "customers.delete"),
            ]
            for (method, path, body, permission) in denied {
                let response = try await shop.api(method, path, json: body, token: staff)
                #expect(response.status == 403, "\(method) \(path): \(response.text)")
                #expect(response.errorCode == "permission_denied", "\(method) \(path)")
                #expect(response.errorObject?["permission"] as? String == permission, "\(method) \(path)")
            }

            // Nothing the refused requests asked for happened.
            #expect(try await shop.customer(id)["id"] as? Int == id)
            let stores = try #require(try await shop.api("GET", "/stores").jsonObject?["stores"] as? [[String: Any]])
            #expect(stores.count == 4 && stores.first { $0["id"] as? Int == se }?["name"] as? String == "Website SE")
            let groups = try #require(try await shop.api("GET", "/groups").jsonObject?["groups"] as? [[String: Any]])
            #expect(groups.count == 4 && groups.first { $0["id"] as? Int == retailer }?["taxClass"] as? String == "taxable")
            let settings = try await shop.api("GET", "/settings")
            #expect((settings.jsonObject?["settings"] as? [String: Any])?["birthdayEnabled"] as? Bool == false)
            // The owner may do what the staff member may not.
            #expect(try await shop.api("DELETE", "/customers/\(id)?dryRun=true").status == 200)
        }
    }

    @Test func readOnlyStaffReadEverythingAndChangeNothing() async throws {
        try await CustomerShop.with { shop in
            let id = try #require(try await shop.create(CustomerShop.minimal("watched"))["id"] as? Int)
            let reader = try await shop.signInMember(role: "read-only")
            for path in [
                "/customers", "/customers/\(id)", "/customers/\(id)/timeline", "/customers?q=watched", "/stores", "/groups", "/settings",
            ] {
                let response = try await shop.api("GET", path, token: reader)
                #expect(response.status == 200, "GET \(path): \(response.text)")
            }
            let se = try await shop.storeID("se")
            let retailer = try await shop.groupID("Retailer")
            let writes: [(String, String, [String: Any]?)] = [
                ("POST", "/customers", CustomerShop.minimal("by-reader")), ("PATCH", "/customers/\(id)", ["company": "X"]),
                ("DELETE", "/customers/\(id)", nil), ("DELETE", "/customers/\(id)?dryRun=true", nil),
                ("POST", "/customers/\(id)/copy", ["firstName": "A", "lastName": "B", "email": "ab@example.fi"]),
                ("POST", "/customers/\(id)/block", ["reason": "x"]), ("POST", "/customers/\(id)/unblock", nil),
                ("POST", "/customers/\(id)/activate", nil), ("POST", "/stores", StoreGroupSettingsTests.store("readerstore")),
                ("PATCH", "/stores/\(se)", ["name": "X"]), ("DELETE", "/stores/\(se)", nil), ("POST", "/groups", ["name": "Readers"]),
                ("PATCH", "/groups/\(retailer)", ["name": "X"]), ("DELETE", "/groups/\(retailer)", nil),
                ("PATCH", "/settings", ["birthdayEnabled": true]),
            ]
            for (method, path, body) in writes {
                let response = try await shop.api(method, path, json: body, token: reader)
                #expect(response.status == 403, "\(method) \(path): \(response.text)")
                #expect(["read_only", "permission_denied"].contains(response.errorCode ?? ""), "\(method) \(path): \(response.text)")
            }
            let customer = try await shop.customer(id)
            #expect(customer["version"] as? Int == 1)
            #expect(try await shop.list("").total == 1)
            let audit = try await shop.api("GET", "/audit?entity=customer")
            #expect((audit.jsonObject?["entries"] as? [Any])?.count == 1)
        }
    }
}
