import Foundation

/// A calendar day as a count of days since 1970-01-01, the unit of every validity period.
/// Validity is inclusive at both ends and read in the shop's time zone, so a discount
/// "until 31 March" still applies at 23:30 Helsinki time on the 31st.
public struct PricingDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: Int32

    public init(value: Int32) { self.value = value }

    /// Reads `YYYY-MM-DD` (a real date, years 1900-2999); nil otherwise.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var result = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                result = result * 10 + Int(byte - 0x30)
            }
            return result
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1900...2999).contains(year), (1...12).contains(month), day >= 1,
            day <= PricingDay.length(ofMonth: month, year: year)
        else { return nil }
        value = Int32(PricingDay.daysFromCivil(year: year, month: month, day: day))
    }

    /// The day it is at `date` in `timeZone`.
    public init(date: Date, timeZone: TimeZone) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(timeZone.secondsFromGMT(for: date))
        value = Int32((seconds - (seconds < 0 ? 86_399 : 0)) / 86_400)
    }

    public var description: String {
        let (year, month, day) = PricingDay.civil(fromDays: Int(value))
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
        return "\(year)-\(two(month))-\(two(day))"
    }

    public static func < (a: PricingDay, b: PricingDay) -> Bool { a.value < b.value }

    static func length(ofMonth month: Int, year: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// An inclusive period of days; an open end is nil.
public struct Validity: Sendable, Hashable {
    public var from: PricingDay?
    public var to: PricingDay?

    public static let always = Validity(from: nil, to: nil)

    public init(from: PricingDay?, to: PricingDay?) {
        self.from = from
        self.to = to
    }

    @inlinable
    public func contains(_ day: PricingDay) -> Bool {
        if let from, day.value < from.value { return false }
        if let to, day.value > to.value { return false }
        return true
    }
}
