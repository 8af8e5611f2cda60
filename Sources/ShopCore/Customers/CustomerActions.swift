import Foundation
import SQLite

/// The merchant's actions on one customer besides editing: delete (with the impact shown
/// first), copy, activate, block and unblock. Each runs in the caller's transaction and is audited.
extension CustomerWriter {
    /// What deleting the customer takes with it; a dry run returns this and changes nothing.
    func deletionImpact(_ id: Int64) throws -> JSONValue {
        _ = try CustomerReader.require(db, id: id)
        var impact: [String: JSONValue] = ["customer": .int(id)]
        for (key, count) in try Self.deletionCounts(db, selection: "SELECT ? AS id", [id]) { impact[key] = .int(count) }
        return .object(impact)
    }

    /// What deleting every customer `selection` selects (SQL with a column `id`, each id once)
    /// takes or keeps, by kind: one count per kind over the whole set, so the dry run of a
    /// mass delete over a million customers is a few statements, not a million reads.
    static func deletionCounts(_ db: Database, selection: String, _ arguments: [(any SQLValueConvertible)?]) throws -> [String: Int64] {
        let ids = "SELECT id FROM (\(selection))"
        let texts = "SELECT CAST(id AS TEXT) FROM (\(selection))"
        let counts: [(String, String)] = [
            ("addresses", "SELECT count(*) FROM customer_address WHERE customer_id IN (\(ids))"),
            ("groupMemberships", "SELECT count(*) FROM customer_group_member WHERE customer_id IN (\(ids))"),
            ("auditEntriesKept", "SELECT count(*) FROM audit_log WHERE entity = 'customer' AND entity_id IN (\(texts))"),
            (
                "ordersKeptAnonymised",
                "SELECT count(*) FROM sales_order WHERE customer_id IN (\(ids)) AND status NOT IN ('cart','draft')"
            ),
            ("cartsAndDrafts", "SELECT count(*) FROM sales_order WHERE customer_id IN (\(ids)) AND status IN ('cart','draft')"),
            ("priceRules", "SELECT count(*) FROM price_rule WHERE scope = 'customer' AND scope_value IN (\(texts))"),
            ("productComments", "SELECT count(*) FROM customer_product_comment WHERE customer_id IN (\(ids))"),
        ]
        var result: [String: Int64] = [:]
        for (key, sql) in counts { result[key] = try db.scalar(sql, arguments, as: Int64.self) ?? 0 }
        return result
    }

    /// Deletes the customer with their addresses and memberships; the audit trail is kept.
    func delete(_ id: Int64) throws -> JSONValue {
        let impact = try deletionImpact(id)
        let before = try CustomerReader.require(db, id: id)
        try CustomerSearchIndex.remove(db, id: id)
        // Placed orders stay for the books, without the customer (customer_id becomes NULL).
        try db.execute("DELETE FROM sales_order WHERE customer_id = ? AND status IN ('cart','draft')", [id])
        try db.execute("DELETE FROM price_rule WHERE scope = 'customer' AND scope_value = CAST(? AS TEXT)", [id])
        if db.changes > 0 { try CatalogSchema.touch(db) }
        try db.execute("DELETE FROM customer WHERE id = ?", [id])
        try AuditLog.record(
            db, actor: actor, action: "customer.deleted", entity: "customer", entityID: String(id),
            before: CustomerWriter.auditable(before), requestID: requestID)
        // Who was deleted, by the keys an ERP or a CRM holds; not the rest of the record.
        try ShopEvents.emit(
            db, "customer.deleted",
            [
                "customer": .object([
                    "id": .int(id), "customerNumber": before["customerNumber"] ?? .null, "erpCustomerId": before["erpCustomerId"] ?? .null,
                ])
            ])
        return impact
    }

    /// A new customer with everything of `id` but identity and credentials; `identity` gives
    /// the new names, email and so on (DOMAIN.md 001: copy a customer to save typing). The
    /// modules' members (custom field values) are copied too, and the copy is checked as a new
    /// customer.
    func copy(_ id: Int64, identity: [String: JSONValue]) throws -> Int64 {
        let parts = self.parts
        let source = try parts.require(db, id: id)
        guard case .object(let fields) = source else { return id }
        var input: [String: JSONValue] = [:]
        for field in CustomerField.all where field.copyable && field.access == .staff {
            if let value = fields[field.key], value != .null { input[field.key] = value }
        }
        input["storeId"] = fields["storeId"]
        input["groupIds"] = fields["groupIds"]
        input["defaultGroupId"] = fields["defaultGroupId"]
        for key in parts.keys { input[key] = fields[key] }
        if case .array(let addresses)? = fields["addresses"] {
            input["addresses"] = .array(
                addresses.map { address in
                    guard case .object(var members) = address else { return address }
                    members["id"] = nil
                    return .object(members)
                })
        }
        for (key, value) in identity { input[key] = value }
        let copyID = try create(input)
        try AuditLog.record(
            db, actor: actor, action: "customer.copied", entity: "customer", entityID: String(copyID),
            after: .object(["copiedFrom": .int(id)]), requestID: requestID)
        return copyID
    }

    /// Activates a pending account so the customer can sign in.
    func activate(_ id: Int64) throws {
        try setState(id, action: "customer.activated", "activation = 'active'", [])
    }

    /// Blocks sign-in; the customer sees `reason` when trying to sign in (DOMAIN.md 002).
    func block(_ id: Int64, reason: String) throws {
        let reason = reason.trimmedWhitespace()
        guard !reason.isEmpty, reason.count <= 500 else {
            throw HTTPError.invalid("reason", "Give a reason of 1 to 500 characters; the customer sees it when signing in.")
        }
        try setState(id, action: "customer.blocked", "blocked_reason = ?", [reason])
    }

    func unblock(_ id: Int64) throws {
        try setState(id, action: "customer.unblocked", "blocked_reason = NULL", [])
    }

    private func setState(_ id: Int64, action: String, _ assignment: String, _ arguments: [(any SQLValueConvertible)?]) throws {
        let before = try CustomerReader.require(db, id: id)
        try db.execute(
            "UPDATE customer SET \(assignment), version = version + 1, updated_at = ? WHERE id = ?",
            arguments + [Timestamp.now(), id])
        let after = try CustomerReader.require(db, id: id)
        let (changedBefore, changedAfter) = CustomerWriter.diff(before, after)
        try AuditLog.record(
            db, actor: actor, action: action, entity: "customer", entityID: String(id), before: changedBefore,
            after: changedAfter, requestID: requestID)
        try CustomerWriter.emitUpdated(db, after, changed: changedAfter)
    }
}
