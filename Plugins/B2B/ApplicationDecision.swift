import Foundation
import SQLite
import ShopCore

/// The merchant's answer to an application, the same whether given in the admin or through
/// the signed link, inside one write transaction with its emails and audit entries.
///
/// Approval (DOMAIN.md 000, steps 4 to 7) takes the customer number the merchant created in the
/// ERP and: finds the company by that number (synced from the ERP) or by its organisation number,
/// or creates it; finds the customer by that number (synced) or by the applicant's email, or
/// creates them; makes them a person of the company (its admin when it has none); and emails the
/// applicant a single-use link to set a password and where to sign in. Rejection emails the reason.
struct ApplicationDecision {
    let db: Database
    let outbox: ShopOutbox
    let actor: AuditActor
    let requestID: String?

    /// What an approval did.
    struct Approval: Sendable {
        let companyID: Int64
        let customerID: Int64
        let matchedCompany: Bool
        let matchedCustomer: Bool
        let emailID: Int64
    }

    /// Approves a pending application (a 409 if it was decided); `via` is `admin` or `link`.
    func approve(_ id: Int64, erpNumber: String, via: String) throws -> Approval {
        let application = try ApplicationStore.require(db, id: id)
        try ApplicationStore.requirePending(application)
        let customers = ModuleCustomers(db, actor: actor, requestID: requestID)
        let store = try CompanyStore.integer(application["store_id"]).intValue.flatMap { try StorefrontStore.find(db, id: $0) }
        let (companyID, matchedCompany) = try company(application, erpNumber: erpNumber)
        let (customerID, matchedCustomer) = try customer(application, erpNumber: erpNumber, store: store, customers: customers)
        if let membership = try CompanyPeople.membership(db, customerID: customerID), membership.companyID != companyID {
            throw HTTPError(
                .conflict, code: "customer_in_other_company",
                message: "Customer \(customerID) is already a person of company \(membership.companyID); check the ERP customer number.",
                field: "erpCustomerNumber", details: ["companyId": .int(membership.companyID), "customerId": .int(customerID)])
        }
        if try CompanyPeople.add(db, companyID: companyID, customerID: customerID, admin: false, customers: customers) {
            try AuditLog.record(
                db, actor: actor, action: "b2b.person_added", entity: "b2b_company", entityID: String(companyID),
                after: .object([
                    "customerId": .int(customerID),
                    "admin": .bool(try CompanyPeople.membership(db, customerID: customerID)?.admin ?? false),
                    "applicationId": .int(id),
                ]), requestID: requestID)
        }
        try db.execute(
            """
            UPDATE b2b_application SET status = 'approved', decided_at = ?, decided_by = ?, decided_via = ?, erp_customer_number = ?,
                company_id = ?, customer_id = ?, matched_company = ?, matched_customer = ? WHERE id = ?
            """,
            [Timestamp.now(), actor.label, via, erpNumber, companyID, customerID, matchedCompany, matchedCustomer, id])
        if case .integer(let receipt) = application["receipt_email_id"] { try outbox.assign(emailID: receipt, toCustomer: customerID) }
        let emailID = try approvalEmail(customerID: customerID, application: application)
        try db.execute("UPDATE b2b_application SET decision_email_id = ? WHERE id = ?", [emailID, id])
        try AuditLog.record(
            db, actor: actor, action: "b2b.application_approved", entity: "b2b_application", entityID: String(id),
            before: .object(["status": .string("pending")]),
            after: .object([
                "status": .string("approved"), "via": .string(via), "erpCustomerNumber": .string(erpNumber),
                "companyId": .int(companyID), "customerId": .int(customerID), "matchedCompany": .bool(matchedCompany),
                "matchedCustomer": .bool(matchedCustomer), "emailId": .int(emailID),
            ]), requestID: requestID)
        let decided = try ApplicationStore.json(try ApplicationStore.require(db, id: id))
        try ShopEvents.emit(db, "b2b.application.approved", ["application": decided])
        return Approval(
            companyID: companyID, customerID: customerID, matchedCompany: matchedCompany, matchedCustomer: matchedCustomer,
            emailID: emailID)
    }

    /// Rejects a pending application with a reason the applicant is told.
    func reject(_ id: Int64, reason: String) throws -> Int64 {
        let application = try ApplicationStore.require(db, id: id)
        try ApplicationStore.requirePending(application)
        try db.execute(
            """
            UPDATE b2b_application SET status = 'rejected', decided_at = ?, decided_by = ?, decided_via = 'admin', rejection_reason = ?
            WHERE id = ?
            """, [Timestamp.now(), actor.label, reason, id])
        let store = try CompanyStore.integer(application["store_id"]).intValue.flatMap { try StorefrontStore.find(db, id: $0) }
        let emailID = try outbox.queue(
            B2BEmails.rejected, to: try application.get("email"), locale: store?.locale ?? "en",
            variables: [
                "firstName": try application.get("first_name"), "companyName": try application.get("company_name"), "reason": reason,
            ])
        try db.execute("UPDATE b2b_application SET decision_email_id = ? WHERE id = ?", [emailID, id])
        try AuditLog.record(
            db, actor: actor, action: "b2b.application_rejected", entity: "b2b_application", entityID: String(id),
            before: .object(["status": .string("pending")]),
            after: .object(["status": .string("rejected"), "reason": .string(reason), "emailId": .int(emailID)]), requestID: requestID)
        let decided = try ApplicationStore.json(try ApplicationStore.require(db, id: id))
        try ShopEvents.emit(db, "b2b.application.rejected", ["application": decided])
        return emailID
    }

