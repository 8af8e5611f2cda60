import SQLite
import ShopCore

/// The customer CSV's `tags` column (Shopify's `Tags`): a customer's tag names in one cell,
/// comma separated, as Shopify writes them. Exported a page at a time in one query; imported
/// as the customer's whole set (the file says which tags the customer has), creating the tags
/// the shop lacks, audited like `PUT /customers/{id}/tags`.
enum TagCSVColumn {
    static let column = CustomerCSVColumn(name: "tags", otherNames: [.shopify: "Tags"])

    /// Each customer's tag names joined with `, `, in name order; untagged customers left out.
    static func values(_ db: Database, customerIDs: [Int64]) throws -> [Int64: String] {
        guard !customerIDs.isEmpty else { return [:] }
        var names: [Int64: [String]] = [:]
        try db.forEachRow(
            """
            SELECT ct.customer_id, t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id
            WHERE ct.customer_id IN (SELECT value FROM json_each(?)) ORDER BY ct.customer_id, t.name_key
            """, [TagAssignment.jsonList(customerIDs)]
        ) { row in
            names[try row.get(0), default: []].append(try row.get(1))
        }
        return names.mapValues { $0.joined(separator: ", ") }
    }

    /// Replaces the customer's tags with the cell's names; a bad name rolls the row back and is
    /// reported against the column. Returns whether the set changed.
    static func importCell(_ db: Database, _ cell: CustomerCSVCell) throws -> Bool {
        let parts = cell.text.split(separator: ",").map(String.init).filter { !$0.trimmedWhitespace().isEmpty }
        let names = try TagName.list(.array(parts.map { .string($0) }), field: cell.column)
        let before = try TagStore.names(db, customerID: cell.customerID)
        guard Set(before.map(TagName.key)) != Set(names.map(\.key)) else { return false }
        let (ids, created) = try TagStore.ensure(db, names)
        try TagStore.replace(db, customerID: cell.customerID, with: ids)
        let after = try TagStore.names(db, customerID: cell.customerID)
        try AuditLog.record(
            db, actor: cell.actor, action: "customer.tags_changed", entity: "customer", entityID: String(cell.customerID),
            before: .object(["tags": .array(before.map { .string($0) })]),
            after: .object([
                "tags": .array(after.map { .string($0) }), "createdTags": .array(created.map { .string($0) }), "source": .string("import"),
            ]), requestID: cell.requestID)
        return true
    }
}
