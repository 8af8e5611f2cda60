import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// The merchant's actions on one customer besides editing: delete (dry run first), copy,
/// block and unblock, activate.
@Suite("Customer actions")
struct CustomerActionsTests {
    static var addresses: [[String: Any]] {
        [
            ["street": "Kauppakatu 1", "postalCode": "00100", "city": "Helsinki"],
            ["label": "Varasto", "street": "Satamatie 9", "postalCode": "00980", "city": "Helsinki", "phone": "09 123 4567"],
        ]
    }

    @Test func deleteDryRunReportsTheImpactAndDeletesNothing() async throws {
        try await CustomerShop.with { shop in
            let wholesale = try await shop.groupID("Wholesale")
            let general = try await shop.groupID("General")
            let customer = try await shop.create(
                CustomerShop.minimal("doomed", ["groupIds": [general, wholesale], "addresses": CustomerActionsTests.addresses]))
            let id = try #require(customer["id"] as? Int)
            #expect(try await shop.api("PATCH", "/customers/\(id)", json: ["company": "Loppu Oy"]).status == 200)

            let dry = try await shop.api("DELETE", "/customers/\(id)?dryRun=true")
            #expect(dry.status == 200, "\(dry.text)")
            #expect(dry.jsonObject?["dryRun"] as? Bool == true)
            let impact = try #require(dry.jsonObject?["impact"] as? [String: Any])
            #expect(impact["customer"] as? Int == id)
            #expect(impact["addresses"] as? Int == 2)
            #expect(impact["groupMemberships"] as? Int == 2)
            #expect(impact["auditEntriesKept"] as? Int == 2)
            let after = try await shop.customer(id)
            #expect(after["version"] as? Int == 2)
            #expect((after["addresses"] as? [Any])?.count == 2)
            #expect(try await shop.search("doomed") == [id])
            #expect(try await shop.list("").total == 1)

            let real = try await shop.api("DELETE", "/customers/\(id)")
            #expect(real.status == 200, "\(real.text)")
            #expect(real.jsonObject?["dryRun"] as? Bool == false)
            #expect((real.jsonObject?["impact"] as? [String: Any])?["addresses"] as? Int == 2)
            let gone = try await shop.api("GET", "/customers/\(id)")
            #expect(gone.status == 404)
            #expect(gone.errorCode == "customer_not_found")
            #expect(try await shop.api("DELETE", "/customers/\(id)").status == 404)
            #expect(try await shop.api("DELETE", "/customers/\(id)?dryRun=true").status == 404)
            #expect(try await shop.list("").total == 0)

            // Addresses and memberships went with the customer; the audit trail stayed.
            let leftovers = try await shop.database { db in
                try db.scalar(
                    "SELECT (SELECT count(*) FROM customer_address) + (SELECT count(*) FROM customer_group_member)", as: Int.self)
            }
            #expect(leftovers == 0)
            let groups = try #require(try await shop.api("GET", "/groups").jsonObject?["groups"] as? [[String: Any]])
            #expect(groups.allSatisfy { $0["customers"] as? Int == 0 })
            let audit = try await shop.api("GET", "/audit?entity=customer&entityId=\(id)")
            let entries = try #require(audit.jsonObject?["entries"] as? [[String: Any]])
            #expect(entries.map { $0["action"] as? String } == ["customer.deleted", "customer.updated", "customer.created"])
            #expect((entries.first?["before"] as? [String: Any])?["email"] as? String == "doomed@example.fi")
        }
    }

