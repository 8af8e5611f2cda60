import NordicIdentifiers
import SQLite

/// A customer's postal address; a customer has several, one default for billing and one
/// for shipping.
enum CustomerAddress {
    /// Column and JSON key pairs, in display order.
    static let columns: [(String, String)] = [
        ("id", "id"), ("label", "label"), ("company", "company"), ("first_name", "firstName"), ("last_name", "lastName"),
        ("street", "street"), ("street2", "street2"), ("postal_code", "postalCode"), ("city", "city"), ("region", "region"),
        ("country", "country"), ("phone", "phone"), ("is_default_billing", "isDefaultBilling"),
        ("is_default_shipping", "isDefaultShipping"),
    ]
    static let keys = Set(columns.map(\.1)).subtracting(["id"])

    /// Validates a list of addresses and replaces the customer's addresses with it.
    /// The first address becomes the default billing and shipping one unless another says so.
    static func replace(_ db: Database, customerID: Int64, with list: JSONValue, storeCountry: String) throws {
        guard case .array(let items) = list else { throw HTTPError.invalid("addresses", "addresses must be a list.", code: "wrong_type") }
        guard items.count <= 50 else { throw HTTPError.invalid("addresses", "A customer has at most 50 addresses.") }
        var rows: [[String: SQLValue]] = []
        for (index, item) in items.enumerated() {
            rows.append(try validated(item, field: "addresses[\(index)]", storeCountry: storeCountry))
        }
        for flag in ["is_default_billing", "is_default_shipping"] {
            let count = rows.filter { $0[flag] == .integer(1) }.count
            guard count <= 1 else {
                throw HTTPError.invalid(
                    "addresses", "Only one address can be the default for \(flag.hasSuffix("billing") ? "billing" : "shipping").")
            }
            if count == 0, !rows.isEmpty { rows[0][flag] = .integer(1) }
        }
        try db.execute("DELETE FROM customer_address WHERE customer_id = ?", [customerID])
        let names = columns.map(\.0).filter { $0 != "id" }
        for row in rows {
            try db.execute(
                "INSERT INTO customer_address(customer_id, \(names.joined(separator: ", "))) VALUES(?\(String(repeating: ", ?", count: names.count)))",
                [customerID] + names.map { row[$0] ?? .null })
        }
    }

    private static func validated(_ item: JSONValue, field: String, storeCountry: String) throws -> [String: SQLValue] {
        guard case .object(let members) = item else { throw HTTPError.invalid(field, "\(field) must be an object.", code: "wrong_type") }
        if let unknown = members.keys.sorted().first(where: { !keys.contains($0) }) {
            throw HTTPError.invalid("\(field).\(unknown)", "\(unknown) is not an address field.", code: "unknown_field")
        }
        func text(_ key: String, required: Bool = false, max: Int = 200) throws -> SQLValue {
            switch members[key] ?? .null {
            case .null:
                if required { throw HTTPError.invalid("\(field).\(key)", "\(key) is required.", code: "missing_field") }
                return .null
            case .string(let raw):
                let value = raw.trimmedWhitespace()
                if value.isEmpty {
                    if required { throw HTTPError.invalid("\(field).\(key)", "\(key) is required.", code: "missing_field") }
                    return .null
                }
                guard value.count <= max else { throw HTTPError.invalid("\(field).\(key)", "\(key) must be at most \(max) characters.") }
                return .text(value)
            default:
                throw HTTPError.invalid("\(field).\(key)", "\(key) must be a string.", code: "wrong_type")
            }
        }
        var row: [String: SQLValue] = [:]
        row["country"] = try text("country") == .null ? .text(storeCountry) : try text("country")
        guard case .text(let country) = row["country"]!, country.range(of: "^[A-Z]{2}$", options: .regularExpression) != nil else {
            throw HTTPError.invalid("\(field).country", "country must be a two-letter ISO code such as FI.")
        }
        for (column, key) in columns
        where !["id", "country", "is_default_billing", "is_default_shipping", "postal_code", "phone"].contains(column) {
            row[column] = try text(key, required: ["street", "city"].contains(key))
        }
        guard case .text(let postal) = try text("postalCode", required: true) else { return row }
        do {
            row["postal_code"] = .text(try PostalCode.validate(postal, country: country))
            if case .text(let phone) = try text("phone") {
                row["phone"] = .text(try PhoneNumber.e164(phone, defaultCountry: NordicCountry(rawValue: country) ?? .finland))
            }
        } catch let error as IdentifierError {
            throw HTTPError.invalid("\(field).\(error.field == .phoneNumber ? "phone" : "postalCode")", error.message)
        }
        for (column, key) in [("is_default_billing", "isDefaultBilling"), ("is_default_shipping", "isDefaultShipping")] {
            switch members[key] ?? .null {
            case .null: row[column] = .integer(0)
            case .bool(let flag): row[column] = .integer(flag ? 1 : 0)
            default: throw HTTPError.invalid("\(field).\(key)", "\(key) must be true or false.", code: "wrong_type")
            }
        }
        return row
    }
}
