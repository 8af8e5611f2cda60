import Foundation
import SQLite

/// GDPR for one customer: an export of everything the shop holds about them, and an
/// erasure that leaves no trace of the person in the database file (secure_delete zeroes
/// freed bytes, the search index is rebuilt, the WAL is checkpointed and truncated) while
/// keeping the customer number and money records, anonymised, for the books.
enum CustomerPrivacy {
    /// Tables of the core that may hold a customer's personal data beside the record; some
    /// arrive with later migrations, so each is used only if present.
    static let personalTables = ["customer_session", "customer_token", "email_outbox", "webhook_event"]

    static func export(_ db: Database, id: Int64, modules: [any FeatureModule]) throws -> JSONValue {
        let record = try CustomerReader.require(db, id: id)
        var export: [String: JSONValue] = [
            "customer": record,
            "auditTrail": .array(try AuditLog.entries(db, entity: "customer", entityID: String(id), limit: 10_000)),
            "exportedAt": .string(Timestamp.now()),
        ]
        if try tableExists(db, "email_outbox") {
            export["emails"] = .array(
                try db.query(
                    "SELECT created_at, to_address, subject, status, template FROM email_outbox WHERE customer_id = ? ORDER BY id", [id]
                ).map { row in
                    .object(
                        Dictionary(
                            uniqueKeysWithValues: row.columns.map { column in
                                (column, row[column].textValue.map(JSONValue.string) ?? .null)
                            }))
                })
        }
        // Orders with their lines, carts and drafts included; the rules that price for them.
        export["orders"] = .array(
            try db.query("SELECT id FROM sales_order WHERE customer_id = ? ORDER BY id", [id]).map {
                try OrderJSON.order(db, $0[0].int ?? 0)
            })
        export["priceRules"] = .array(
            try db.query("\(PriceRuleStore.select) WHERE r.scope = 'customer' AND r.scope_value = ? ORDER BY r.id", [String(id)]).map(
                PriceRuleStore.json))
        export["productComments"] = .array(
            try db.query("SELECT sku, comment FROM customer_product_comment WHERE customer_id = ? ORDER BY sku", [id]).map { row in
                .object(["sku": .string(row[0].text ?? ""), "comment": .string(row[1].text ?? "")])
            })
        var moduleData: [String: JSONValue] = [:]
        for module in modules {
            if let data = try module.exportCustomerData(db, customerID: id) { moduleData[module.id] = data }
        }
        export["modules"] = .object(moduleData)
        return .object(export)
    }

    /// Erases the person inside the caller's transaction. Run `purgeResidue` afterwards,
    /// outside the transaction, to get the bytes out of the index and the log.
    static func erase(_ db: Database, id: Int64, modules: [any FeatureModule], actor: AuditActor, requestID: String?) throws {
        guard let erasedAt = try db.queryRow("SELECT erased_at FROM customer WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found")
        }
        guard erasedAt["erased_at"] == .null else {
            throw HTTPError.conflict("This customer has already been erased.", code: "already_erased")
        }
        for module in modules { try module.eraseCustomerData(db, customerID: id) }
        try db.execute("DELETE FROM customer_address WHERE customer_id = ?", [id])
        try CustomerSearchIndex.remove(db, id: id)
        // Orders stay for the books with their amounts; the words about the person go.
        try db.execute("DELETE FROM sales_order WHERE customer_id = ? AND status IN ('cart','draft')", [id])
        try db.execute("UPDATE sales_order SET note = NULL, reference = NULL WHERE customer_id = ?", [id])
        try db.execute(
            "UPDATE order_line SET comment = NULL WHERE order_id IN (SELECT id FROM sales_order WHERE customer_id = ?)", [id])
        try db.execute("DELETE FROM customer_product_comment WHERE customer_id = ?", [id])
        // The maildir copies of the customer's emails go with the rows. Removed now rather than
        // after the commit: should the erasure fail, a log row without its copy is the lesser harm.
        if try tableExists(db, "email_settings") {
            let files = try db.query(
                "SELECT maildir_file FROM email_outbox WHERE customer_id = ? AND maildir_file IS NOT NULL", [id]
            ).compactMap { $0["maildir_file"].textValue }
            Maildir(databasePath: db.path).remove(files)
        }
        for table in personalTables where try tableExists(db, table) {
            try db.execute("DELETE FROM \(table) WHERE customer_id = ?", [id])
        }
        let personal = CustomerField.all.filter {
            $0.access == .staff && !["customerNumber", "hasAccount", "enabled", "saleType", "currency"].contains($0.key)
        }
        try db.execute(
            """
            UPDATE customer SET \(personal.map { "\($0.column) = NULL" }.joined(separator: ", ")),
                first_name = 'Erased', last_name = 'Customer', email = NULL, email_key = NULL, password_hash = NULL,
                blocked_reason = NULL, newsletter_consent = NULL, partner_offers_consent = NULL, sms_marketing_consent = NULL,
                newsletter = 0, partner_offers = 0, sms_marketing = 0, remote_assistance_allowed = 0, has_account = 0, enabled = 0,
                last_visit_at = NULL, erased_at = ?, updated_at = ?, version = version + 1
            WHERE id = ?
            """, [Timestamp.now(), Timestamp.now(), id])
        // The trail stays (who changed what, when) but loses every value about the person.
        try db.execute(
            "UPDATE audit_log SET before = NULL, after = NULL WHERE entity = 'customer' AND entity_id = ?", [String(id)])
        try db.execute(
            "UPDATE audit_log SET actor_label = 'erased customer' WHERE actor_kind = 'customer' AND actor_id = ?", [id])
        try AuditLog.record(
            db, actor: actor, action: "customer.erased", entity: "customer", entityID: String(id), requestID: requestID)
    }

    /// Rebuilds the search index without the erased terms and moves the log into the file
    /// and truncates it; with secure_delete on, the freed bytes are zeros.
    static func purgeResidue(_ db: Database) throws {
        try db.execute("INSERT INTO customer_search(customer_search) VALUES('optimize')")
        try db.checkpoint(truncate: true)
    }

    static func tableExists(_ db: Database, _ name: String) throws -> Bool {
        try db.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name], as: Int.self) != nil
    }
}

extension SQLValue {
    var textValue: String? {
        switch self {
        case .text(let text): return text
        case .integer(let number): return String(number)
        default: return nil
        }
    }

    var integerValue: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }
}
