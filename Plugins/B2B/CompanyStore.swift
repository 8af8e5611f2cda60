import Foundation
import NordicIdentifiers
import SQLite
import ShopCore

/// One shop's companies: create, change, delete, read and list, inside the caller's
/// transaction (the callers audit). An organisation number is one company per country, an
/// ERP customer number one company; a clash is a 409 naming the field and the company holding it.
enum CompanyStore {
    static let columns = """
        id, name, country, business_id, vat_number, website, allowed_outstanding, outstanding_currency, max_payment_days,
        risk_rating, erp_customer_number, group_id, created_at, updated_at
        """

    /// The company's row, or a 404 naming the id.
    static func require(_ db: Database, id: Int64) throws -> Row {
        guard let row = try db.queryRow("SELECT \(columns) FROM b2b_company WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No company with id \(id).", code: "company_not_found")
        }
        return row
    }

    /// Column to value, as `CompanyInput` reads the company it changes.
    static func values(_ row: Row) -> [String: SQLValue] {
        Dictionary(uniqueKeysWithValues: row.columns.map { ($0, row[$0]) })
    }

    /// Inserts a new company; returns its id.
    static func create(_ db: Database, _ input: CompanyInput) throws -> Int64 {
        var values = input.values
        try unique(db, values, excluding: nil)
        let now = Timestamp.now()
        values["created_at"] = .text(now)
        values["updated_at"] = .text(now)
        values["search_text"] = .text(searchText(values))
        let names = values.keys.sorted()
        try db.execute(
            "INSERT INTO b2b_company(\(names.joined(separator: ", "))) VALUES(\(names.map { _ in "?" }.joined(separator: ", ")))",
            names.map { values[$0]! })
        return db.lastInsertRowID
    }

    /// Applies a partial update; returns the company before and after (as the API shows them),
    /// or nil when nothing changed.
    static func update(_ db: Database, id: Int64, _ input: CompanyInput) throws -> (before: JSONValue, after: JSONValue)? {
        let row = try require(db, id: id)
        let current = values(row)
        let changes = input.values.filter { current[$0.key] != $0.value }
        guard !changes.isEmpty else { return nil }
        let before = try json(db, row)
        try unique(db, current.merging(changes) { $1 }, excluding: id)
        var set = changes
        set["updated_at"] = .text(Timestamp.now())
        set["search_text"] = .text(searchText(current.merging(changes) { $1 }))
        let names = set.keys.sorted()
        try db.execute(
            "UPDATE b2b_company SET \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?", names.map { set[$0]! } + [id])
        return (before, try json(db, try require(db, id: id)))
    }

    /// Deletes a company; its people stay customers and only lose the link. Returns it as it was.
    static func delete(_ db: Database, id: Int64) throws -> JSONValue {
        let company = try json(db, try require(db, id: id), people: true)
        try db.execute("DELETE FROM b2b_company WHERE id = ?", [id])
        return company
    }

    /// The company as the API shows it; `people` adds the list of its people.
    static func json(_ db: Database, _ row: Row, people: Bool = false) throws -> JSONValue {
        let id: Int64 = try row.get("id")
        var outstanding: JSONValue = .null
        if case .integer(let amount) = row["allowed_outstanding"], case .text(let currency) = row["outstanding_currency"] {
            outstanding = .object(["amount": .int(amount), "currency": .string(currency)])
        }
        var group: JSONValue = .null
        if case .integer(let groupID) = row["group_id"],
            let name = try db.scalar("SELECT name FROM customer_group WHERE id = ?", [groupID], as: String.self)
        {
            group = .object(["id": .int(groupID), "name": .string(name)])
        }
        var object: [String: JSONValue] = [
            "id": .int(id), "name": .string(try row.get("name")), "country": .string(try row.get("country")),
            "businessId": .string(try row.get("business_id")), "vatNumber": text(row["vat_number"]), "website": text(row["website"]),
            "allowedOutstanding": outstanding, "maxPaymentDays": integer(row["max_payment_days"]),
            "riskRating": text(row["risk_rating"]), "erpCustomerNumber": text(row["erp_customer_number"]),
            "groupId": integer(row["group_id"]), "group": group, "createdAt": .string(try row.get("created_at")),
            "updatedAt": .string(try row.get("updated_at")),
        ]
        let members = try CompanyPeople.people(db, companyID: id)
        object["peopleCount"] = .int(Int64(members.count))
        if people { object["people"] = .array(members) }
        return .object(object)
    }

    /// A page of companies by id, newest first, after the id `before`; `query` matches the name,
    /// organisation number, VAT or ERP number, with Nordic letters folded.
    static func list(_ db: Database, query: String?, before: Int64?, limit: Int) throws -> [JSONValue] {
        var sql = "SELECT \(columns) FROM b2b_company WHERE 1 = 1"
        var arguments: [(any SQLValueConvertible)?] = []
        if let query, !TextFolding.fold(query).isEmpty {
            sql += " AND instr(search_text, ?) > 0"
            arguments.append(TextFolding.fold(query))
        }
        if let before {
            sql += " AND id < ?"
            arguments.append(before)
        }
        sql += " ORDER BY id DESC LIMIT ?"
        arguments.append(limit)
        return try db.query(sql, arguments).map { try json(db, $0) }
    }

    /// The company with this ERP customer number, if any.
    static func find(_ db: Database, erpNumber: String) throws -> Int64? {
        try db.scalar("SELECT id FROM b2b_company WHERE erp_customer_number = ?", [erpNumber], as: Int64.self)
    }

    /// The company with this organisation number in this country, if any.
    static func find(_ db: Database, country: String, businessID: String) throws -> Int64? {
        try db.scalar("SELECT id FROM b2b_company WHERE country = ? AND business_id = ?", [country, businessID], as: Int64.self)
    }

    static func unique(_ db: Database, _ values: [String: SQLValue], excluding id: Int64?) throws {
        if case .text(let country)? = values["country"], case .text(let number)? = values["business_id"],
            let other = try find(db, country: country, businessID: number), other != id
        {
            throw HTTPError(
                .conflict, code: "company_exists", message: "Company \(other) already has the organisation number \(number) (\(country)).",
                field: "businessId", details: ["companyId": .int(other)])
        }
        if case .text(let erp)? = values["erp_customer_number"], let other = try find(db, erpNumber: erp), other != id {
            throw HTTPError(
                .conflict, code: "erp_customer_number_taken", message: "Company \(other) already has the ERP customer number \(erp).",
                field: "erpCustomerNumber", details: ["companyId": .int(other)])
        }
    }

    /// What the list's search matches: name, numbers, folded.
    static func searchText(_ values: [String: SQLValue]) -> String {
        ["name", "business_id", "vat_number", "erp_customer_number"].compactMap { values[$0]?.stringValue }
            .map(TextFolding.fold).joined(separator: " ")
    }

    static func text(_ value: SQLValue) -> JSONValue {
        if case .text(let text) = value { return .string(text) }
        return .null
    }

    static func integer(_ value: SQLValue) -> JSONValue {
        if case .integer(let number) = value { return .int(number) }
        return .null
    }
}
