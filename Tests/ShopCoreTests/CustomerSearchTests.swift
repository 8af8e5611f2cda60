import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// The one search box (`GET /customers?q=`): every indexed field, Nordic letters folded,
/// several words all required, and an index that follows every edit and delete.
@Suite("Customer search")
struct CustomerSearchTests {
    @Test func findsByEveryIndexedFieldWithNordicFolding() async throws {
        try await CustomerShop.with { shop in
            let se = try await shop.storeID("se")
            let dk = try await shop.storeID("dk")
            func id(_ body: [String: Any]) async throws -> Int { try #require(try await shop.create(body)["id"] as? Int) }
            let aino = try await id([
                "firstName": "Aino", "lastName": "Virtanen", "email": "aino.virtanen@posti.fi", "phone": "040 123 4567",
                "company": "Virtasen Kala Oy", "businessId": "1572860-0",
            ])
            let asa = try await id([
                "storeId": se, "firstName": "Åsa", "lastName": "Åhlén", "email": "asa@example.se", "phone": "070-123 45 67",
                "businessId": "556703-7485",
            ])
            let nils = try await id(["storeId": se, "firstName": "Nils", "lastName": "Öberg", "email": "nils@example.se"])
            let soren = try await id(["storeId": dk, "firstName": "Søren", "lastName": "Kierkegaard", "email": "sk@example.dk"])
            let ainoK = try await id(["firstName": "Aino", "lastName": "Korhonen", "email": "ak@example.fi", "customerNumber": "K-77"])
            let nilsNumber = try #require(try await shop.customer(nils)["customerNumber"] as? String)

            let cases: [(String, Set<Int>)] = [
                // Name prefixes, first and last.
                ("aino", [aino, ainoK]), ("Ain", [aino, ainoK]), ("virt", [aino]), ("korh", [ainoK]), ("KIERKEGAARD", [soren]),
                // Every word must match.
                ("aino vir", [aino]), ("aino korhonen", [ainoK]), ("aino öberg", []),
                // Nordic letters fold both ways.
                ("ahlen", [asa]), ("Åhlén", [asa]), ("asa ahl", [asa]), ("oberg", [nils]), ("Öberg", [nils]), ("soren", [soren]),
                ("Søren", [soren]), ("soeren", [soren]),
                // Email, whole or a part.
                ("aino.virtanen@posti.fi", [aino]), ("posti", [aino]), ("sk@example.dk", [soren]),
                // Phone: national form, E.164, as typed with spaces.
                ("0401234567", [aino]), ("+358401234567", [aino]), ("040 123 4567", [aino]), ("401234567", [aino]),
                ("0701234567", [asa]), ("+46 70 123 45 67", [asa]), ("00358401234567", [aino]),
                // Company, business id with and without the dash, customer number.
                ("kala", [aino]), ("Virtasen Kala", [aino]), ("1572860-0", [aino]), ("15728600", [aino]), ("556703-7485", [asa]),
                (nilsNumber, [nils]), ("K-77", [ainoK]),
                ("nobody", []),
            ]
            for (query, expected) in cases {
                #expect(try await shop.search(query) == expected, "q=\(query)")
            }
            let page = try await shop.list("q=aino")
            #expect(page.total == 2)
            #expect(page.customers.compactMap { $0["id"] as? Int } == [ainoK, aino], "newest first by default")
            // Search combines with filters.
            #expect(try await shop.search("aino", "&storeId=\(se)") == [])
            #expect(try await shop.search("example", "&storeId=\(se)") == [asa, nils])
            #expect(try await shop.list("q=example&storeId=\(se)").total == 2)
        }
    }

    @Test func searchFollowsRenamesAndDeletesAtOnce() async throws {
        try await CustomerShop.with { shop in
            let id = try #require(
                try await shop.create(["firstName": "Matti", "lastName": "Meikäläinen", "email": "matti@example.fi"])["id"] as? Int)
            try await shop.create(["firstName": "Maija", "lastName": "Meikäläinen", "email": "maija@example.fi"])
            #expect(try await shop.search("meikalainen").count == 2)
            #expect(try await shop.list("q=matti").total == 1)

            let renamed = try await shop.api(
                "PATCH", "/customers/\(id)", json: ["firstName": "Teemu", "lastName": "Teekkari", "email": "teemu@example.fi"])
            #expect(renamed.status == 200, "\(renamed.text)")
            #expect(try await shop.search("matti").isEmpty)
            #expect(try await shop.list("q=matti").total == 0)
            #expect(try await shop.search("teemu teekkari") == [id])
            #expect(try await shop.search("teemu@example.fi") == [id])
            #expect(try await shop.search("meikalainen").count == 1)

            // A phone added later is searchable in every form.
            _ = try await shop.api("PATCH", "/customers/\(id)", json: ["phone": "+358 50 111 2222"])
            #expect(try await shop.search("0501112222") == [id])

            let deleted = try await shop.api("DELETE", "/customers/\(id)")
            #expect(deleted.status == 200, "\(deleted.text)")
            #expect(try await shop.search("teemu").isEmpty)
            #expect(try await shop.search("0501112222").isEmpty)
            #expect(try await shop.list("q=teekkari").total == 0)
            #expect(try await shop.list("").total == 1)
        }
    }

    @Test func queryWithNothingSearchableFindsNothingAndBlankListsAll() async throws {
        try await CustomerShop.with { shop in
            try await shop.create(CustomerShop.minimal("one"))
            #expect(try await shop.list("q=%2B%2B").total == 0)
            #expect(try await shop.list("q=%22%2A").total == 0)
            #expect(try await shop.list("q=%20%20").total == 1)
            // FTS syntax typed by a user is searched as text, never an error.
            for query in ["a OR b", "NEAR(a b)", "anna\"", "-anna", "anna*", "a:b"] {
                let response = try await shop.api(
                    "GET", "/customers?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(response.status == 200, "q=\(query): \(response.text)")
            }
        }
    }
}
