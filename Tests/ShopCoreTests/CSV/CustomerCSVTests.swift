import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// The customer CSV over HTTP: export → import into an empty shop gives the same customers in
/// our, Shopify's and Magento's layouts; a second import changes nothing; malformed files get
/// a report naming row and column; formulas are neutralised; the import runs as a job.
@Suite("Customer CSV")
struct CustomerCSVTests {
    static let formula = "=cmd|' /C calc'!A0"

    /// Customers with most of what a record holds: two stores, several groups, addresses,
    /// identifiers, flags, a code list, and a note that is a spreadsheet formula.
    static func seed(_ shop: CustomerShop) async throws {
        let se = try await shop.storeID("se")
        let wholesale = try await shop.groupID("Wholesale")
        let general = try await shop.groupID("General")
        try await shop.create([
            "firstName": "Aino", "lastName": "Mäkinen, \"Oy\"", "email": "aino@example.fi", "phone": "040 123 4567",
            "company": "Mäkinen Oy", "businessId": "0737546-2", "newsletter": true, "smsMarketing": true,
            "staffNote": formula + "\nsecond line; with, separators", "allowedPaymentMethods": ["invoice", "card"],
            "freeShippingLimit": 15000, "socialTitle": "ms", "erpCustomerId": "ERP-1",
            "groupIds": [general, wholesale], "defaultGroupId": wholesale,
            "addresses": [
                [
                    "street": "Mannerheimintie 1", "street2": "B 12", "postalCode": "00100", "city": "Helsinki", "company": "Mäkinen Oy",
                    "phone": "09 123 456", "isDefaultBilling": true, "isDefaultShipping": true,
                ],
                ["street": "Hämeenkatu 5", "postalCode": "33100", "city": "Tampere", "region": "Pirkanmaa"],
            ],
        ])
        try await shop.create([
            "firstName": "Björn", "lastName": "Öberg", "email": "bjorn@example.se", "storeId": se, "phone": "070-123 45 67",
            "enabled": false, "partnerOffers": true, "customerNumber": "SE-77", "socialTitle": "mr",
            "addresses": [["street": "Drottninggatan 2", "postalCode": "111 51", "city": "Stockholm", "country": "SE"]],
        ])
        try await shop.create(["firstName": "Guest", "lastName": "Only", "hasAccount": false, "staffNote": "@SUM(A1)"])
        for index in 0..<5 { try await shop.create(CustomerShop.minimal("plain\(index)")) }
    }

    /// Every customer of a shop as the API shows it, keyed by customer number, without what
    /// differs between two shops by nature (ids, versions, times).
    static func customers(_ shop: CustomerShop) async throws -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for summary in try await shop.list("limit=500").customers {
            var record = try await shop.customer(try #require(summary["id"] as? Int))
            for key in ["id", "version", "registeredAt", "updatedAt", "lastVisitAt"] { record[key] = nil }
            if let addresses = record["addresses"] as? [[String: Any]] {
                record["addresses"] = addresses.map { address in address.filter { $0.key != "id" } }
            }
            out[try #require(record["customerNumber"] as? String)] = record
        }
        return out
    }

    static func text(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "null" }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "\(value)"
    }

    static func upload(_ shop: CustomerShop, _ body: [UInt8], query: String = "") async throws -> TestResponse {
        try await TestHTTPClient.request(
            port: shop.server.port, method: "POST", path: "/shops/\(shop.slug)/api/customers/import\(query)",
            headers: [("Authorization", "Bearer \(shop.token)"), ("Content-Type", "text/csv")], body: body)
    }

