import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The mass action: add and remove tags on ticked customers or on everyone a search or tag
/// filter matches, in one transaction, answering how many customers changed.
@Suite("Tags module: mass assignment")
struct TagAssignmentTests {
    @Test func tickedCustomersChangeAndTheCountSaysHowMany() async throws {
        try await TagShop.with { shop in
            let ids = try await shop.customers(["Aho", "Berg", "Carlsen"])
            #expect(try await shop.assign(["add": ["Summer"], "customerIds": [ids[0], ids[1]]]) == 2)
            // Again: everyone already has it.
            #expect(try await shop.assign(["add": ["summer"], "customerIds": [ids[0], ids[1]]]) == 0)
            #expect(try await shop.assign(["add": ["Summer", "Autumn"], "customerIds": ids]) == 3)
            #expect(try await shop.assign(["remove": ["Summer"], "customerIds": [ids[0], ids[0]]]) == 1)
            // Adding and removing at once counts each customer once.
            #expect(try await shop.assign(["add": ["Winter"], "remove": ["Autumn"], "customerIds": ids]) == 3)
            #expect(try await shop.tagNames(ids[0]) == ["Winter"])
            #expect(try await shop.tagNames(ids[1]) == ["Summer", "Winter"])
            #expect(try await shop.counts() == ["Autumn": 0, "Summer": 2, "Winter": 3])
            // A name no tag has removes nothing.
            #expect(try await shop.assign(["remove": ["Nonesuch"], "customerIds": ids]) == 0)

            let response = try await shop.api("POST", "/tags/assign", json: ["add": ["Spring"], "customerIds": [ids[2]]])
            #expect(response.jsonObject?["createdTags"] as? [String] == ["Spring"])
            #expect(response.jsonObject?["selected"] as? Int == 1)

            let audit = try await shop.server.auditEntries(shop.slug, token: shop.token)
            let assignments = audit.filter { $0["action"] as? String == "tags.assigned" }
            #expect(assignments.count == 7)
            let latest = try #require(assignments.first?["after"] as? [String: Any])
            #expect(latest["changed"] as? Int == 1)
            #expect(latest["add"] as? [String] == ["Spring"])
        }
    }

    @Test func aRefusedActionChangesNothing() async throws {
        try await TagShop.with { shop in
            let ids = try await shop.customers(["Aho", "Berg"])
            try await shop.setTags(ids[0], ["Old"])
            let before = try await shop.counts()
            let cases: [(body: [String: Any], field: String, status: Int)] = [
                (["add": ["New"], "customerIds": [ids[0], 999_999]], "customerIds", 422),
                (["add": ["New"], "customerIds": [ids[0], "x"]], "customerIds[1]", 422),
                (["add": ["New"], "customerIds": []], "customerIds", 422),
                (["add": ["New", ""], "customerIds": [ids[0]]], "add[1]", 422),
                (["add": ["New"], "remove": ["new"], "customerIds": [ids[0]]], "remove", 422),
                (["customerIds": [ids[0]]], "add", 422),
                (["add": ["New"]], "customerIds", 422),
                (["add": ["New"], "customerIds": [ids[0]], "filter": ["q": "aho"]], "filter", 422),
                (["add": ["New"], "filter": [:]], "filter", 422),
                (["add": ["New"], "filter": ["storeId": "x"]], "filter.storeId", 422),
                (["add": ["New"], "filter": ["colour": "red"]], "filter.colour", 422),
                (["add": ["New"], "all": false], "all", 422),
                (["add": ["New"], "all": true, "filter": ["q": "aho"]], "all", 422),
                (["add": ["New"], "filter": ["tagsAll": ""]], "filter.tagsAll", 422),
                (["add": ["New"], "filter": ["q": NSNull()]], "filter.q", 422),
                (["add": ["New"], "customerIds": [ids[0]], "everyone": true], "everyone", 422),
            ]
            for item in cases {
                let response = try await shop.api("POST", "/tags/assign", json: item.body)
                #expect(response.status == item.status, "\(item.body): \(response.text)")
                #expect(response.errorField == item.field, "\(item.body): \(response.text)")
            }
            #expect(try await shop.counts() == before)
            #expect(try await shop.tagNames(ids[0]) == ["Old"])
        }
    }

    @Test func searchFilterTagsEveryoneItMatches() async throws {
        try await TagShop.with { shop in
            let ids = try await shop.customers(["Åhlén", "Ahlen-Berg", "Berg", "Öberg", "Virtanen"])
            // "ahlen" finds Åhlén and Ahlen-Berg, as the list's search box does.
            let listed = try await shop.listed("q=ahlen")
            #expect(listed.ids == [ids[0], ids[1]])
            #expect(try await shop.assign(["add": ["Ahlens"], "filter": ["q": "ahlen"]]) == 2)
            #expect(try await shop.listed("tagsAll=Ahlens").ids == listed.ids)

            // The action selects exactly whom the list shows for the same search.
            let bergs = try await shop.listed("q=berg")
            #expect(bergs.ids.count >= 2)
            #expect(try await shop.assign(["add": ["Berg"], "filter": ["q": "berg"]]) == bergs.ids.count)
            #expect(try await shop.listed("tagsAll=Berg").ids == bergs.ids)

            // Search and tag filters together.
            #expect(try await shop.assign(["add": ["Both"], "filter": ["q": "ahlen", "tagsAll": ["Berg"]]]) == 1)
            #expect(try await shop.listed("tagsAll=Both").ids == [ids[1]])
            #expect(try await shop.listed("q=ahlen&tagsAll=Berg").ids == [ids[1]])

            // Nothing searchable selects no one.
            #expect(try await shop.assign(["add": ["None"], "filter": ["q": "!!!"]]) == 0)
            #expect(try await shop.counts()["None"] == 0)
        }
    }

