import NordicIdentifiers
import SQLite
import ShopCore

/// A company as staff send it, checked member by member into the columns it sets: for a new
/// company (`name` and `businessId` required, `country` defaulting to the first store's) or a
/// partial update (only the members given; null clears an optional one; a member that is not a
/// company field is refused by name). The organisation number is checked against the country
/// the company will have, and the VAT number against both.
struct CompanyInput {
    /// The members a company body may carry.
    static let keys: Set<String> = [
        "name", "country", "businessId", "vatNumber", "website", "allowedOutstanding", "maxPaymentDays", "riskRating",
        "erpCustomerNumber", "groupId",
    ]
    static let riskRatings = ["low", "medium", "high"]
    /// 100,000,000,000.00 in minor units: far above any real credit, far below overflow.
    static let maximumOutstanding: Int64 = 10_000_000_000_000

    /// Column to value, only for the columns the body sets.
    var values: [String: SQLValue] = [:]

    /// Checks `body` against the company as it is now (`current`: column to value; empty for a new one).
    init(_ body: [String: JSONValue], current: [String: SQLValue], in db: Database) throws {
        let creating = current.isEmpty
        if let unknown = body.keys.sorted().first(where: { !CompanyInput.keys.contains($0) }) {
            throw HTTPError.invalid(
                unknown, "\(unknown) is not a company field; allowed: \(CompanyInput.keys.sorted().joined(separator: ", ")).",
                code: "unknown_field")
        }
        for key in ["name", "businessId", "country"] where body[key] == .null {
            throw HTTPError.invalid(key, "\(key) cannot be empty.", code: "missing_field")
        }
        if let name = try B2BField.text(body, "name", max: 200, required: creating) { values["name"] = .text(name) }

        let country: NordicCountry
        if let given = try B2BField.country(body) {
            country = given
        } else if case .text(let stored)? = current["country"], let known = NordicCountry(rawValue: stored) {
            country = known
        } else {
            country = try CompanyInput.defaultCountry(db)
        }
        if creating || body["country"] != nil { values["country"] = .text(country.rawValue) }

        // The number is checked whenever it or the country changes.
        let givenID = try B2BField.text(body, "businessId", max: 30, required: creating)
        var businessID = current["business_id"]?.stringValue ?? ""
        if givenID != nil || body["country"] != nil {
            businessID = try B2BField.businessID(givenID ?? businessID, country: country, field: "businessId")
            values["business_id"] = .text(businessID)
        }
        let givenVAT = body["vatNumber"] != nil ? try B2BField.text(body, "vatNumber", max: 30) : current["vat_number"]?.stringValue
        if let vat = givenVAT, body["vatNumber"] != nil || values["business_id"] != nil {
            values["vat_number"] = .text(try B2BField.vatNumber(vat, country: country, businessID: businessID, field: "vatNumber"))
        } else if body["vatNumber"] != nil {
            values["vat_number"] = .null
        }
        if body["website"] != nil {
            values["website"] =
                try B2BField.text(body, "website", max: 200).map { .text(try B2BField.website($0, field: "website")) } ?? .null
        }
        if let outstanding = body["allowedOutstanding"] {
            (values["allowed_outstanding"], values["outstanding_currency"]) = try CompanyInput.outstanding(outstanding)
        }
        if body["maxPaymentDays"] != nil {
            values["max_payment_days"] = try B2BField.integer(body, "maxPaymentDays", range: 0...365).map { .integer($0) } ?? .null
        }
        if body["riskRating"] != nil {
            let rating = try B2BField.text(body, "riskRating", max: 10)
            guard rating == nil || CompanyInput.riskRatings.contains(rating!) else {
                throw HTTPError.invalid("riskRating", "riskRating must be one of low, medium, high (or null: not rated).")
            }
            values["risk_rating"] = rating.map { .text($0) } ?? .null
        }
        if body["erpCustomerNumber"] != nil {
            values["erp_customer_number"] =
                try B2BField.text(body, "erpCustomerNumber", max: 64).map {
                    .text(try B2BField.erpNumber($0, field: "erpCustomerNumber"))
                } ?? .null
        }
        if body["groupId"] != nil {
            values["group_id"] = try B2BField.id(body, "groupId").map { .integer(try CompanyInput.group($0, in: db)) } ?? .null
        }
    }

    /// `{"amount": minor units, "currency": "EUR"}` or null (no limit agreed).
    static func outstanding(_ value: JSONValue) throws -> (SQLValue, SQLValue) {
        guard case .object(let members) = value else {
            if value == .null { return (.null, .null) }
            throw HTTPError.invalid(
                "allowedOutstanding", "allowedOutstanding must be {\"amount\": minor units, \"currency\": \"EUR\"} or null.",
                code: "wrong_type")
        }
        if let unknown = members.keys.sorted().first(where: { $0 != "amount" && $0 != "currency" }) {
            throw HTTPError.invalid(
                "allowedOutstanding.\(unknown)", "allowedOutstanding takes amount and currency only.", code: "unknown_field")
        }
        guard case .int(let amount)? = members["amount"] else {
            throw HTTPError.invalid(
                "allowedOutstanding.amount", "allowedOutstanding.amount is required: whole minor units (cents, öre), such as 500000.",
                code: members["amount"] == nil ? "missing_field" : "wrong_type")
        }
        guard (0...maximumOutstanding).contains(amount) else {
            throw HTTPError.invalid("allowedOutstanding.amount", "allowedOutstanding.amount must be from 0 to \(maximumOutstanding).")
        }
        guard case .string(let currency)? = members["currency"], B2BField.currencies.contains(currency) else {
            throw HTTPError.invalid(
                "allowedOutstanding.currency", "allowedOutstanding.currency must be one of EUR, SEK, NOK, DKK.",
                code: members["currency"] == nil ? "missing_field" : "invalid_currency")
        }
        return (.integer(amount), .text(currency))
    }

    /// A customer group a company's people can be in: it exists and is not NOT LOGGED IN.
    static func group(_ id: Int64, in db: Database, field: String = "groupId") throws -> Int64 {
        guard let name = try db.scalar("SELECT name FROM customer_group WHERE id = ?", [id], as: String.self) else {
            throw HTTPError.invalid(field, "No customer group with id \(id).", code: "group_not_found")
        }
        guard name != "NOT LOGGED IN" else {
            throw HTTPError.invalid(field, "NOT LOGGED IN is for visitors; choose a group customers can be in.")
        }
        return id
    }

    /// The country of the shop's first store, the default for a company (FI if unknown).
    static func defaultCountry(_ db: Database) throws -> NordicCountry {
        let code = try db.scalar("SELECT country FROM store ORDER BY id LIMIT 1", as: String.self)
        return code.flatMap(NordicCountry.init(rawValue:)) ?? .finland
    }
}

extension SQLValue {
    /// The text of a text value, else nil.
    var stringValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}
