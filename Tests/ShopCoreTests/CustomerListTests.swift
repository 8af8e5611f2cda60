import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// The customer list without a search: filters, every sort both ways, keyset pages that
/// neither repeat nor skip, and 400s that name the bad parameter.
@Suite("Customer list")
struct CustomerListTests {
    @Test func filtersSelectExactlyTheirCustomers() async throws {
        try await CustomerShop.with { shop in
            let se = try await shop.storeID("se")
            let wholesale = try await shop.groupID("Wholesale")
            let general = try await shop.groupID("General")
            func id(_ tag: String, _ extra: [String: Any] = [:]) async throws -> Int {
                try #require(try await shop.create(CustomerShop.minimal(tag, extra))["id"] as? Int)
            }
            let plain = try await id("plain")
            let swede = try await id("swede", ["storeId": se, "groupIds": [general, wholesale], "defaultGroupId": general])
            let disabled = try await id("disabled", ["enabled": false])
            let blocked = try await id("blocked")
            let pending = try await id("pending")
            let guest = try await id("guest", ["hasAccount": false, "email": NSNull()])
            #expect(try await shop.api("POST", "/customers/\(blocked)/block", json: ["reason": "Unpaid invoices"]).status == 200)
            try await shop.database { db in
                try db.execute("UPDATE customer SET activation = 'pending' WHERE id = ?", [pending])
                try db.execute("UPDATE customer SET registered_at = '2025-03-10T12:00:00.000Z' WHERE id = ?", [plain])
                try db.execute("UPDATE customer SET registered_at = '2025-03-31T23:59:59.999Z' WHERE id = ?", [swede])
                try db.execute("UPDATE customer SET registered_at = '2025-04-01T00:00:00.000Z' WHERE id = ?", [disabled])
            }
            let all: Set = [plain, swede, disabled, blocked, pending, guest]
            let cases: [(String, Set<Int>)] = [
                ("", all), ("storeId=\(se)", [swede]), ("groupId=\(wholesale)", [swede]), ("groupId=\(general)", all),
                ("enabled=false", [disabled]), ("enabled=true", all.subtracting([disabled])), ("blocked=true", [blocked]),
                ("blocked=false", all.subtracting([blocked])), ("pending=true", [pending]), ("pending=1", [pending]),
                ("pending=false", all.subtracting([pending])), ("hasAccount=false", [guest]), ("hasAccount=true", all.subtracting([guest])),
                ("registeredFrom=2025-03-10&registeredTo=2025-03-31", [plain, swede]), ("registeredTo=2025-03-30", [plain]),
                ("registeredFrom=2025-04-01&registeredTo=2025-04-01", [disabled]),
                ("registeredFrom=2025-04-02", [blocked, pending, guest]),
                ("enabled=true&groupId=\(general)&hasAccount=true&blocked=false", [plain, swede, pending]),
            ]
            for (query, expected) in cases {
                let page = try await shop.list("limit=500&\(query)")
                #expect(Set(page.customers.compactMap { $0["id"] as? Int }) == expected, "?\(query)")
                #expect(page.total == expected.count, "total of ?\(query)")
            }
            let row = try #require(try await shop.list("blocked=true").customers.first)
            #expect(row["blocked"] as? Bool == true)
            #expect(try await shop.list("pending=true").customers.first?["activation"] as? String == "pending")
        }
    }

