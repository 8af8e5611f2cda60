import Foundation
import ShopAdminTesting
import ShopCoreTesting
import Testing

/// Tags in the customer CSV: the tags module's column in the native and Shopify exports, and
/// read back by the import (Shopify's `Tags` too), over a real socket into real shop files.
@Suite("Tags in customer CSV")
struct TagCSVTests {
    /// `GET /customers/export.csv?query`, expecting 200: the body as text.
    static func export(_ shop: TagShop, _ query: String) async throws -> String {
        let response = try await shop.api("GET", "/customers/export.csv?\(query)")
        try #require(response.status == 200, "export: \(response.text)")
        return response.text
    }

    /// Uploads `csv` to `shop` as a real import and waits for its job: the job's result.
    static func importAndWait(_ shop: TagShop, _ csv: String) async throws -> [String: Any] {
        let started = try await TestHTTPClient.request(
            port: shop.server.port, method: "POST", path: "/shops/\(shop.slug)/api/customers/import",
            headers: [("Authorization", "Bearer \(shop.token)"), ("Content-Type", "text/csv")], body: Array(csv.utf8))
        try #require(started.status == 202, "import: \(started.text)")
        let id = try #require((started.jsonObject?["job"] as? [String: Any])?["id"] as? Int)
        for _ in 0..<600 {
            let job = try #require(try await shop.api("GET", "/jobs/\(id)").jsonObject?["job"] as? [String: Any])
            if job["status"] as? String != "running" {
                #expect(job["status"] as? String == "done", "\(job)")
                return try #require(job["result"] as? [String: Any])
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("job \(id) did not finish")
        return [:]
    }

    /// Each customer's tag names by email.
    static func tagsByEmail(_ shop: TagShop) async throws -> [String: [String]] {
        let response = try await shop.api("GET", "/customers?limit=500")
        let customers = try #require(response.jsonObject?["customers"] as? [[String: Any]])
        var tags: [String: [String]] = [:]
        for customer in customers {
            let id = try #require(customer["id"] as? Int)
            tags[customer["email"] as? String ?? ""] = try await shop.tagNames(id).sorted()
        }
        return tags
    }

    @Test func nativeExportThenImportIntoAnEmptyShopKeepsTags() async throws {
        try await TagShop.with { source in
            let ids = try await source.customers(["Virtanen", "Korhonen", "Nieminen"])
            try await source.setTags(ids[0], ["VIP", "Öljy"])
            try await source.setTags(ids[1], ["Wholesale"])
            let csv = try await Self.export(source, "format=native")
            // CSV rows end in CRLF, which Swift reads as one Character.
            let header = csv.components(separatedBy: "\r\n")[0].components(separatedBy: ",")
            #expect(header.last == "tags", "\(header)")
            #expect(csv.contains("\"Öljy, VIP\"") || csv.contains("\"VIP, Öljy\""), "\(csv)")
            let picked = try await Self.export(source, "format=native&fields=email,tags")
            #expect(picked.components(separatedBy: "\r\n").first == "email,tags", "\(picked)")

            let targetToken = try await source.server.provision("tagtarget", tier: .pro)
            let target = TagShop(server: source.server, slug: "tagtarget", token: targetToken)
            let result = try await Self.importAndWait(target, "\(csv)")
            #expect(result["created"] as? Int == 3 && result["failed"] as? Int == 0, "\(result)")
            #expect((result["unknownColumns"] as? [Any])?.isEmpty == true, "\(result)")
            let before = try await Self.tagsByEmail(source)
            #expect(try await Self.tagsByEmail(target) == before)
            #expect(try await target.counts() == ["VIP": 1, "Öljy": 1, "Wholesale": 1])

            // The same file again changes nothing; a changed cell replaces the set and is audited.
            let again = try await Self.importAndWait(target, "\(csv)")
            #expect(again["unchanged"] as? Int == 3 && again["updated"] as? Int == 0, "\(again)")
            let changed = csv.replacingOccurrences(of: "Wholesale", with: "\"Retail, wholesale\"")
            let third = try await Self.importAndWait(target, changed)
            #expect(third["updated"] as? Int == 1 && third["unchanged"] as? Int == 2, "\(third)")
            let korhonen = try #require(before.keys.first { $0.hasPrefix("korhonen") })
            #expect(try await Self.tagsByEmail(target)[korhonen] == ["Retail", "Wholesale"])
            let audited = try await target.server.withShopDatabase("tagtarget") { db in
                try db.scalar("SELECT count(*) FROM audit_log WHERE action = 'customer.tags_changed'", as: Int.self)
            }
            #expect(audited == 2 + 1)
        }
    }

    @Test func shopifyTagsColumnIsExportedAndImported() async throws {
        try await TagShop.with { shop in
            let ids = try await shop.customers(["Laine"])
            try await shop.setTags(ids[0], ["Gold", "Newsletter"])
            let csv = try await Self.export(shop, "format=shopify")
            #expect(csv.contains("\"Gold, Newsletter\""), "\(csv)")

            let file = """
                First Name,Last Name,Email,Accepts Email Marketing,Tags
                Aino,Mäkelä,aino@example.fi,yes,"b2b, Gold"
                Eero,Salo,eero@example.fi,no,
                Bad,Tag,bad@example.fi,no,"\(String(repeating: "x", count: 60))"

                """
            let result = try await Self.importAndWait(shop, file)
            #expect(result["format"] as? String == "shopify", "\(result)")
            #expect(result["created"] as? Int == 2 && result["failed"] as? Int == 1, "\(result)")
            let problem = try #require((result["problems"] as? [[String: Any]])?.first)
            #expect(problem["row"] as? Int == 4 && problem["column"] as? String == "Tags", "\(problem)")
            let tags = try await Self.tagsByEmail(shop)
            #expect(tags["aino@example.fi"] == ["Gold", "b2b"])
            #expect(tags["eero@example.fi"] == [])
            #expect(tags["bad@example.fi"] == nil, "the row with a bad tag rolled back whole")
            #expect(try await shop.counts()["Gold"] == 2, "an existing tag is reused whatever the file's case")
        }
    }
}
