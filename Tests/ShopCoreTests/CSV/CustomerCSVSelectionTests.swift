import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// The export of ticked rows: `GET /customers/export.csv?ids=…` writes those customers only,
/// within any search or filter given with them, and refuses a malformed or oversized list by
/// naming `ids`.
@Suite("Customer CSV: export by ids")
struct CustomerCSVSelectionTests {
    @Test func onlyTheNamedCustomersAreExported() async throws {
        try await CustomerShop.with { shop in
            var ids: [Int] = []
            for (index, name) in ["Aalto", "Berg", "Candel", "Dahl"].enumerated() {
                let created = try await shop.create([
                    "firstName": "Selected\(index)", "lastName": name, "email": "\(name.lowercased())@example.fi",
                ])
                ids.append(try #require(created["id"] as? Int))
            }
            let (aalto, berg, candel, dahl) = (ids[0], ids[1], ids[2], ids[3])

            let two = String(
                decoding: try await CustomerCSVTests.export(shop, "fields=email&ids=\(candel),\(aalto),\(candel)"), as: UTF8.self)
            #expect(two == "email\r\naalto@example.fi\r\ncandel@example.fi\r\n", "in id order, each once: \(two)")

            // With a search too, the ids are taken within what it finds.
            let searched = String(
                decoding: try await CustomerCSVTests.export(shop, "fields=email&q=berg&ids=\(aalto),\(berg)"), as: UTF8.self)
            #expect(searched == "email\r\nberg@example.fi\r\n", "\(searched)")
            // A filter likewise.
            _ = try await shop.api("PATCH", "/customers/\(dahl)", json: ["enabled": false])
            let disabled = String(
                decoding: try await CustomerCSVTests.export(shop, "fields=email&enabled=false&ids=\(aalto),\(dahl)"), as: UTF8.self)
            #expect(disabled == "email\r\ndahl@example.fi\r\n", "\(disabled)")
            // An id that is no customer of the shop adds nothing.
            let unknown = String(decoding: try await CustomerCSVTests.export(shop, "fields=email&ids=999999"), as: UTF8.self)
            #expect(unknown == "email\r\n")
            // Other formats take the selection too.
            let shopify = String(decoding: try await CustomerCSVTests.export(shop, "format=shopify&ids=\(berg)"), as: UTF8.self)
            #expect(shopify.split(separator: "\r\n").count == 2 && shopify.contains("berg@example.fi"), "\(shopify)")

            // An export job takes the same selection.
            let job = try await ExportJobTests.startExport(shop, "fields=email&ids=\(dahl),\(berg)")
            #expect(try await ExportJobTests.waitForJob(shop, job)["status"] as? String == "done")
            let file = try await shop.api("GET", "/jobs/\(job)/file")
            #expect(file.text == "email\r\nberg@example.fi\r\ndahl@example.fi\r\n", "\(file.text)")
            let badJob = try await shop.api("POST", "/customers/export-jobs?ids=1,x")
            #expect(badJob.status == 400 && badJob.errorField == "ids", "\(badJob.text)")

            let tooMany = (1...1001).map(String.init).joined(separator: ",")
            for query in ["ids=", "ids=1,,2", "ids=1,x", "ids=-4", "ids=0", "ids=\(tooMany)"] {
                let response = try await shop.api("GET", "/customers/export.csv?\(query)")
                #expect(response.status == 400, "\(query.prefix(30)): \(response.text)")
                #expect(response.errorField == "ids", "\(query.prefix(30)): \(response.text)")
            }
        }
    }
}
