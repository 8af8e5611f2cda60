import Foundation
import NordicIdentifiers
import SQLite

/// Turns a JSON value sent for a customer field into the value stored, normalised
/// (E.164 phones, dashed business ids, upper-case VAT numbers), or a 422 naming the field
/// and saying exactly what is wrong.
enum CustomerFieldValidator {
    /// - Parameter country: the customer's store country, for national phone and business-id forms.
    static func value(for field: CustomerField, _ json: JSONValue, country: String) throws -> SQLValue {
        if case .null = json { return .null }
        let key = field.key
        switch field.kind {
        case .boolean:
            guard case .bool(let flag) = json else { throw HTTPError.invalid(key, "\(key) must be true or false.", code: "wrong_type") }
            return .integer(flag ? 1 : 0)
        case .money:
            guard case .int(let amount) = json else {
                throw HTTPError.invalid(
                    key, "\(key) must be a whole number of minor units (cents), such as 5000 for 50.00.", code: "wrong_type")
            }
            guard amount >= 0, amount <= 1_000_000_000_000 else { throw HTTPError.invalid(key, "\(key) must be 0 or more.") }
            return .integer(amount)
        case .codeList:
            guard case .array(let items) = json else { throw HTTPError.invalid(key, "\(key) must be a list of codes.", code: "wrong_type") }
            let codes = try items.map { item -> String in
                guard case .string(let code) = item,
                    code.range(of: "^[a-z0-9][a-z0-9_-]{0,31}$", options: .regularExpression) != nil
                else { throw HTTPError.invalid(key, "\(key) holds codes of a-z, 0-9, '-' and '_', such as \"invoice\".") }
                return code
            }
            return codes.isEmpty ? .null : .text(Array(Set(codes)).sorted().joined(separator: ","))
        default:
            break
        }
        guard case .string(let raw) = json else { throw HTTPError.invalid(key, "\(key) must be a string.", code: "wrong_type") }
        let text = raw.trimmedWhitespace()
        if text.isEmpty { return .null }
        do {
            return .text(try normalised(field, text, country: country))
        } catch let error as IdentifierError {
            throw HTTPError.invalid(key, error.message)
        }
    }

    private static func normalised(_ field: CustomerField, _ text: String, country: String) throws -> String {
        let key = field.key
        let nordic = NordicCountry(rawValue: country) ?? .finland
        switch field.kind {
        case .text(let max):
            guard text.count <= max else { throw HTTPError.invalid(key, "\(key) must be at most \(max) characters.") }
            guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }) else {
                throw HTTPError.invalid(key, "\(key) contains control characters.")
            }
            return text
        case .email:
            guard EmailAddress.isValid(text) else {
                throw HTTPError.invalid(key, "\(key) must be an email address such as anna@example.fi.")
            }
            return text
        case .phone:
            return try PhoneNumber.e164(text, defaultCountry: nordic)
        case .date:
            guard CalendarDay.isValid(text) else {
                throw HTTPError.invalid(key, "\(key) must be a real date written YYYY-MM-DD.")
            }
            return text
        case .choice(let options):
            guard options.contains(text) else {
                throw HTTPError.invalid(key, "\(key) must be one of \(options.joined(separator: ", ")).")
            }
            return text
        case .businessID:
            return try BusinessID.validate(text, country: nordic)
        case .vatNumber:
            return try VATNumber.validate(text)
        case .ediCode:
            return try OVTCode.validate(text)
        case .currency:
            guard ["EUR", "SEK", "NOK", "DKK"].contains(text.uppercased()) else {
                throw HTTPError.invalid(key, "\(key) must be one of EUR, SEK, NOK, DKK.")
            }
            return text.uppercased()
        case .boolean, .money, .codeList:
            return text
        }
    }

    /// How a stored value reads back as JSON: the three kinds that differ from plain text or numbers.
    enum ReadShape: Sendable {
        case plain, boolean, money, codeList

        init(_ kind: CustomerField.Kind) {
            switch kind {
            case .boolean: self = .boolean
            case .money: self = .money
            case .codeList: self = .codeList
            default: self = .plain
            }
        }
    }

    /// The JSON form of a stored value for the API.
    static func json(for field: CustomerField, _ value: SQLValue) -> JSONValue {
        json(shape: ReadShape(field.kind), value)
    }

    static func json(shape: ReadShape, _ value: SQLValue) -> JSONValue {
        switch (shape, value) {
        case (_, .null): return shape == .codeList ? .array([]) : .null
        case (.boolean, .integer(let flag)): return .bool(flag != 0)
        case (.money, .integer(let amount)): return .int(amount)
        case (.codeList, .text(let list)): return .array(list.split(separator: ",").map { .string(String($0)) })
        case (_, .text(let text)): return .string(text)
        case (_, .integer(let number)): return .int(number)
        case (_, .real(let number)): return .double(number)
        case (_, .blob): return .null
        }
    }
}
