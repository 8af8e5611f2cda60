import SQLite
import ShopCore

/// The customers who order in a company's name (DOMAIN.md 000: "several people order in the
/// name of one company"): a customer is a person of at most one company; a company with people
/// has exactly one admin person, the first to join until another is named. People are in the
/// company's customer group while they belong to it (it becomes their default group, which
/// decides discounts and access), through the core's customer writer so each change is audited.
enum CompanyPeople {
    /// The company's people, admin first, then by when they joined.
    static func people(_ db: Database, companyID: Int64) throws -> [JSONValue] {
        try db.query(
            """
            SELECT p.customer_id, p.is_admin, p.joined_at, c.first_name, c.last_name, c.email, c.customer_number
            FROM b2b_company_person p JOIN customer c ON c.id = p.customer_id
            WHERE p.company_id = ? ORDER BY p.is_admin DESC, p.joined_at, p.customer_id
            """, [companyID]
        ).map { row in
            .object([
                "customerId": .int(try row.get("customer_id")), "admin": .bool(try row.get("is_admin", as: Int64.self) == 1),
                "joinedAt": .string(try row.get("joined_at")), "firstName": CompanyStore.text(row["first_name"]),
                "lastName": CompanyStore.text(row["last_name"]), "email": CompanyStore.text(row["email"]),
                "customerNumber": CompanyStore.text(row["customer_number"]),
            ])
        }
    }

    /// The company a customer belongs to and whether they are its admin, if any.
    static func membership(_ db: Database, customerID: Int64) throws -> (companyID: Int64, admin: Bool)? {
        try db.queryRow("SELECT company_id, is_admin FROM b2b_company_person WHERE customer_id = ?", [customerID]).map {
            (try $0.get("company_id"), try $0.get("is_admin", as: Int64.self) == 1)
        }
    }

    /// Makes a customer a person of the company; the first person becomes its admin, and
    /// `admin` makes them the admin in place of the one before. Returns whether anything changed.
    @discardableResult
    static func add(_ db: Database, companyID: Int64, customerID: Int64, admin: Bool, customers: ModuleCustomers) throws -> Bool {
        let company = try CompanyStore.require(db, id: companyID)
        guard let erased = try db.queryRow("SELECT erased_at FROM customer WHERE id = ?", [customerID]) else {
            throw HTTPError.invalid("customerId", "No customer with id \(customerID).", code: "customer_not_found")
        }
        guard erased["erased_at"] == .null else {
            throw HTTPError.conflict("Customer \(customerID) has been erased.", code: "customer_erased", field: "customerId")
        }
        if let current = try membership(db, customerID: customerID) {
            guard current.companyID == companyID else {
                throw HTTPError(
                    .conflict, code: "customer_in_other_company",
                    message: "Customer \(customerID) is a person of company \(current.companyID); remove them there first.",
                    field: "customerId", details: ["companyId": .int(current.companyID)])
            }
            guard admin, !current.admin else { return false }
            try makeAdmin(db, companyID: companyID, customerID: customerID)
            return true
        }
        let first = try db.scalar("SELECT count(*) FROM b2b_company_person WHERE company_id = ?", [companyID], as: Int64.self) == 0
        if admin && !first { try db.execute("UPDATE b2b_company_person SET is_admin = 0 WHERE company_id = ?", [companyID]) }
        try db.execute(
            "INSERT INTO b2b_company_person(customer_id, company_id, is_admin, joined_at) VALUES(?, ?, ?, ?)",
            [customerID, companyID, admin || first ? 1 : 0, Timestamp.now()])
        if case .integer(let group) = company["group_id"] { try join(customers, customerID: customerID, groupID: group) }
        return true
    }

    /// Removes a person from the company. The admin may leave only as its last person: name
    /// another admin first, so a company never loses its admin by accident.
    static func remove(_ db: Database, companyID: Int64, customerID: Int64, customers: ModuleCustomers) throws {
        let company = try CompanyStore.require(db, id: companyID)
        guard let current = try membership(db, customerID: customerID), current.companyID == companyID else {
            throw HTTPError.notFound("Customer \(customerID) is not a person of company \(companyID).", code: "person_not_found")
        }
        let count = try db.scalar("SELECT count(*) FROM b2b_company_person WHERE company_id = ?", [companyID], as: Int64.self) ?? 0
        if current.admin && count > 1 {
            throw HTTPError.conflict(
                "Customer \(customerID) is the company's admin person; make another person admin first.", code: "admin_must_stay",
                field: "customerId")
        }
        try db.execute("DELETE FROM b2b_company_person WHERE customer_id = ?", [customerID])
        if case .integer(let group) = company["group_id"] { try leave(customers, customerID: customerID, groupID: group) }
    }

    /// Makes a person the company's one admin. Returns the admin before, if another.
    @discardableResult
    static func makeAdmin(_ db: Database, companyID: Int64, customerID: Int64) throws -> Int64? {
        _ = try CompanyStore.require(db, id: companyID)
        guard let current = try membership(db, customerID: customerID), current.companyID == companyID else {
            throw HTTPError.invalid(
                "customerId", "Customer \(customerID) is not a person of company \(companyID); add them first.", code: "person_not_found")
        }
        let previous = try db.scalar(
            "SELECT customer_id FROM b2b_company_person WHERE company_id = ? AND is_admin = 1", [companyID], as: Int64.self)
        guard previous != customerID else { return nil }
        try db.execute("UPDATE b2b_company_person SET is_admin = 0 WHERE company_id = ?", [companyID])
        try db.execute("UPDATE b2b_company_person SET is_admin = 1 WHERE customer_id = ?", [customerID])
        return previous
    }

    /// Moves every person from the company's old group to its new one.
    static func moveGroup(_ db: Database, companyID: Int64, from old: Int64?, to new: Int64?, customers: ModuleCustomers) throws {
        guard old != new else { return }
        let ids = try db.query("SELECT customer_id FROM b2b_company_person WHERE company_id = ? ORDER BY customer_id", [companyID])
            .map { try $0.get("customer_id", as: Int64.self) }
        for id in ids {
            if let old { try leave(customers, customerID: id, groupID: old) }
            if let new { try join(customers, customerID: id, groupID: new) }
        }
    }

    /// Puts the customer in the group and makes it their default group.
    static func join(_ customers: ModuleCustomers, customerID: Int64, groupID: Int64) throws {
        let record = try customers.record(customerID)
        var groups = groupIDs(record)
        guard !groups.contains(groupID) || record["defaultGroupId"] != .int(groupID) else { return }
        if !groups.contains(groupID) { groups.append(groupID) }
        try customers.update(customerID, ["groupIds": .array(groups.map { .int($0) }), "defaultGroupId": .int(groupID)])
    }

    /// Takes the customer out of the group; their default becomes another of their groups, or
    /// General when the company's was their only one.
    static func leave(_ customers: ModuleCustomers, customerID: Int64, groupID: Int64) throws {
        let record = try customers.record(customerID)
        let groups = groupIDs(record)
        guard groups.contains(groupID) else { return }
        let rest = groups.filter { $0 != groupID }
        let defaultGroup: JSONValue =
            record["defaultGroupId"] == .int(groupID) ? rest.first.map { .int($0) } ?? .null : record["defaultGroupId"] ?? .null
        try customers.update(customerID, ["groupIds": .array(rest.map { .int($0) }), "defaultGroupId": defaultGroup])
    }

    static func groupIDs(_ record: JSONValue) -> [Int64] {
        guard case .array(let items)? = record["groupIds"] else { return [] }
        return items.compactMap { if case .int(let id) = $0 { return id } else { return nil } }
    }
}