    /// Any filter of the customer list selects, as the core's list reads it (store, enabled,
    /// registration dates, with the search and tag filters): the admin's "all matching" needs
    /// no ids whatever the filter; `all: true` takes every customer.
    @Test func everyListFilterAndAllSelectWhomTheListShows() async throws {
        try await TagShop.with { shop in
            let ids = try await shop.customers(["Aho", "Berg", "Carlsen", "Dahl"])
            #expect(try await shop.api("PATCH", "/customers/\(ids[1])", json: ["enabled": false]).status == 200)
            #expect(try await shop.api("PATCH", "/customers/\(ids[2])", json: ["enabled": false]).status == 200)
            try await shop.setTags(ids[2], ["Old"])
            let disabled = try await shop.listed("enabled=false")
            #expect(disabled.ids.sorted() == [ids[1], ids[2]])
            #expect(try await shop.assign(["add": ["Paused"], "filter": ["enabled": false]]) == 2)
            #expect(try await shop.listed("tagsAll=Paused").ids == disabled.ids)
            // Filters combine as the list combines them.
            #expect(try await shop.assign(["add": ["Both"], "filter": ["enabled": "false", "tagsAny": ["Old"]]]) == 1)
            #expect(try await shop.listed("tagsAll=Both").ids == [ids[2]])
            #expect(try await shop.assign(["add": ["Future"], "filter": ["registeredFrom": "2999-01-01"]]) == 0)
            #expect(try await shop.assign(["add": ["Everyone"], "all": true]) == 4)
            #expect(try await shop.counts()["Everyone"] == 4)
        }
    }

    @Test func addingAndRemovingSeeTheSelectionAsItWasWhenTheActionBegan() async throws {
        try await TagShop.with { shop in
            let ids = try await shop.customers(["Aho", "Berg", "Carlsen"])
            try await shop.setTags(ids[0], ["Old"])
            try await shop.setTags(ids[1], ["Old", "New"])
            // Everyone without New gets New and loses Old, even though adding New first would
            // take them out of "without New".
            #expect(try await shop.assign(["add": ["New"], "remove": ["Old"], "filter": ["tagsNone": "New"]]) == 2)
            #expect(try await shop.tagNames(ids[0]) == ["New"])
            #expect(try await shop.tagNames(ids[1]) == ["New", "Old"])
            #expect(try await shop.tagNames(ids[2]) == ["New"])
            // The reverse: everyone with Old loses it and gets Fresh.
            #expect(try await shop.assign(["add": ["Fresh"], "remove": ["Old"], "filter": ["tagsAny": "Old"]]) == 1)
            #expect(try await shop.tagNames(ids[1]) == ["Fresh", "New"])
        }
    }

    @Test func aLargeFilteredSetIsTaggedInOneStatementPerChange() async throws {
        try await TagShop.with { shop in
            let count = 20_000
            // Customers written straight into the shop's file: the HTTP path is not what is measured.
            try await shop.server.withShopDatabase(shop.slug) { db in
                let store = try db.scalar("SELECT id FROM store ORDER BY id LIMIT 1", as: Int64.self)
                let group = try db.scalar("SELECT id FROM customer_group WHERE name = 'General'", as: Int64.self)
                let now = "2026-01-01T00:00:00.000Z"
                for index in 0..<count {
                    try db.execute(
                        """
                        INSERT INTO customer(store_id, account_scope, customer_number, first_name, last_name, default_group_id,
                                             registered_at, registered_day, updated_at)
                        VALUES(?, 'shop', ?, 'Bulk', ?, ?, ?, ?, ?)
                        """, [store, "B\(index)", "Bulkson\(index % 2)", group, now, String(now.prefix(10)), now])
                    try db.execute(
                        "INSERT INTO customer_search(rowid, text) VALUES(?, ?)", [db.lastInsertRowID, "bulk bulkson\(index % 2)"])
                }
            }
            let clock = ContinuousClock()
            let started = clock.now
            #expect(try await shop.assign(["add": ["Campaign"], "filter": ["q": "bulkson1"]]) == count / 2)
            #expect(try await shop.assign(["add": ["Campaign"], "filter": ["tagsNone": "Campaign"]]) == count / 2)
            #expect(try await shop.assign(["remove": ["Campaign"], "filter": ["q": "bulkson0"]]) == count / 2)
            #expect(clock.now - started < .seconds(30))
            #expect(try await shop.counts() == ["Campaign": count / 2])
            #expect(try await shop.listed("tagsAll=campaign&limit=1").total == count / 2)
        }
    }
}
