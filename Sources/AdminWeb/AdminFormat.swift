import Foundation
import ShopCore

/// How the admin writes amounts and times.
enum AdminFormat {
    /// Minor units as an amount with two decimals (`123450` → `1234.50`).
    static func money(_ value: JSONValue) -> String {
        switch value {
        case .int(let minor):
            let sign = minor < 0 ? "-" : ""
            let magnitude = minor.magnitude
            let cents = magnitude % 100
            return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
        case .null: return ""
        default: return value.display(AdminStrings(.en))
        }
    }

    /// The day of an ISO-8601 time (`2026-11-23T10:00:00.000Z` → `2026-11-23`).
    static func day(_ value: JSONValue) -> String {
        guard let text = value.stringValue else { return "" }
        return String(text.prefix(10))
    }

    /// An ISO-8601 time as `2026-11-23 10:00`.
    static func time(_ value: JSONValue) -> String {
        guard let text = value.stringValue else { return "" }
        return String(text.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