    /// The company with the ERP number (synced from the ERP), or with the organisation number
    /// (then it gets the ERP number), or a new one. A company whose organisation number matches
    /// but whose ERP number differs is a mistake the merchant must see: a 409.
    private func company(_ application: Row, erpNumber: String) throws -> (id: Int64, matched: Bool) {
        if let id = try CompanyStore.find(db, erpNumber: erpNumber) { return (id, true) }
        let country: String = try application.get("country")
        let businessID: String = try application.get("business_id")
        if let id = try CompanyStore.find(db, country: country, businessID: businessID) {
            let row = try CompanyStore.require(db, id: id)
            if case .text(let other) = row["erp_customer_number"] {
                throw HTTPError(
                    .conflict, code: "erp_customer_number_mismatch",
                    message:
                        "Company \(id) with the organisation number \(businessID) has the ERP customer number \(other), not \(erpNumber).",
                    field: "erpCustomerNumber", details: ["companyId": .int(id)])
            }
            let input = try CompanyInput(["erpCustomerNumber": .string(erpNumber)], current: CompanyStore.values(row), in: db)
            if let (before, after) = try CompanyStore.update(db, id: id, input) {
                let (changedBefore, changedAfter) = CompanyRoutes.diff(before, after)
                try AuditLog.record(
                    db, actor: actor, action: "b2b.company_updated", entity: "b2b_company", entityID: String(id), before: changedBefore,
                    after: changedAfter, requestID: requestID)
                try CompanyRoutes.emitUpdated(db, id: id, changed: changedAfter)
            }
            return (id, true)
        }
        var body: [String: JSONValue] = [
            "name": .string(try application.get("company_name")), "country": .string(country), "businessId": .string(businessID),
            "erpCustomerNumber": .string(erpNumber),
        ]
        if case .text(let vat) = application["vat_number"] { body["vatNumber"] = .string(vat) }
        if case .text(let website) = application["website"] { body["website"] = .string(website) }
        let id = try CompanyStore.create(db, try CompanyInput(body, current: [:], in: db))
        let company = try CompanyStore.json(db, try CompanyStore.require(db, id: id))
        try AuditLog.record(
            db, actor: actor, action: "b2b.company_created", entity: "b2b_company", entityID: String(id), after: company,
            requestID: requestID)
        try ShopEvents.emit(db, "company.created", ["company": company])
        return (id, false)
    }

    /// The customer with the ERP number (synced from the ERP), or with the applicant's email in
    /// the store, filling in what their record lacks; or a new customer from the application.
    private func customer(_ application: Row, erpNumber: String, store: StorefrontStore?, customers: ModuleCustomers) throws -> (
        id: Int64, matched: Bool
    ) {
        let email: String = try application.get("email")
        var fields: [String: JSONValue] = [
            "firstName": .string(try application.get("first_name")), "lastName": .string(try application.get("last_name")),
            "email": .string(email), "company": .string(try application.get("company_name")), "hasAccount": .bool(true),
            "erpCustomerId": .string(erpNumber),
        ]
        if case .text(let phone) = application["phone"] { fields["phone"] = .string(phone) }
        if case .text(let vat) = application["vat_number"] { fields["vatNumber"] = .string(vat) }
        // The customer record checks a business id by its store's country.
        if let store, store.country == (try application.get("country", as: String.self)) {
            fields["businessId"] = .string(try application.get("business_id"))
        }
        var existing = try db.scalar(
            "SELECT id FROM customer WHERE erp_customer_id = ? AND erased_at IS NULL", [erpNumber], as: Int64.self)
        if existing == nil, let store {
            existing = try db.scalar(
                "SELECT id FROM customer WHERE account_scope = ? AND email_key = ? AND erased_at IS NULL",
                [store.accountScope, EmailAddress.normalized(email)], as: Int64.self)
        }
        guard let id = existing else {
            if let store { fields["storeId"] = .int(store.id) }
            return (try customers.create(fields), false)
        }
        // Only what the record lacks: the ERP's and the merchant's values win over the form's.
        let record = try customers.record(id)
        var missing = fields.filter { key, _ in (record[key] ?? .null) == .null }
        if record["hasAccount"] != .bool(true) { missing["hasAccount"] = .bool(true) }
        if missing["email"] != nil, let store,
            try db.scalar(
                "SELECT 1 FROM customer WHERE account_scope = ? AND email_key = ? AND id <> ?",
                [store.accountScope, EmailAddress.normalized(email), id], as: Int.self) != nil
        {
            missing["email"] = nil
        }
        if !missing.isEmpty { try customers.update(id, missing) }
        return (id, true)
    }

    /// Queues the approval with a set-your-password link to the customer's sign-in address.
    private func approvalEmail(customerID: Int64, application: Row) throws -> Int64 {
        guard
            let row = try db.queryRow(
                "SELECT customer.email, customer.first_name, store.code, store.locale FROM customer JOIN store ON store.id = customer.store_id WHERE customer.id = ?",
                [customerID]), case .text(let address) = row["email"]
        else {
            throw HTTPError.conflict(
                "Customer \(customerID) has no email address to send the approval to; add one first.", code: "no_email",
                field: "erpCustomerNumber")
        }
        let link = try outbox.setPasswordLink(customerID: customerID)
        let signIn = try outbox.storefrontURL(storeCode: try row.get("code")) + "/sign-in"
        return try outbox.queue(
            B2BEmails.approved, to: address, locale: try row.get("locale"), customerID: customerID,
            variables: [
                "firstName": try row.get("first_name"), "companyName": try application.get("company_name"), "link": link,
                "signInLink": signIn,
            ])
    }
}

extension JSONValue {
    /// The number of an `.int`, else nil.
    var intValue: Int64? {
        if case .int(let number) = self { return number }
        return nil
    }
}
