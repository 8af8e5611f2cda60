import Foundation
import SQLite

/// Creates and changes customers inside the caller's write transaction, keeping the search
/// index, the group membership and the audit log in step with the record.
struct CustomerWriter {
    let db: Database
    let actor: AuditActor
    let requestID: String?
    /// The shop's enabled modules: their members of the record (`customFields`) are written
    /// and read with it, and their checks (required fields) run after every create and update.
    var modules: [any FeatureModule] = []
    /// Where the write comes from, for the modules' checks.
    var source: CustomerWriteSource = .admin
    /// The core fields the caller could set (the storefront's forms); nil for staff.
    var settableKeys: Set<String>? = nil

    var parts: CustomerModuleParts { CustomerModuleParts(modules: modules) }

    /// Creates a customer from a JSON object; returns the new id.
    func create(_ input: [String: JSONValue]) throws -> Int64 {
        try createRecord(input).id
    }

    /// Creates a customer and returns the new record as the API shows it, read once for both
    /// the audit entry and the response.
    func createRecord(_ input: [String: JSONValue]) throws -> (id: Int64, record: JSONValue) {
        let parts = self.parts
        try CustomerWriter.refuseUnknown(input, allowSystem: false, moduleKeys: parts.keys)
        let store = try StoreInfo.resolve(db, input["storeId"])
        var values: [String: SQLValue] = [:]
        for field in CustomerField.all where field.access == .staff {
            if let json = input[field.key] {
                values[field.column] = try CustomerFieldValidator.value(for: field, json, country: store.country)
            }
        }
        try CustomerWriter.refuseNull(values)
        for required in ["firstName", "lastName"] where (values[CustomerField.byKey[required]!.column] ?? .null) == .null {
            throw HTTPError.invalid(required, "\(required) is required.", code: "missing_field")
        }
        let hasAccount = values["has_account"].map { $0 == .integer(1) } ?? true
        values["has_account"] = .integer(hasAccount ? 1 : 0)
        if hasAccount, (values["email"] ?? .null) == .null {
            throw HTTPError.invalid("email", "email is required for a customer with an account.", code: "missing_field")
        }
        try checkBirthdayAllowed(values)
        let now = Timestamp.now()
        values["customer_number"] = try customerNumber(values["customer_number"])
        values["account_scope"] = .text(store.accountScope)
        values["email_key"] = emailKey(values["email"])
        values["registered_at"] = .text(now)
        values["registered_day"] = .text(String(now.prefix(10)))  // for CustomerTally
        values["updated_at"] = .text(now)
        values["store_id"] = .integer(store.id)
        let groups = try GroupMembership.resolve(db, groupIDs: input["groupIds"], defaultGroupID: input["defaultGroupId"])
        values["default_group_id"] = .integer(groups.defaultGroup)
        for (flag, consent) in CustomerWriter.consents where values[flag] == .integer(1) {
            values[consent] = .text(consentRecord(now))
        }
        try uniqueness(values, excluding: nil)
        let columns = values.keys.sorted()
        try db.execute(
            "INSERT INTO customer(\(columns.joined(separator: ", "))) VALUES(\(columns.map { _ in "?" }.joined(separator: ", ")))",
            columns.map { values[$0]! })
        let id = db.lastInsertRowID
        try GroupMembership.replace(db, customerID: id, with: groups.all)
        if let addresses = input["addresses"] {
            try CustomerAddress.replace(db, customerID: id, with: addresses, storeCountry: store.country)
        }
        try parts.write(db, customerID: id, storeID: store.id, input: input, source: source)
        // A new row: index the values just written, without reading them back.
        try CustomerSearchIndex.insert(db, id: id, values: values)
        let record = try parts.require(db, id: id)
        try parts.check(
            db,
            CustomerWrite(
                source: source, customerID: id, storeID: store.id, isNew: true, storeChanged: false, input: input, record: record,
                settableKeys: settableKeys, moduleFields: parts.fields))
        try AuditLog.record(
            db, actor: actor, action: "customer.created", entity: "customer", entityID: String(id),
            after: CustomerWriter.auditable(record), requestID: requestID)
        try ShopEvents.emit(db, "customer.created", ["customer": record])
        return (id, record)
    }

