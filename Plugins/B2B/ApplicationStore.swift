import SQLite
import ShopCore

/// One shop's B2B applications: stored as the storefront sent them, read and listed for the
/// merchant's review, inside the caller's transaction. One pending application per email
/// address: a second is a 409 naming `email`, so the form cannot be used to flood an inbox.
enum ApplicationStore {
    static let statuses = ["pending", "approved", "rejected"]

    /// Stores a new pending application; returns its id.
    static func insert(_ db: Database, _ input: ApplicationInput, store: StorefrontStore) throws -> Int64 {
        let key = EmailAddress.normalized(input.email)
        if try db.scalar("SELECT 1 FROM b2b_application WHERE email_key = ? AND status = 'pending'", [key], as: Int.self) != nil {
            throw HTTPError.conflict(
                "An application from this email address is already waiting for the shop's answer.", code: "application_pending",
                field: "email")
        }
        try db.execute(
            """
            INSERT INTO b2b_application(store_id, store_code, company_name, country, business_id, vat_number, website,
                first_name, last_name, email, email_key, phone, message, submitted_at)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                store.id, store.code, input.companyName, input.country.rawValue, input.businessID, input.vatNumber, input.website,
                input.firstName, input.lastName, input.email, key, input.phone, input.message, Timestamp.now(),
            ])
        return db.lastInsertRowID
    }

    /// The application's row, or a 404 naming the id.
    static func require(_ db: Database, id: Int64) throws -> Row {
        guard let row = try db.queryRow("SELECT * FROM b2b_application WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No B2B application with id \(id).", code: "application_not_found")
        }
        return row
    }

    /// A 409 unless the application still waits for a decision: pending → approved | rejected, once.
    static func requirePending(_ row: Row) throws {
        let status: String = try row.get("status")
        guard status == "pending" else {
            let id: Int64 = try row.get("id")
            throw HTTPError(
                .conflict, code: "application_decided",
                message:
                    "Application \(id) has already been \(status)\(row["decided_at"].stringValue.map { " (\($0))" } ?? ""); it is decided once.",
                details: ["status": .string(status)])
        }
    }

    /// Applications newest first, optionally of one status and matching `query` (company name,
    /// organisation number, contact email), after the id `before`.
    static func list(_ db: Database, status: String?, query: String?, before: Int64?, limit: Int) throws -> [JSONValue] {
        var sql = "SELECT * FROM b2b_application WHERE 1 = 1"
        var arguments: [(any SQLValueConvertible)?] = []
        if let status {
            sql += " AND status = ?"
            arguments.append(status)
        }
        if let query, !query.isEmpty {
            sql += " AND (instr(lower(company_name), lower(?)) > 0 OR instr(business_id, ?) > 0 OR instr(email_key, lower(?)) > 0)"
            arguments += [query, query, query]
        }
        if let before {
            sql += " AND id < ?"
            arguments.append(before)
        }
        sql += " ORDER BY id DESC LIMIT ?"
        arguments.append(limit)
        return try db.query(sql, arguments).map(json)
    }

    /// The application as staff see it.
    static func json(_ row: Row) throws -> JSONValue {
        func text(_ column: String) -> JSONValue { CompanyStore.text(row[column]) }
        func id(_ column: String) -> JSONValue { CompanyStore.integer(row[column]) }
        var decision: JSONValue = .null
        if row["decided_at"] != .null {
            decision = .object([
                "at": text("decided_at"), "by": text("decided_by"), "via": text("decided_via"),
                "erpCustomerNumber": text("erp_customer_number"), "reason": text("rejection_reason"), "companyId": id("company_id"),
                "customerId": id("customer_id"), "matchedCompany": .bool(row["matched_company"] == .integer(1)),
                "matchedCustomer": .bool(row["matched_customer"] == .integer(1)),
            ])
        }
        return .object([
            "id": .int(try row.get("id")), "status": .string(try row.get("status")), "store": text("store_code"),
            "companyName": text("company_name"), "country": text("country"), "businessId": text("business_id"),
            "vatNumber": text("vat_number"), "website": text("website"), "firstName": text("first_name"),
            "lastName": text("last_name"), "email": text("email"), "phone": text("phone"), "message": text("message"),
            "submittedAt": text("submitted_at"), "decision": decision,
        ])
    }

    /// Applications the customer made: linked by an approval, or sent from their email address.
    static func of(_ db: Database, customerID: Int64) throws -> [Row] {
        try db.query(
            """
            SELECT * FROM b2b_application WHERE customer_id = ?1
               OR email_key = (SELECT email_key FROM customer WHERE id = ?1 AND email_key IS NOT NULL) ORDER BY id
            """, [customerID])
    }

    /// The outbox ids of the emails about the customer's applications, each handed to `file`.
    static func fileEmails(_ db: Database, customerID: Int64, _ file: (Int64) throws -> Void) throws {
        for row in try of(db, customerID: customerID) {
            for column in ["receipt_email_id", "notification_email_id", "decision_email_id"] {
                if case .integer(let id) = row[column] { try file(id) }
            }
        }
    }

    /// Erasure: the company's data stays (it is the merchant's record of a business), the
    /// person's goes; a pending application is closed as rejected.
    static func erase(_ db: Database, customerID: Int64) throws {
        for row in try of(db, customerID: customerID) {
            let id: Int64 = try row.get("id")
            // A pending application cannot be approved for a person who is gone.
            try db.execute(
                """
                UPDATE b2b_application SET status = 'rejected', decided_at = ?, decided_by = 'system',
                    rejection_reason = 'The applicant''s personal data was erased (GDPR).' WHERE id = ? AND status = 'pending'
                """, [Timestamp.now(), id])
            // A decided rejection's reason was written about the person: it goes too.
            try db.execute(
                """
                UPDATE b2b_application SET first_name = 'Erased', last_name = 'Applicant', email = 'erased', email_key = ?,
                    phone = NULL, message = NULL,
                    rejection_reason = CASE WHEN status = 'rejected'
                        THEN 'The applicant''s personal data was erased (GDPR).' ELSE NULL END
                WHERE id = ?
                """, ["erased:\(id)", id])
            // What the trail and the webhook events said about the application held the person too.
            try AuditLog.eraseValues(db, entity: "b2b_application", entityID: String(id))
            try ShopEvents.erase(db, about: "application", id: id)
        }
    }
}
