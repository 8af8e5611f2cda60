import Cryptography
import Foundation
import SQLite

/// Upserts one customer pushed by an ERP (Fortnox and the like), keyed by its ERP customer id,
/// inside the caller's write transaction and through `CustomerWriter`, so the validation, the
/// search index, the modules' checks, the audit entry and the webhook event are the admin API's.
///
/// Idempotent: the ERP's `updatedAt` of the last applied version and a hash of its fields are
/// kept per customer (`erp_customer_sync`). An older version is ignored; the same fields again
/// change nothing, so an ERP may push its whole register a few times a day.
struct ERPCustomerSync {
    /// What became of one record.
    enum Outcome: String {
        case created, updated, unchanged
        /// A customer made in the admin (without an ERP id) matched by customer number or email
        /// and given the ERP id: the round trip of a customer sent to the ERP and sent back.
        case linked
        /// Older than the version already applied: ignored.
        case stale
    }

    let db: Database
    let writer: CustomerWriter

    /// The record's `updatedAt`, required: when the ERP last changed it.
    static func version(_ value: JSONValue?, field: String = "updatedAt") throws -> String {
        guard case .string(let text)? = value, let date = Date.fromSQL(.text(text)) else {
            throw HTTPError.invalid(
                field, "\(field) is required: the time the ERP last changed this record (ISO 8601, 2026-11-23T10:00:00Z).",
                code: value == nil ? "missing_field" : "invalid_field")
        }
        return Timestamp.format(date)
    }

    /// Checks the ERP id from the path: 1 to 64 printable characters, no spaces around.
    static func checkedID(_ text: String, field: String = "erpId") throws -> String {
        guard !text.isEmpty, text.count <= 64, text.trimmedWhitespace() == text,
            text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
        else {
            throw HTTPError.invalid(field, "\(field) must be 1 to 64 printable characters without surrounding spaces.")
        }
        return text
    }

    /// Applies `record` (customer fields plus `updatedAt`) for the customer with ERP id `erpID`.
    func upsert(erpID: String, _ record: [String: JSONValue]) throws -> (outcome: Outcome, customer: JSONValue, storedVersion: String) {
        var fields = record
        let version = try ERPCustomerSync.version(fields.removeValue(forKey: "updatedAt"))
        if let given = fields["erpCustomerId"], given != .string(erpID) {
            throw HTTPError.invalid("erpCustomerId", "erpCustomerId must be left out or equal the ERP id in the path (\(erpID)).")
        }
        fields["erpCustomerId"] = .string(erpID)
        let hash = Hex.encode(SHA256.hash(JSONValue.object(fields).serialized()))
        let existing = try db.queryRow(
            """
            SELECT c.id, s.erp_updated_at, s.payload_hash FROM customer c LEFT JOIN erp_customer_sync s ON s.customer_id = c.id
            WHERE c.erp_customer_id = ?
            """, [erpID])
        guard let existing else {
            if let id = try unlinkedMatch(fields) {
                let customer = try writer.update(id, fields, expectedVersion: nil)
                try remember(id, version: version, hash: hash)
                return (.linked, customer, version)
            }
            let (id, customer) = try writer.createRecord(fields)
            try remember(id, version: version, hash: hash)
            return (.created, customer, version)
        }
        let id: Int64 = try existing.get("id")
        let storedVersion = existing["erp_updated_at"].textValue
        if let storedVersion, version < storedVersion {
            return (.stale, try writer.parts.require(db, id: id), storedVersion)
        }
        if existing["payload_hash"].textValue == hash {
            if let storedVersion, version > storedVersion { try remember(id, version: version, hash: hash) }
            return (.unchanged, try writer.parts.require(db, id: id), max(version, storedVersion ?? version))
        }
        let customer = try writer.update(id, fields, expectedVersion: nil)
        try remember(id, version: version, hash: hash)
        return (.updated, customer, version)
    }

    /// The one customer without an ERP id (not erased) with the record's customer number, or
    /// else with its email; nil when none or several match.
    private func unlinkedMatch(_ fields: [String: JSONValue]) throws -> Int64? {
        let unlinked = "erp_customer_id IS NULL AND erased_at IS NULL"
        if case .string(let number)? = fields["customerNumber"] {
            return try db.scalar("SELECT id FROM customer WHERE customer_number = ? AND \(unlinked)", [number], as: Int64.self)
        }
        guard case .string(let email)? = fields["email"] else { return nil }
        let ids = try db.query(
            "SELECT id FROM customer WHERE email_key = ? AND \(unlinked) LIMIT 2", [EmailAddress.normalized(email)]
        ).map { try $0.get("id", as: Int64.self) }
        return ids.count == 1 ? ids[0] : nil
    }

    private func remember(_ customerID: Int64, version: String, hash: String) throws {
        try db.execute(
            """
            INSERT INTO erp_customer_sync(customer_id, erp_updated_at, payload_hash, synced_at) VALUES(?, ?, ?, ?)
            ON CONFLICT(customer_id) DO UPDATE SET erp_updated_at = excluded.erp_updated_at, payload_hash = excluded.payload_hash,
                synced_at = excluded.synced_at
            """, [customerID, version, hash, Timestamp.now()])
    }
}