    /// Applies a partial update and returns the record after it. `expectedVersion` (from
    /// `If-Match`) must match the stored version, or the save is refused with 412 and the
    /// current record.
    @discardableResult
    func update(_ id: Int64, _ patch: [String: JSONValue], expectedVersion: Int64?) throws -> JSONValue {
        let parts = self.parts
        try CustomerWriter.refuseUnknown(patch, allowSystem: false, moduleKeys: parts.keys)
        let before = try parts.require(db, id: id)
        if let expectedVersion, case .int(let current) = before["version"], current != expectedVersion {
            throw HTTPError(
                .preconditionFailed, code: "version_conflict",
                message:
                    "This customer was changed by someone else (version \(current), yours \(expectedVersion)); review the current values and save again.",
                details: ["current": before])
        }
        if patch["storeId"] == .null {
            throw HTTPError.invalid(
                "storeId", "storeId cannot be empty: a customer belongs to one of the shop's stores.", code: "missing_field")
        }
        let store = try StoreInfo.resolve(db, patch["storeId"] ?? before["storeId"])
        var values: [String: SQLValue] = [:]
        for (key, json) in patch {
            guard let field = CustomerField.byKey[key] else { continue }
            values[field.column] = try CustomerFieldValidator.value(for: field, json, country: store.country)
        }
        try CustomerWriter.refuseNull(values)
        // Clearing the number must not quietly draw a new one from the sequence: invoices and
        // the ERP refer to it.
        if values["customer_number"] == SQLValue.null {
            throw HTTPError.invalid(
                "customerNumber", "customerNumber cannot be empty; send a new number or leave it out.", code: "missing_field")
        }
        for required in ["firstName", "lastName"] {
            if let value = values[CustomerField.byKey[required]!.column], value == .null {
                throw HTTPError.invalid(required, "\(required) cannot be empty.", code: "missing_field")
            }
        }
        let hasAccount = (values["has_account"] ?? (before["hasAccount"] == .bool(true) ? .integer(1) : .integer(0))) == .integer(1)
        let email = values["email"] ?? before["email"]?.stringValue.map { .text($0) } ?? .null
        if hasAccount, email == .null {
            throw HTTPError.invalid("email", "email is required for a customer with an account.", code: "missing_field")
        }
        try checkBirthdayAllowed(values)
        let now = Timestamp.now()
        if values["email"] != nil || patch["storeId"] != nil {
            values["email_key"] = emailKey(email)
            values["account_scope"] = .text(store.accountScope)
            values["store_id"] = .integer(store.id)
        }
        if let number = values["customer_number"] { values["customer_number"] = try customerNumber(number) }
        for (flag, consent) in CustomerWriter.consents {
            guard let value = values[flag] else { continue }
            let key = CustomerField.all.first { $0.column == flag }!.key
            if value == .integer(1), before[key] != .bool(true) { values[consent] = .text(consentRecord(now)) }
            if value == .integer(0) { values[consent] = .null }
        }
        if patch["groupIds"] != nil || patch["defaultGroupId"] != nil {
            let currentGroups = try CustomerReader.groupIDs(db, id).map { JSONValue.int($0) }
            let groups = try GroupMembership.resolve(
                db, groupIDs: patch["groupIds"] ?? .array(currentGroups),
                defaultGroupID: patch["defaultGroupId"] ?? before["defaultGroupId"])
            try GroupMembership.replace(db, customerID: id, with: groups.all)
            values["default_group_id"] = .integer(groups.defaultGroup)
        }
        try uniqueness(values, excluding: id)
        values["updated_at"] = .text(now)
        let columns = values.keys.sorted()
        try db.execute(
            "UPDATE customer SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), version = version + 1 WHERE id = ?",
            columns.map { values[$0]! } + [id])
        if let addresses = patch["addresses"] {
            try CustomerAddress.replace(db, customerID: id, with: addresses, storeCountry: store.country)
        }
        try parts.write(db, customerID: id, storeID: store.id, input: patch, source: source)
        try CustomerSearchIndex.update(db, id: id)
        let after = try parts.require(db, id: id)
        try parts.check(
            db,
            CustomerWrite(
                source: source, customerID: id, storeID: store.id, isNew: false, storeChanged: before["storeId"] != after["storeId"],
                input: patch, record: after, settableKeys: settableKeys, moduleFields: parts.fields))
        let (changedBefore, changedAfter) = CustomerWriter.diff(before, after)
        try AuditLog.record(
            db, actor: actor, action: "customer.updated", entity: "customer", entityID: String(id),
            before: changedBefore, after: changedAfter, requestID: requestID)
        try CustomerWriter.emitUpdated(db, after, changed: changedAfter)
        return after
    }

    /// `customer.updated` for the webhooks, with the keys that changed; nothing when none did.
    static func emitUpdated(_ db: Database, _ record: JSONValue, changed: JSONValue) throws {
        guard case .object(let members) = changed, !members.isEmpty else { return }
        try ShopEvents.emit(
            db, "customer.updated", ["customer": record, "changed": .array(members.keys.sorted().map { .string($0) })])
    }

    // MARK: Rules shared by create and update

    static let consents = [
        ("newsletter", "newsletter_consent"), ("partner_offers", "partner_offers_consent"),
        ("sms_marketing", "sms_marketing_consent"),
    ]

    func consentRecord(_ now: String) -> String {
        String(
            decoding: JSONValue.object(["at": .string(now), "source": .string("\(actor.kind):\(actor.label)")]).serialized(), as: UTF8.self)
    }

    /// Fields stored in NOT NULL columns: a JSON null (or, for text, an empty string) is
    /// refused by name, never handed to SQLite to fail as a constraint (a 500).
    static let nonNullable: Set<String> = [
        "hasAccount", "enabled", "newsletter", "partnerOffers", "smsMarketing", "saleType", "remoteAssistanceAllowed",
    ]

