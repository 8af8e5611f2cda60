import SQLite
import ShopCore

/// The mass action "add or remove tags" over ticked customers or a whole filtered list
/// (DOMAIN.md 004: mass edit selected customers), in the caller's one transaction.
///
/// The selection is copied once into a temporary table inside SQLite (never into Swift
/// memory), so that adding and removing both see the set as it was when the action began:
/// "customers without `new`: add `new`, remove `old`" would otherwise remove nothing.
struct TagAssignment {
    let add: [TagName]
    let remove: [TagName]
    let selection: CustomerSelection

    /// What the action did.
    struct Outcome: Sendable {
        /// Customers whose set of tags changed.
        let changed: Int64
        /// Customers the selection held.
        let selected: Int64
        /// Names of tags `add` created.
        let created: [String]
    }

    func run(_ db: Database) throws -> Outcome {
        let (addIDs, created) = try TagStore.ensure(db, add)
        let removeIDs = try TagStore.existing(db, remove)
        let addList = TagAssignment.jsonList(addIDs)
        let removeList = TagAssignment.jsonList(removeIDs)

        try db.execute("CREATE TEMP TABLE IF NOT EXISTS tag_assignment_selection(id INTEGER PRIMARY KEY)")
        try db.execute("DELETE FROM temp.tag_assignment_selection")
        defer { try? db.execute("DELETE FROM temp.tag_assignment_selection") }
        try db.execute("INSERT OR IGNORE INTO temp.tag_assignment_selection(id) \(selection.sql)", selection.arguments)
        let selected = try db.scalar("SELECT count(*) FROM temp.tag_assignment_selection", as: Int64.self) ?? 0

        // A customer changes when they lack one of the tags to add or carry one to remove.
        let changed =
            try db.scalar(
                """
                SELECT count(*) FROM temp.tag_assignment_selection s
                WHERE (SELECT count(*) FROM customer_tag ct
                       WHERE ct.customer_id = s.id AND ct.tag_id IN (SELECT value FROM json_each(?))) < ?
                   OR EXISTS (SELECT 1 FROM customer_tag ct
                              WHERE ct.customer_id = s.id AND ct.tag_id IN (SELECT value FROM json_each(?)))
                """, [addList, addIDs.count, removeList], as: Int64.self) ?? 0
        if changed > 0 && !addIDs.isEmpty {
            try db.execute(
                """
                INSERT OR IGNORE INTO customer_tag(customer_id, tag_id)
                SELECT s.id, t.value FROM temp.tag_assignment_selection s CROSS JOIN json_each(?) t
                """, [addList])
        }
        if changed > 0 && !removeIDs.isEmpty {
            try db.execute(
                """
                DELETE FROM customer_tag
                WHERE tag_id IN (SELECT value FROM json_each(?)) AND customer_id IN (SELECT id FROM temp.tag_assignment_selection)
                """, [removeList])
        }
        return Outcome(changed: changed, selected: selected, created: created)
    }

    static func jsonList(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