    /// Totals for no filter, store, enabled, registration days and group come from the stored
    /// tallies: they must follow every create, change, delete, import and group move, and agree
    /// with a count of the rows whichever way the rows changed (the API or plain SQL).
    @Test func storedTotalsFollowEveryChange() async throws {
        try await CustomerShop.with { shop in
            let se = try await shop.storeID("se")
            let general = try await shop.groupID("General")
            let wholesale = try await shop.groupID("Wholesale")
            func id(_ tag: String, _ extra: [String: Any] = [:]) async throws -> Int {
                try #require(try await shop.create(CustomerShop.minimal(tag, extra))["id"] as? Int)
            }
            let a = try await id("tally-a")
            let b = try await id("tally-b", ["storeId": se, "groupIds": [general, wholesale], "defaultGroupId": general])
            let c = try await id("tally-c", ["enabled": false])
            try await shop.database { db in
                try db.execute("UPDATE customer SET registered_at = '2024-12-31T23:59:59.999Z' WHERE id = ?", [a])
            }
            let queries = [
                "", "storeId=\(se)", "enabled=true", "enabled=false", "storeId=\(se)&enabled=false", "registeredTo=2024-12-31",
                "registeredFrom=2025-01-01&enabled=true", "groupId=\(general)", "groupId=\(wholesale)",
            ]
            func totals() async throws -> [Int] {
                var result: [Int] = []
                for query in queries { result.append(try await shop.list(query).total) }
                return result
            }
            func counted() async throws -> [Int] {
                try await shop.database { db in
                    try [
                        "1", "store_id = \(se)", "enabled = 1", "enabled = 0", "store_id = \(se) AND enabled = 0",
                        "registered_at < '2025-01-01'", "registered_at >= '2025-01-01' AND enabled = 1",
                        "id IN (SELECT customer_id FROM customer_group_member WHERE group_id = \(general))",
                        "id IN (SELECT customer_id FROM customer_group_member WHERE group_id = \(wholesale))",
                    ].map { try db.scalar("SELECT count(*) FROM customer WHERE \($0)", as: Int.self) ?? -1 }
                }
            }
            #expect(try await totals() == [3, 1, 2, 1, 0, 1, 1, 3, 1])
            #expect(try await totals() == (try await counted()))
            #expect(try await shop.api("PATCH", "/customers/\(a)", json: ["storeId": se, "enabled": false]).status == 200)
            #expect(try await totals() == [3, 2, 1, 2, 1, 1, 1, 3, 1])
            #expect(try await shop.api("PATCH", "/customers/\(c)", json: ["enabled": true]).status == 200)
            #expect(try await shop.api("DELETE", "/customers/\(b)").status == 200)
            #expect(try await totals() == [2, 1, 1, 1, 1, 1, 1, 2, 0])
            #expect(try await totals() == (try await counted()))

            // A group deleted with its customers moved: the target's count takes them over.
            let key = try await shop.createGroup("Key accounts")
            _ = try await id("tally-d", ["groupIds": [key], "defaultGroupId": key])
            #expect(try await shop.list("groupId=\(key)").total == 1)
            #expect(try await shop.api("DELETE", "/groups/\(key)?moveTo=\(wholesale)").status == 200)
            #expect(try await shop.list("groupId=\(wholesale)").total == 1)
            let groups = try #require(try await shop.api("GET", "/groups").jsonObject?["groups"] as? [[String: Any]])
            #expect(groups.first { $0["id"] as? Int == wholesale }?["customers"] as? Int == 1)

            // Plain SQL, as a migration or a mass action would write: the triggers keep up.
            try await shop.database { db in
                try db.execute("UPDATE customer SET enabled = 0, registered_at = '2023-05-05T10:00:00.000Z'")
                try db.execute("DELETE FROM customer_group_member WHERE group_id = ?", [general])
            }
            #expect(try await totals() == (try await counted()))
            #expect(try await shop.list("registeredFrom=2023-05-05&registeredTo=2023-05-05&enabled=false").total == 3)
            let negative = try await shop.database { db in
                try db.scalar("SELECT count(*) FROM customer_tally WHERE n < 0", as: Int.self)
            }
            #expect(negative == 0)
        }
    }

