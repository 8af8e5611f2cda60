import Foundation
import NordicIdentifiers
import ShopCore

/// Reading one member of a JSON body the way every B2B route does: a wrong type, a missing
/// required value or a bad identifier is a 422 naming the member, with a sentence that says
/// what would be right. Identifiers come back normalised (`1572860-0`, `FI15728600`, E.164).
enum B2BField {
    /// The countries whose organisation numbers the module checks (NordicIdentifiers).
    static let countries = NordicCountry.allCases.map(\.rawValue)
    static let currencies = ["EUR", "SEK", "NOK", "DKK"]

    /// Trimmed text of 1 to `max` characters without control characters; nil when absent or
    /// null (a 422 when `required`), never an empty string.
    static func text(_ body: [String: JSONValue], _ key: String, max: Int, required: Bool = false) throws -> String? {
        switch body[key] {
        case nil, .null?:
            if required { throw HTTPError.invalid(key, "\(key) is required.", code: "missing_field") }
            return nil
        case .string(let raw)?:
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty {
                if required { throw HTTPError.invalid(key, "\(key) must not be empty.", code: "missing_field") }
                return nil
            }
            guard text.count <= max else { throw HTTPError.invalid(key, "\(key) must be at most \(max) characters.") }
            guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) else {
                throw HTTPError.invalid(key, "\(key) must not contain control characters.")
            }
            return text
        default:
            throw HTTPError.invalid(key, "\(key) must be a string.", code: "wrong_type")
        }
    }

    /// One of FI, SE, NO, DK (any case), or nil when absent.
    static func country(_ body: [String: JSONValue], _ key: String = "country") throws -> NordicCountry? {
        guard let text = try self.text(body, key, max: 2) else { return nil }
        guard let country = NordicCountry(rawValue: text.uppercased()) else {
            throw HTTPError.invalid(key, "\(key) must be one of \(countries.joined(separator: ", ")).", code: "invalid_country")
        }
        return country
    }

    /// An organisation number of `country` (Y-tunnus, organisationsnummer, organisasjonsnummer,
    /// CVR), normalised; the message of NordicIdentifiers says what is wrong with it.
    static func businessID(_ text: String, country: NordicCountry, field: String) throws -> String {
        do {
            return try BusinessID.validate(text, country: country)
        } catch {
            throw HTTPError.invalid(field, "\(field): \(error.message)", code: "invalid_business_id")
        }
    }

    /// A VAT number, normalised. When it is of the company's own country it must be the one
    /// its organisation number gives (FI + Y-tunnus digits, SE + number + 01, ...).
    static func vatNumber(_ text: String, country: NordicCountry, businessID: String, field: String) throws -> String {
        let vat: String
        do {
            vat = try VATNumber.validate(text)
        } catch {
            throw HTTPError.invalid(field, "\(field): \(error.message)", code: "invalid_vat_number")
        }
        if vat.hasPrefix(country.rawValue), let expected = try? VATNumber.derive(fromBusinessID: businessID, country: country) {
            // Sweden's numbers end in a two-digit serial (usually 01): compare what precedes it.
            let compared = country == .sweden ? 12 : expected.count
            guard vat.prefix(compared) == expected.prefix(compared) else {
                throw HTTPError.invalid(
                    field, "\(field) \(vat) does not belong to the organisation number \(businessID) (expected \(expected)).",
                    code: "invalid_vat_number")
            }
        }
        return vat
    }

    /// A website: `example.fi` or an http(s) URL; stored with its scheme (`https://` added).
    static func website(_ text: String, field: String) throws -> String {
        let url = text.contains("://") ? text : "https://" + text
        guard url.count <= 200, url.hasPrefix("https://") || url.hasPrefix("http://"),
            !url.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }),
            let host = URLComponents(string: url)?.host, host.contains("."), !host.hasPrefix("."), !host.hasSuffix(".")
        else {
            throw HTTPError.invalid(field, "\(field) must be a web address such as www.example.fi or https://example.fi/.")
        }
        return url
    }

    /// An email address, trimmed.
    static func email(_ text: String, field: String) throws -> String {
        guard EmailAddress.isValid(text) else {
            throw HTTPError.invalid(field, "\(field) must be an email address such as anna@example.fi.")
        }
        return text
    }

    /// A phone number in E.164, national forms read with `country`.
    static func phone(_ text: String, country: NordicCountry, field: String) throws -> String {
        do {
            return try PhoneNumber.e164(text, defaultCountry: country)
        } catch {
            throw HTTPError.invalid(field, "\(field): \(error.message)", code: "invalid_phone")
        }
    }

    /// The customer number of the company in the ERP (Fortnox, ...): 1 to 64 letters, digits,
    /// '.', '-' or '_'.
    static func erpNumber(_ text: String, field: String) throws -> String {
        guard text.range(of: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", options: .regularExpression) != nil else {
            throw HTTPError.invalid(
                field, "\(field) must be the ERP's customer number: 1 to 64 letters, digits, '.', '-' or '_'.",
                code: "invalid_erp_customer_number")
        }
        return text
    }

    /// A whole number in `range`, or nil when absent or null.
    static func integer(_ body: [String: JSONValue], _ key: String, range: ClosedRange<Int64>) throws -> Int64? {
        switch body[key] {
        case nil, .null?: return nil
        case .int(let value)? where range.contains(value): return value
        case .int?: throw HTTPError.invalid(key, "\(key) must be from \(range.lowerBound) to \(range.upperBound).")
        default: throw HTTPError.invalid(key, "\(key) must be a whole number.", code: "wrong_type")
        }
    }

    /// A positive id, or nil when absent or null.
    static func id(_ body: [String: JSONValue], _ key: String) throws -> Int64? {
        try integer(body, key, range: 1...Int64.max)
    }

    /// The JSON body as an object, refusing members not in `allowed` by name.
    static func body(_ request: Request, allowing allowed: Set<String>) throws -> [String: JSONValue] {
        try request.decode([String: JSONValue].self, allowing: allowed)
    }
}