    @Test func copyTakesBusinessFieldsGroupsAndAddressesButANewIdentity() async throws {
        try await CustomerShop.with { shop in
            let se = try await shop.storeID("se")
            let wholesale = try await shop.groupID("Wholesale")
            let retailer = try await shop.groupID("Retailer")
            let business: [String: Any] = [
                "company": "Öberg Bygg AB", "businessId": "556703-7485", "vatNumber": "SE556703748501", "currency": "SEK",
                "freeShippingLimit": 150_000, "allowedPaymentMethods": ["invoice", "card"], "invoiceType": "e-invoice",
                "saleType": "export", "staffNote": "Ring före leverans", "defaultPaymentTerms": "30 dagar",
            ]
            var body = business
            body["storeId"] = se
            body["firstName"] = "Nils"
            body["lastName"] = "Öberg"
            body["email"] = "nils@oberg.se"
            body["phone"] = "070-123 45 67"
            body["newsletter"] = true
            body["erpCustomerId"] = "ERP-1"
            body["groupIds"] = [wholesale, retailer]
            body["defaultGroupId"] = retailer
            body["addresses"] = [
                ["street": "Storgatan 1", "postalCode": "11455", "city": "Stockholm"],
                ["street": "Hamnvägen 2", "postalCode": "41301", "city": "Göteborg", "isDefaultShipping": true],
            ]
            let source = try await shop.create(body)
            let sourceID = try #require(source["id"] as? Int)

            let response = try await shop.api(
                "POST", "/customers/\(sourceID)/copy",
                json: ["firstName": "Karin", "lastName": "Öberg", "email": "karin@oberg.se", "phone": "+46 70 765 43 21"])
            #expect(response.status == 201, "\(response.text)")
            #expect(response.header("ETag") == "\"1\"")
            let copy = try #require(response.jsonObject?["customer"] as? [String: Any])
            let copyID = try #require(copy["id"] as? Int)
            #expect(copyID != sourceID)
            #expect(copy["customerNumber"] as? String != source["customerNumber"] as? String)
            #expect(copy["firstName"] as? String == "Karin")
            #expect(copy["email"] as? String == "karin@oberg.se")
            #expect(copy["phone"] as? String == "+46707654321")
            for key in business.keys.sorted() + ["storeId", "groupIds", "defaultGroupId"] {
                #expect("\(copy[key] ?? "missing")" == "\(source[key] ?? "missing")", "\(key)")
            }
            // Identity, credentials, consents and ERP ids stay with the source.
            #expect(copy["newsletter"] as? Bool == false)
            #expect(copy["erpCustomerId"] is NSNull)
            let strip: ([[String: Any]]) -> [String] = { list in
                list.map { address in "\(address.filter { $0.key != "id" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })" }
            }
            let copied = try #require(copy["addresses"] as? [[String: Any]])
            let original = try #require(source["addresses"] as? [[String: Any]])
            #expect(strip(copied) == strip(original))
            #expect(Set(copied.compactMap { $0["id"] as? Int }).isDisjoint(with: original.compactMap { $0["id"] as? Int }))

            let audit = try await shop.api("GET", "/customers/\(copyID)/timeline")
            let actions = (audit.jsonObject?["entries"] as? [[String: Any]])?.map { $0["action"] as? String }
            #expect(actions == ["customer.copied", "customer.created"])
            let copiedFrom = ((audit.jsonObject?["entries"] as? [[String: Any]])?.first?["after"] as? [String: Any])?["copiedFrom"]
            #expect(copiedFrom as? Int == sourceID)
            #expect(try await shop.customer(sourceID)["version"] as? Int == 1)
        }
    }