    /// A bulk insert (the seed) drops the tallies' insert triggers for its batch and counts
    /// the batch at the end; one that fails rolls the drop back with its rows. Either way the
    /// triggers are there afterwards and the totals agree with the rows.
    @Test func bulkInsertsAreCountedAndKeepTheTriggers() async throws {
        try await CustomerShop.with { shop in
            let general = try await shop.groupID("General")
            _ = try await shop.create(CustomerShop.minimal("before-bulk"))
            struct Planned: Error {}
            func bulk(_ count: Int, failing: Bool) async throws {
                try await shop.database { db in
                    var insert = try CustomerBulkInsert(
                        db: db, actor: AuditActor(kind: "system", id: nil, label: "test"), storeID: nil)
                    for index in 0..<count {
                        _ = try insert.insert(["firstName": .string("Bulk"), "lastName": .string("Row\(index)")])
                    }
                    if failing { throw Planned() }
                    try insert.finish(count: count)
                }
            }
            try await bulk(25, failing: false)
            await #expect(throws: Planned.self) { try await bulk(10, failing: true) }
            _ = try await shop.create(CustomerShop.minimal("after-bulk"))
            #expect(try await shop.list("").total == 27)
            #expect(try await shop.list("groupId=\(general)").total == 27)
            #expect(try await shop.list("enabled=true").total == 27)
            let triggers = try await shop.database { db in
                try db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%tally_insert'", as: Int.self)
            }
            #expect(triggers == 2)
        }
    }

    @Test func everySortableColumnSortsBothWaysAcrossPages() async throws {
        try await CustomerShop.with { shop in
            // Ties, NULLs and distinct values in every column, so the id tiebreak and the
            // NULL handling of the cursor are both exercised on page boundaries.
            let people: [(String, String, String?, String?)] = [
                ("Bo", "Berg", "Berg AB", "n1"), ("Al", "Berg", nil, "a2"), ("Cy", "Aalto", "Aalto Oy", nil),
                ("Al", "Dahl", "Berg AB", "z3"),
                ("Di", "Aalto", nil, "b4"), ("Ed", "Cole", "Cole Ltd", "b5"), ("Al", "Berg", "Aalto Oy", "c6"), ("Fi", "Eke", nil, "d7"),
            ]
            var ids: [Int] = []
            for (index, person) in people.enumerated() {
                var body: [String: Any] = ["firstName": person.0, "lastName": person.1, "email": "p\(index)@example.fi"]
                if let company = person.2 { body["company"] = company }
                if let number = person.3 { body["customerNumber"] = number }
                if index == 4 { body = ["firstName": person.0, "lastName": person.1, "hasAccount": false, "customerNumber": "b4"] }
                ids.append(try #require(try await shop.create(body)["id"] as? Int))
            }
            let visits: [String?] = ["2026-01-02", nil, "2026-01-01", nil, "2026-01-02", nil, "2026-01-03", nil]
            let sales = [500, 0, 500, 1200, 0, 70, 0, 500]
            let orders = [1, 0, 1, 3, 0, 1, 0, 2]
            let registered = [
                "2025-01-05", "2025-01-01", "2025-01-05", "2025-01-03", "2025-01-02", "2025-01-05", "2025-01-04", "2025-01-01",
            ]
            let table = ids
            try await shop.database { db in
                for (index, id) in table.enumerated() {
                    try db.execute(
                        "UPDATE customer SET last_visit_at = ?, total_sales = ?, order_count = ?, registered_at = ? WHERE id = ?",
                        [
                            visits[index].map { $0 + "T08:00:00.000Z" }, sales[index], orders[index], registered[index] + "T08:00:00.000Z",
                            id,
                        ])
                }
            }
            var records: [Int: [String: Any]] = [:]
            for id in ids { records[id] = try await shop.customer(id) }

            for key in [
                "id", "lastName", "firstName", "email", "company", "registeredAt", "lastVisitAt", "totalSales", "orderCount",
                "customerNumber",
            ] {
                for descending in [false, true] {
                    let sort = (descending ? "-" : "") + key
                    let expected = ids.sorted { a, b in
                        let (x, y) = (SortValue(records[a]![key]), SortValue(records[b]![key]))
                        if x == y { return descending ? a > b : a < b }
                        return descending ? y < x : x < y
                    }
                    let walked = try await walk(shop, "sort=\(sort)", limit: 3)
                    #expect(walked == expected, "sort=\(sort)")
                }
            }
        }
    }

    @Test func keysetPagesWalkEveryCustomerOnceWithTheRightTotal() async throws {
        try await CustomerShop.with { shop in
            let created = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<53 {
                    group.addTask {
                        let body: [String: Any] = [
                            "firstName": "Sivu\(index % 7)", "lastName": index % 2 == 0 ? "Parillinen" : "Pariton",
                            "email": "page\(index)@example.fi",
                        ]
                        return try #require(try await shop.create(body)["id"] as? Int)
                    }
                }
                return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            }
            try #require(created.count == 53)
            for query in ["", "sort=id", "sort=lastName", "sort=-firstName", "sort=email", "q=sivu", "q=pari&sort=-lastName"] {
                var pages = 0
                var seen: [Int] = []
                var cursor: String?
                repeat {
                    let page = try await shop.list("limit=10&\(query)" + (cursor.map { "&cursor=\($0)" } ?? ""))
                    #expect(page.total == 53, "total on page \(pages) of ?\(query)")
                    #expect(page.customers.count == (pages < 5 ? 10 : 3), "page \(pages) of ?\(query)")
                    seen += page.customers.compactMap { $0["id"] as? Int }
                    cursor = page.next
                    pages += 1
                } while cursor != nil && pages < 10
                #expect(pages == 6, "?\(query)")
                #expect(seen.count == 53 && Set(seen) == created, "?\(query): no duplicates, no gaps")
            }
            // A page exactly filled by the last customers has no next cursor.
            let last = try await shop.list("limit=53")
            #expect(last.customers.count == 53 && last.next == nil)
            #expect(try await shop.list("q=parillinen&limit=500").total == 27)
        }
    }

