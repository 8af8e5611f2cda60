import SQLite
import ShopCore

/// A value of a custom field that its kind refuses, as the one error the write reports.
struct CustomValueProblem: Error {
    let error: CustomerFieldError
}

extension CustomField {
    /// The longest text value, in characters.
    static let maximumTextLength = 500

    /// The value to store for `json`, checked by kind; nil clears the field (JSON null, or an
    /// empty string). Text is trimmed; a number is a JSON number (12, 12.5), never a string; a
    /// date is `YYYY-MM-DD`; a choice is one of `choices`, exactly.
    func storedValue(_ json: JSONValue) throws(CustomValueProblem) -> SQLValue? {
        if case .null = json { return nil }
        switch kind {
        case .number:
            switch json {
            case .int(let number): return .integer(number)
            case .double(let number) where number.isFinite: return .real(number)
            default: throw problem("wrong_type", "\(name) must be a number, such as 42 or 12.5.")
            }
        case .text, .date, .choice:
            guard case .string(let raw) = json else { throw problem("wrong_type", "\(name) must be a string.") }
            let text = raw.trimmedWhitespace()
            if text.isEmpty { return nil }
            switch kind {
            case .text:
                guard text.count <= CustomField.maximumTextLength else {
                    throw problem("invalid_field", "\(name) must be at most \(CustomField.maximumTextLength) characters.")
                }
                guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }) else {
                    throw problem("invalid_field", "\(name) contains control characters.")
                }
            case .date:
                guard CalendarDay.isValid(text) else { throw problem("invalid_field", "\(name) must be a real date written YYYY-MM-DD.") }
            case .choice:
                guard choices.contains(text) else {
                    throw problem("invalid_field", "\(name) must be one of \(choices.joined(separator: ", ")).")
                }
            case .number:
                break
            }
            return .text(text)
        }
    }

    /// The JSON form of a stored value.
    func jsonValue(_ value: SQLValue) -> JSONValue {
        switch value {
        case .integer(let number): return .int(number)
        case .real(let number): return .double(number)
        case .text(let text): return .string(text)
        case .null, .blob: return .null
        }
    }

    private func problem(_ code: String, _ message: String) -> CustomValueProblem {
        CustomValueProblem(error: CustomerFieldError(field: name, code: code, message: message))
    }
}