    static func refuseNull(_ values: [String: SQLValue]) throws {
        for field in CustomerField.all where nonNullable.contains(field.key) && values[field.column] == SQLValue.null {
            throw HTTPError.invalid(
                field.key, "\(field.key) cannot be empty; leave it out to keep its current or default value.", code: "missing_field")
        }
    }

    /// Refuses, by name, a key that is neither a field of the record nor a member an enabled
    /// module owns (`moduleKeys`): without the module, `customFields` is not a field.
    static func refuseUnknown(_ input: [String: JSONValue], allowSystem: Bool, moduleKeys: Set<String> = []) throws {
        for key in input.keys.sorted() {
            if CustomerField.structuralKeys.contains(key) || moduleKeys.contains(key) { continue }
            if key == "password" {
                throw HTTPError.invalid(
                    key, "Staff do not set customer passwords; send the customer a set-password link instead.", code: "unknown_field")
            }
            guard let field = CustomerField.byKey[key] else {
                throw HTTPError.invalid(key, "\(key) is not a customer field.", code: "unknown_field")
            }
            if field.access == .system && !allowSystem {
                throw HTTPError.invalid(key, "\(key) is kept by the system and cannot be set.", code: "read_only_field")
            }
        }
    }

    func emailKey(_ email: SQLValue?) -> SQLValue {
        guard case .text(let text)? = email else { return .null }
        return .text(EmailAddress.normalized(text))
    }

    func checkBirthdayAllowed(_ values: [String: SQLValue]) throws {
        guard let birthday = values["birthday"], birthday != .null else { return }
        guard try ShopSettings.load(db).birthdayEnabled else {
            throw HTTPError.invalid("birthday", "The birthday field is turned off for this shop (GDPR); a staff owner can turn it on.")
        }
    }

    /// A given number, checked for format; or the next from the shop's sequence.
    func customerNumber(_ given: SQLValue?) throws -> SQLValue {
        if case .text(let number)? = given {
            guard CustomerWriter.isCustomerNumber(number) else {
                throw HTTPError.invalid("customerNumber", "customerNumber is 1 to 32 letters, digits, '-' or '_'.")
            }
            return .text(number)
        }
        while true {
            let next =
                try db.scalar("UPDATE customer_number_sequence SET next = next + 1 WHERE id = 1 RETURNING next - 1", as: Int64.self)
                ?? 10001
            if try db.scalar("SELECT 1 FROM customer WHERE customer_number = ?", [String(next)], as: Int.self) == nil {
                return .text(String(next))
            }
        }
    }

    /// 1 to 32 ASCII letters, digits, `-` or `_`, starting with a letter or digit (checked by
    /// hand: a regular expression per imported row was a twentieth of an import's CPU).
    static func isCustomerNumber(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, (1...32).contains(bytes.count) else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }
        return isAlphanumeric(first) && bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    func uniqueness(_ values: [String: SQLValue], excluding id: Int64?) throws {
        let others = id.map { " AND id <> \($0)" } ?? ""
        if case .text(let key)? = values["email_key"], case .text(let scope)? = values["account_scope"],
            try db.scalar("SELECT 1 FROM customer WHERE account_scope = ? AND email_key = ?\(others)", [scope, key], as: Int.self) != nil
        {
            throw HTTPError.conflict("Another customer already uses the email \(key).", code: "email_taken", field: "email")
        }
        if case .text(let number)? = values["customer_number"],
            try db.scalar("SELECT 1 FROM customer WHERE customer_number = ?\(others)", [number], as: Int.self) != nil
        {
            throw HTTPError.conflict("Customer number \(number) is taken.", code: "customer_number_taken", field: "customerNumber")
        }
        if case .text(let erp)? = values["erp_customer_id"],
            try db.scalar("SELECT 1 FROM customer WHERE erp_customer_id = ?\(others)", [erp], as: Int.self) != nil
        {
            throw HTTPError.conflict("ERP customer id \(erp) is used by another customer.", code: "erp_id_taken", field: "erpCustomerId")
        }
    }

    /// What the audit log keeps of a record: everything but the staff-only aggregates' noise.
    static func auditable(_ record: JSONValue) -> JSONValue {
        guard case .object(var object) = record else { return record }
        object["version"] = nil
        object["updatedAt"] = nil
        return .object(object)
    }

    /// The fields that changed, before and after.
    static func diff(_ before: JSONValue, _ after: JSONValue) -> (JSONValue, JSONValue) {
        guard case .object(let old) = before, case .object(let new) = after else { return (before, after) }
        var changedBefore: [String: JSONValue] = [:]
        var changedAfter: [String: JSONValue] = [:]
        for key in Set(old.keys).union(new.keys) where !["version", "updatedAt"].contains(key) && old[key] != new[key] {
            changedBefore[key] = old[key] ?? .null
            changedAfter[key] = new[key] ?? .null
        }
        return (.object(changedBefore), .object(changedAfter))
    }
}