    @Test func copyWithoutANewIdentityIsRefused() async throws {
        try await CustomerShop.with { shop in
            let id = try #require(try await shop.create(CustomerShop.minimal("original", ["company": "Kopio Oy"]))["id"] as? Int)
            let refused: [([String: Any], Int, String?, String)] = [
                ([:], 422, "firstName", "missing_field"), (["firstName": "Uusi"], 422, "lastName", "missing_field"),
                (["firstName": "Uusi", "lastName": "Nimi"], 422, "email", "missing_field"),
                (["firstName": "Uusi", "lastName": "Nimi", "email": "ORIGINAL@example.fi"], 409, "email", "email_taken"),
                (["firstName": "Uusi", "lastName": "Nimi", "email": "u@example.fi", "nickname": "x"], 422, "nickname", "unknown_field"),
                (
                    ["firstName": "Uusi", "lastName": "Nimi", "email": "u@example.fi", "totalSales": 1], 422, "totalSales",
                    "read_only_field"
                ),
            ]
            for (body, status, field, code) in refused {
                let response = try await shop.api("POST", "/customers/\(id)/copy", json: body)
                #expect(response.status == status, "\(body): \(response.text)")
                #expect(response.errorField == field, "\(body)")
                #expect(response.errorCode == code, "\(body)")
            }
            #expect(try await shop.api("POST", "/customers/9999/copy", json: ["firstName": "A", "lastName": "B"]).status == 404)
            #expect(try await shop.list("").total == 1)
            // A customer without an account is copied with names alone.
            let guest = try #require(
                try await shop.create(["firstName": "Vieras", "lastName": "Asiakas", "hasAccount": false])["id"] as? Int)
            let copy = try await shop.api("POST", "/customers/\(guest)/copy", json: ["firstName": "Toinen", "lastName": "Vieras"])
            #expect(copy.status == 201, "\(copy.text)")
        }
    }

    @Test func blockNeedsAReasonAndUnblockClearsIt() async throws {
        try await CustomerShop.with { shop in
            let id = try #require(try await shop.create(CustomerShop.minimal("blocky"))["id"] as? Int)
            for reason in ["", "   ", String(repeating: "x", count: 501)] {
                let response = try await shop.api("POST", "/customers/\(id)/block", json: ["reason": reason])
                #expect(response.status == 422, "\(reason.count) characters: \(response.text)")
                #expect(response.errorField == "reason")
            }
            let noReason = try await shop.api("POST", "/customers/\(id)/block", json: [:])
            #expect((400...422).contains(noReason.status), "\(noReason.text)")
            #expect(try await shop.customer(id)["blocked"] as? Bool == false)

            let blocked = try await shop.api("POST", "/customers/\(id)/block", json: ["reason": " Unpaid invoices since May "])
            #expect(blocked.status == 200, "\(blocked.text)")
            #expect(blocked.header("ETag") == "\"2\"")
            let record = try #require(blocked.jsonObject?["customer"] as? [String: Any])
            #expect(record["blocked"] as? Bool == true)
            #expect(record["blockedReason"] as? String == "Unpaid invoices since May")
            #expect(try await shop.list("blocked=true").customers.compactMap { $0["id"] as? Int } == [id])

            let unblocked = try await shop.api("POST", "/customers/\(id)/unblock")
            #expect(unblocked.status == 200, "\(unblocked.text)")
            let after = try #require(unblocked.jsonObject?["customer"] as? [String: Any])
            #expect(after["blocked"] as? Bool == false)
            #expect(after["blockedReason"] is NSNull)
            #expect(after["version"] as? Int == 3)

            let entries = try #require(
                try await shop.api("GET", "/customers/\(id)/timeline").jsonObject?["entries"] as? [[String: Any]])
            #expect(entries.map { $0["action"] as? String } == ["customer.unblocked", "customer.blocked", "customer.created"])
            #expect((entries[1]["after"] as? [String: Any])?["blockedReason"] as? String == "Unpaid invoices since May")
            #expect((entries[0]["after"] as? [String: Any])?["blocked"] as? Bool == false)
            #expect(try await shop.api("POST", "/customers/9999/block", json: ["reason": "x"]).status == 404)
        }
    }

    @Test func activateMakesAPendingAccountActive() async throws {
        try await CustomerShop.with { shop in
            let id = try #require(try await shop.create(CustomerShop.minimal("waiting"))["id"] as? Int)
            try await shop.database { db in try db.execute("UPDATE customer SET activation = 'pending' WHERE id = ?", [id]) }
            #expect(try await shop.customer(id)["activation"] as? String == "pending")
            #expect(try await shop.list("pending=true").total == 1)

            let activated = try await shop.api("POST", "/customers/\(id)/activate")
            #expect(activated.status == 200, "\(activated.text)")
            #expect((activated.jsonObject?["customer"] as? [String: Any])?["activation"] as? String == "active")
            #expect(try await shop.list("pending=true").total == 0)
            let entry = try #require(
                (try await shop.api("GET", "/customers/\(id)/timeline").jsonObject?["entries"] as? [[String: Any]])?.first)
            #expect(entry["action"] as? String == "customer.activated")
            #expect((entry["before"] as? [String: Any])?["activation"] as? String == "pending")
            #expect((entry["after"] as? [String: Any])?["activation"] as? String == "active")
            #expect(try await shop.api("POST", "/customers/9999/activate").status == 404)
        }
    }
}
