import Foundation
import SQLite
import ShopAdminTesting
import Testing

@testable import ShopCore

/// A shop that already has customers when it is upgraded to the stored tallies: the migration
/// counts them, and from then on the triggers keep the counts with every change.
@Suite("Customer tally migration")
struct CustomerTallyMigrationTests {
    @Test func anExistingShopsCustomersAreCountedWhenTheTalliesArrive() throws {
        let path = freeTemporaryDirectory(prefix: "tally-migration") + "/shop.sqlite"
        var options = OpenOptions()
        options.create = true
        let db = try Database(path: path, options: options)
        var before = DatabaseMigrator()
        for migration in CoreSchema.migrations where migration.id != CustomerTally.migration.id {
            before.registerMigration(owner: CoreSchema.owner, id: migration.id, migration.apply)
        }
        _ = try before.migrate(db)

        // Customers as a shop held them before: two stores, both flags, two days, two groups.
        try db.execute(
            "INSERT INTO store(id, code, name, locale, currency, country, created_at) VALUES(1, 'fi', 'FI', 'fi', 'EUR', 'FI', ?), (2, 'se', 'SE', 'sv', 'SEK', 'SE', ?)",
            ["2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"])
        try db.execute(
            "INSERT INTO customer_group(id, name, tax_class, built_in, created_at) VALUES(2, 'General', 'taxable', 1, ?), (3, 'Wholesale', 'tax-free-reseller', 1, ?)",
            ["2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"])
        let (general, wholesale): (Int64, Int64) = (2, 3)
        let rows: [(store: Int64, enabled: Int64, registered: String)] = [
            (1, 1, "2025-03-01T10:00:00.000Z"), (1, 1, "2025-03-01T23:59:59.999Z"), (1, 0, "2025-03-02T08:00:00.000Z"),
            (2, 1, "2025-03-02T09:00:00.000Z"), (2, 0, "2025-03-01T09:00:00.000Z"),
        ]
        for (index, row) in rows.enumerated() {
            try db.execute(
                """
                INSERT INTO customer(store_id, account_scope, customer_number, first_name, last_name, default_group_id, enabled,
                                     registered_at, updated_at)
                VALUES(?, 'shop', ?, 'Old', 'Customer', ?, ?, ?, ?)
                """, [row.store, "OLD\(index)", general, row.enabled, row.registered, row.registered])
            let id = db.lastInsertRowID
            try db.execute("INSERT INTO customer_group_member(customer_id, group_id) VALUES(?, ?)", [id, general])
            if index < 2 { try db.execute("INSERT INTO customer_group_member(customer_id, group_id) VALUES(?, ?)", [id, wholesale]) }
        }

        var after = DatabaseMigrator()
        for migration in CoreSchema.migrations {
            after.registerMigration(owner: CoreSchema.owner, id: migration.id, migration.apply)
        }
        let applied = try after.migrate(db)
        #expect(applied.count == 1 && applied.first?.hasSuffix(CustomerTally.migration.id) == true, "\(applied)")

        func total(_ filter: CustomerTally.Filter) throws -> Int64 { try CustomerTally.count(db, filter) }
        #expect(try total(.init()) == 5)
        #expect(try total(.init(storeID: 1)) == 3)
        #expect(try total(.init(storeID: 2, enabled: false)) == 1)
        #expect(try total(.init(enabled: true, registeredFrom: "2025-03-02")) == 1)
        #expect(try total(.init(registeredFrom: "2025-03-01", registeredTo: "2025-03-01")) == 3)
        #expect(try CustomerTally.groupCount(db, groupID: general) == 5)
        #expect(try CustomerTally.groupCount(db, groupID: wholesale) == 2)
        #expect(try db.scalar("SELECT count(*) FROM customer WHERE registered_day IS NULL", as: Int64.self) == 0)

        // And the triggers are in place: a changed registration moves its day.
        try db.execute("UPDATE customer SET registered_at = '2025-04-01T12:00:00.000Z' WHERE customer_number = 'OLD0'")
        #expect(try total(.init(registeredFrom: "2025-04-01")) == 1)
        #expect(try total(.init(registeredFrom: "2025-03-01", registeredTo: "2025-03-01")) == 2)
        try db.execute("DELETE FROM customer WHERE customer_number = 'OLD1'")
        #expect(try total(.init(storeID: 1)) == 2)
        #expect(try CustomerTally.groupCount(db, groupID: wholesale) == 1)
    }
}
