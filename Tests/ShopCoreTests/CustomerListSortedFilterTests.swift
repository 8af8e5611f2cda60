import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// A filter that matches many customers with a sort on another column: the page walks the sort
/// column's index (`CustomerListQuery.sortIndexes`) and must give exactly what sorting every
/// match would, page after page, both ways; a filter that matches few keeps SQLite's own plan.
@Suite("Customer list: sorted, filtered pages")
struct CustomerListSortedFilterTests {
    @Test func pagesOfABigFilteredSetAreInSortOrder() async throws {
        try await CustomerShop.with { shop in
            // 3,300 customers over the import; every third disabled; last names with many repeats.
            let names = ["Aalto", "Berg", "Candel", "Dahl", "Ek", "Fors", "Grön", "Holm"]
            var csv = "firstName,lastName,email,enabled\r\n"
            for index in 0..<3300 {
                csv += "Anna\(index),\(names[(index * 7) % names.count]),c\(index)@example.fi,\(index % 3 == 0 ? "false" : "true")\r\n"
            }
            let job = try await CustomerCSVTests.importAndWait(shop, Array(csv.utf8))
            try #require(job["status"] as? String == "done", "\(job)")

            // What sorting every match gives: by last name, then id.
            let rows = try await shop.database { db in
                try db.query("SELECT id, last_name FROM customer WHERE enabled = 1").map {
                    (id: try $0.get("id", as: Int64.self), name: try $0.get("last_name", as: String.self))
                }
            }
            #expect(rows.count == 2200, "over the threshold of 2,000")
            let ascending = rows.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map { Int($0.id) }
            for (sort, expected) in [("lastName", ascending), ("-lastName", Array(ascending.reversed()))] {
                var seen: [Int] = []
                var cursor: String?
                repeat {
                    let page = try await shop.list(
                        "enabled=true&sort=\(sort)&limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""))
                    #expect(page.total == 2200)
                    seen += page.customers.compactMap { $0["id"] as? Int }
                    cursor = page.next
                } while cursor != nil && seen.count <= 2200
                #expect(seen == expected, "sort \(sort): the pages differ from sorting every match")
            }
            // Few matches (the 1,100 disabled are under the threshold): the same order, by SQLite's own plan.
            let disabled = try await shop.list("enabled=false&sort=lastName&limit=5")
            #expect(disabled.total == 1100)
            let names5 = disabled.customers.compactMap { $0["lastName"] as? String }
            #expect(names5 == names5.sorted() && names5.first == "Aalto")
        }
    }
}