    /// Imports for real and waits for the job; returns the job.
    static func importAndWait(_ shop: CustomerShop, _ body: [UInt8]) async throws -> [String: Any] {
        let started = try await upload(shop, body)
        try #require(started.status == 202, "import: \(started.text)")
        let id = try #require((started.jsonObject?["job"] as? [String: Any])?["id"] as? Int)
        for _ in 0..<600 {
            let job = try #require(try await shop.api("GET", "/jobs/\(id)").jsonObject?["job"] as? [String: Any])
            if job["status"] as? String != "running" { return job }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("job \(id) did not finish")
        return [:]
    }

    static func export(_ shop: CustomerShop, _ query: String) async throws -> [UInt8] {
        let response = try await shop.api("GET", "/customers/export.csv?\(query)")
        try #require(response.status == 200, "export ?\(query): \(response.text)")
        #expect(response.header("Content-Type")?.hasPrefix("text/csv") == true)
        return response.body
    }

    @Test func nativeRoundTripGivesIdenticalCustomersAndASecondImportChangesNothing() async throws {
        try await TestServer.with { server in
            let source = try await CustomerShop.make(server, slug: "source")
            try await Self.seed(source)
            let csv = try await Self.export(source, "format=native&bom=true&separator=semicolon")
            #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let target = try await CustomerShop.make(server, slug: "target")
            let job = try await Self.importAndWait(target, csv)
            #expect(job["status"] as? String == "done", "\(job)")
            let result = try #require(job["result"] as? [String: Any])
            #expect(result["created"] as? Int == 8, "\(result)")
            #expect(result["failed"] as? Int == 0, "\(result)")
            #expect((result["unknownColumns"] as? [Any])?.isEmpty == true)

            let before = try await Self.customers(source)
            let after = try await Self.customers(target)
            #expect(Set(before.keys) == Set(after.keys))
            for (number, record) in before {
                let copy = try #require(after[number])
                for key in Set(record.keys).union(copy.keys) {
                    #expect(Self.text(record[key]) == Self.text(copy[key]), "\(number).\(key)")
                }
            }
            // Imported customers have no password.
            #expect(
                try await target.database { db in
                    try db.scalar("SELECT count(*) FROM customer WHERE password_hash IS NOT NULL", as: Int.self)
                } == 0)

            let again = try await Self.importAndWait(target, csv)
            let second = try #require(again["result"] as? [String: Any])
            #expect(second["unchanged"] as? Int == 8, "\(second)")
            #expect(second["created"] as? Int == 0 && second["updated"] as? Int == 0, "\(second)")
            let versions = try await target.database { db in try db.scalar("SELECT sum(version) FROM customer", as: Int.self) }
            #expect(versions == 8, "a second import writes nothing")
            // Every import is audited: the job and each created customer.
            let audit = try await target.database { db in
                try db.scalar(
                    "SELECT count(*) FROM audit_log WHERE action IN ('job.started', 'job.finished', 'customer.created')", as: Int.self)
            }
            #expect(audit == 4 + 8)
        }
    }