    @Test func badParametersAre400sNamingTheParameter() async throws {
        try await CustomerShop.with { shop in
            let cases: [(String, String)] = [
                ("cursor=garbage", "cursor"), ("cursor=eyJhIjoxfQ", "cursor"), ("sort=password", "sort"), ("sort=-", "sort"),
                ("limit=0", "limit"), ("limit=501", "limit"), ("limit=ten", "limit"), ("storeId=fi", "storeId"), ("groupId=x", "groupId"),
                ("enabled=maybe", "enabled"), ("blocked=yes", "blocked"), ("pending=2", "pending"), ("hasAccount=", "hasAccount"),
                ("registeredFrom=2026-13-01", "registeredFrom"), ("registeredTo=yesterday", "registeredTo"),
            ]
            for (query, parameter) in cases {
                let response = try await shop.api("GET", "/customers?\(query)")
                #expect(response.status == 400, "?\(query): \(response.text)")
                #expect(response.errorField == parameter, "?\(query)")
                #expect(response.errorCode == "invalid_query", "?\(query)")
            }
        }
    }

    /// Every id of a listing, page by page.
    private func walk(_ shop: CustomerShop, _ query: String, limit: Int) async throws -> [Int] {
        var ids: [Int] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await shop.list("limit=\(limit)&\(query)" + (cursor.map { "&cursor=\($0)" } ?? ""))
            ids += page.customers.compactMap { $0["id"] as? Int }
            cursor = page.next
            pages += 1
        } while cursor != nil && pages < 50
        return ids
    }
}

/// A list column's value as SQLite orders it: NULL first, then numbers, then text by bytes.
private enum SortValue: Comparable {
    case null
    case number(Int)
    case text(String)

    init(_ value: Any?) {
        switch value {
        case let number as Int: self = .number(number)
        case let text as String: self = .text(text)
        default: self = .null
        }
    }

    static func < (lhs: SortValue, rhs: SortValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): false
        case (.null, _): true
        case (_, .null): false
        case (.number(let a), .number(let b)): a < b
        case (.number, .text): true
        case (.text, .number): false
        case (.text(let a), .text(let b)): Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
        }
    }
}