    @Test func shopifyAndMagentoRoundTripsKeepWhatTheirColumnsCarry() async throws {
        try await TestServer.with { server in
            let source = try await CustomerShop.make(server, slug: "source")
            try await Self.seed(source)
            let before = try await Self.customers(source)
            for (index, format) in ["shopify", "magento-composite"].enumerated() {
                let csv = try await Self.export(source, "format=\(format)")
                let target = try await CustomerShop.make(server, slug: "target\(index)")
                let dry = try await Self.upload(target, csv, query: "?dryRun=true")
                try #require(dry.status == 200, "\(format) dry run: \(dry.text)")
                #expect(dry.jsonObject?["format"] as? String == format)
                #expect(dry.jsonObject?["created"] as? Int == 8, "\(format): \(dry.text)")
                #expect(try await target.list("limit=1").total == 0, "a dry run writes nothing")
                let job = try await Self.importAndWait(target, csv)
                let result = try #require(job["result"] as? [String: Any])
                #expect(result["created"] as? Int == 8, "\(format): \(result)")
                #expect((result["unknownColumns"] as? [Any])?.isEmpty == true, "\(format): \(result)")
                let imported = try await target.list("limit=500").customers
                let byEmail = Dictionary(uniqueKeysWithValues: imported.compactMap { c in (c["email"] as? String).map { ($0, c) } })
                for record in before.values {
                    guard let email = record["email"] as? String else { continue }
                    let summary = try #require(byEmail[email], "\(format): \(email)")
                    let copy = try await target.customer(try #require(summary["id"] as? Int))
                    var keys = ["firstName", "lastName", "email"]
                    if format == "shopify" { keys += ["customerNumber", "phone", "newsletter", "smsMarketing", "staffNote"] }
                    if format == "magento-composite" { keys += ["socialTitle", "vatNumber", "storeId"] }
                    for key in keys { #expect(Self.text(record[key]) == Self.text(copy[key]), "\(format) \(email).\(key)") }
                    let want = (record["addresses"] as? [[String: Any]]) ?? []
                    let got = (copy["addresses"] as? [[String: Any]]) ?? []
                    let carried = format == "shopify" ? Array(want.prefix(1)) : want
                    #expect(got.count == carried.count, "\(format) \(email) addresses")
                    for (a, b) in zip(carried, got) {
                        for key in ["street", "street2", "postalCode", "city", "country", "region", "phone", "company"] {
                            #expect(Self.text(a[key]) == Self.text(b[key]), "\(format) \(email) address.\(key)")
                        }
                    }
                }
                // Magento keys customers by email: the one without an email cannot be found again.
                let again = try #require(try await Self.importAndWait(target, csv)["result"] as? [String: Any])
                #expect(again["unchanged"] as? Int == (format == "shopify" ? 8 : 7), "\(format) second import: \(again)")
                #expect(again["updated"] as? Int == 0, "\(format) second import: \(again)")
            }
        }
    }

    @Test func exportNeutralisesFormulasAndPicksColumns() async throws {
        try await CustomerShop.with { shop in
            try await Self.seed(shop)
            let csv = String(decoding: try await Self.export(shop, "fields=customerNumber,staffNote,groups&q=guest"), as: UTF8.self)
            #expect(csv == "customerNumber,staffNote,groups\r\n10002,'@SUM(A1),General\r\n", "\(csv)")
            let all = String(decoding: try await Self.export(shop, "format=native"), as: UTF8.self)
            // A few columns read only what they show, and show it as the full export does.
            let picked = String(decoding: try await Self.export(shop, "fields=addresses,defaultGroup,store,email"), as: UTF8.self)
            #expect(picked.contains("Mannerheimintie 1") && picked.contains("Drottninggatan 2"), "\(picked)")
            let swede = try #require(picked.components(separatedBy: "\r\n").first { $0.contains("Drottninggatan") })
            #expect(swede.hasSuffix("}]\",General,se,bjorn@example.se"), "the address cell, the group, the store, the email: \(swede)")
            #expect(all.contains("Mannerheimintie 1"))
            #expect(all.contains("\"'=cmd|' /C calc'!A0\nsecond line; with, separators\""))
            #expect(!all.contains(",=cmd") && !all.contains(",\"=cmd"))
            let presta = String(decoding: try await Self.export(shop, "format=prestashop"), as: UTF8.self)
            #expect(presta.hasPrefix("ID;Active (0/1);\"Titles ID (Mr = 1, Ms = 2, else 0)\";Email *;"), "\(presta)")
            let shopify = String(decoding: try await Self.export(shop, "format=shopify"), as: UTF8.self)
            #expect(shopify.hasPrefix("Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,"))
            for (query, field) in [
                ("format=excel", "format"), ("fields=nope", "fields"), ("separator=pipe", "separator"), ("colour=red", "colour"),
            ] {
                let response = try await shop.api("GET", "/customers/export.csv?\(query)")
                #expect(response.status == 400, "\(query): \(response.text)")
                #expect(response.errorField == field, "\(query): \(response.text)")
            }
            let audited = try await shop.database { db in
                try db.scalar("SELECT count(*) FROM audit_log WHERE action = 'customers.exported'", as: Int.self)
            }
            #expect(audited == 5, "five exports, each audited")
        }
    }

    @Test func malformedFilesGetAReportNamingRowAndColumn() async throws {
        try await CustomerShop.with { shop in
            var body = Array("firstName,lastName,email,favouriteColour\r\n".utf8)
            body += Array("Ok,Row,ok@example.fi,blue\r\n".utf8)
            body += Array("Ragged,Row\r\n".utf8)
            body += Array("M".utf8) + [0xE4] + Array("kinen,Latin,latin@example.fi,red\r\n".utf8)
            body += Array("Big,Cell,big@example.fi,\"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 10_000_000) + Array("\"\r\n".utf8)
            body += Array("Bad,Email,not-an-email,green\r\n".utf8)
            body += Array("Never,Closed,\"open@example.fi,x\r\nlast,row,last@example.fi,y\r\n".utf8)
            let response = try await Self.upload(shop, body, query: "?dryRun=true")
            try #require(response.status == 200, "\(response.text)")
            let report = try #require(response.jsonObject)
            #expect(report["unknownColumns"] as? [String] == ["favouriteColour"])
            #expect(report["created"] as? Int == 1)
            #expect(report["failed"] as? Int == 5)
            let problems = try #require(report["problems"] as? [[String: Any]])
            func problem(_ row: Int) -> [String: Any]? { problems.first { $0["row"] as? Int == row } }
            #expect(problem(3)?["code"] as? String == "wrong_cell_count")
            #expect(problem(4)?["code"] as? String == "not_utf8")
            #expect(problem(4)?["column"] as? String == "firstName")
            #expect(problem(5)?["code"] as? String == "cell_too_large")
            #expect(problem(5)?["column"] as? String == "favouriteColour")
            #expect(problem(6)?["column"] as? String == "email")
            #expect(problem(7)?["code"] as? String == "unbalanced_quote")
            #expect(try await shop.list("limit=1").total == 0)

            let empty = try await Self.upload(shop, [], query: "?dryRun=true")
            #expect(empty.status == 400)
            #expect(empty.errorField == "file")
            let headerOnly = try await Self.upload(shop, Array("\r\n".utf8), query: "?dryRun=true")
            #expect(headerOnly.status == 422 && headerOnly.errorField == "file", "\(headerOnly.text)")
            let badFlag = try await Self.upload(shop, body, query: "?dryRun=maybe")
            #expect(badFlag.status == 400 && badFlag.errorField == "dryRun")
        }
    }

    @Test func jobsListProgressAndRefuseCancellingAFinishedJob() async throws {
        try await CustomerShop.with { shop in
            var csv = "firstName,lastName,email\r\n"
            for index in 0..<5000 { csv += "First\(index),Last,person\(index)@example.fi\r\n" }
            let job = try await Self.importAndWait(shop, Array(csv.utf8))
            #expect(job["status"] as? String == "done")
            let progress = try #require(job["progress"] as? [String: Any])
            #expect(progress["done"] as? Int == 5000 && progress["total"] as? Int == 5000, "\(progress)")
            #expect(try await shop.list("limit=1").total == 5000)
            let list = try #require(try await shop.api("GET", "/jobs").jsonObject?["jobs"] as? [[String: Any]])
            #expect(list.first?["id"] as? Int == job["id"] as? Int)
            let id = try #require(job["id"] as? Int)
            let cancel = try await shop.api("POST", "/jobs/\(id)/cancel")
            #expect(cancel.status == 409, "\(cancel.text)")
            let missing = try await shop.api("GET", "/jobs/999")
            #expect(missing.status == 404)
            let readOnly = try await shop.signInMember(role: "read-only")
            let refused = try await Self.upload(CustomerShop(server: shop.server, slug: shop.slug, token: readOnly), Array(csv.utf8))
            #expect(refused.status == 403)
        }
    }
}

/// Mass actions on ticked customers as jobs: the dry run's impact first, then the job.
@Suite("Customer mass actions")
struct CustomerMassActionTests {
    static func runJob(_ shop: CustomerShop, _ body: [String: Any]) async throws -> [String: Any] {
        let started = try await shop.api("POST", "/customers/mass-actions", json: body)
        try #require(started.status == 202, "\(started.text)")
        let id = try #require((started.jsonObject?["job"] as? [String: Any])?["id"] as? Int)
        for _ in 0..<400 {
            let job = try #require(try await shop.api("GET", "/jobs/\(id)").jsonObject?["job"] as? [String: Any])
            if job["status"] as? String != "running" { return job }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("job \(id) did not finish")
        return [:]
    }

    @Test func disableDeleteAndPasswordLinksRunAsJobs() async throws {
        try await CustomerShop.with { shop in
            var ids: [Int] = []
            for index in 0..<6 { ids.append(try #require(try await shop.create(CustomerShop.minimal("mass\(index)"))["id"] as? Int)) }
            let guest = try #require(try await shop.create(["firstName": "No", "lastName": "Account", "hasAccount": false])["id"] as? Int)

            let disabled = try await Self.runJob(shop, ["action": "disable", "customerIds": Array(ids.prefix(4))])
            #expect((disabled["result"] as? [String: Any])?["changed"] as? Int == 4, "\(disabled)")
            #expect(try await shop.list("enabled=false").total == 4)
            let again = try await Self.runJob(shop, ["action": "disable", "customerIds": Array(ids.prefix(4))])
            #expect((again["result"] as? [String: Any])?["changed"] as? Int == 0, "nothing left to change")

            let links = try await Self.runJob(shop, ["action": "send-password-link", "customerIds": [ids[0], guest]])
            let linkResult = try #require(links["result"] as? [String: Any])
            #expect(linkResult["changed"] as? Int == 1 && linkResult["failed"] as? Int == 1, "\(linkResult)")
            let queued = try await shop.database { db in
                try db.scalar("SELECT count(*) FROM email_outbox WHERE template = 'set-password'", as: Int.self)
            }
            #expect(queued == 1)

            let dry = try await shop.api(
                "POST", "/customers/mass-actions", json: ["action": "delete", "customerIds": [ids[4], ids[5], 999_999], "dryRun": true])
            #expect(dry.status == 200, "\(dry.text)")
            let impact = try #require(dry.jsonObject?["impact"] as? [String: Any])
            #expect(impact["customers"] as? Int == 2 && impact["notFound"] as? [Int] == [999_999], "\(impact)")
            // Counted over the set at once, the sum of what each customer's own delete would take.
            var summed: [String: Int] = [:]
            for id in [ids[4], ids[5]] {
                let single = try await shop.api("DELETE", "/customers/\(id)?dryRun=true")
                let object = try #require(single.jsonObject?["impact"] as? [String: Any] ?? single.jsonObject, "\(single.text)")
                for (key, value) in object where key != "customer" { if let count = value as? Int { summed[key, default: 0] += count } }
            }
            let deletes = try #require(impact["deletes"] as? [String: Int], "\(impact)")
            #expect(deletes == summed.filter { deletes.keys.contains($0.key) }, "\(deletes) against \(summed)")
            #expect(deletes["groupMemberships"] == 2 && (deletes["auditEntriesKept"] ?? 0) >= 2, "\(deletes)")
            #expect(try await shop.list("limit=1").total == 7, "a dry run deletes nothing")
            let deleted = try await Self.runJob(shop, ["action": "delete", "customerIds": [ids[4], ids[5]]])
            #expect((deleted["result"] as? [String: Any])?["changed"] as? Int == 2)
            #expect(try await shop.list("limit=1").total == 5)
            let audit = try await shop.database { db in
                try db.scalar(
                    "SELECT count(*) FROM audit_log WHERE action IN ('customer.updated', 'customer.deleted', 'customer.password_link_sent')",
                    as: Int.self)
            }
            #expect(audit == 4 + 1 + 2)

            for (body, field) in [
                (["action": "paint", "customerIds": [1]], "action"), (["action": "enable", "customerIds": []], "customerIds"),
                (["action": "enable", "customerIds": ["x"]], "customerIds[0]"),
                (["action": "enable", "customerIds": [1], "colour": 1], "colour"),
            ] as [([String: Any], String)] {
                let refused = try await shop.api("POST", "/customers/mass-actions", json: body)
                #expect(refused.status == 422 && refused.errorField == field, "\(body): \(refused.text)")
            }
            let staff = try await shop.signInMember(role: "staff")
            let forbidden = try await shop.api(
                "POST", "/customers/mass-actions", json: ["action": "delete", "customerIds": [ids[0]]], token: staff)
            #expect(forbidden.status == 403, "\(forbidden.text)")
        }
    }
}
