/// Formats and parses the one timestamp shape the database stores:
/// `2026-11-23T13:20:37.123Z` (UTC, milliseconds, always 24 bytes).
///
/// Written by hand on integer arithmetic because `DateFormatter` and `ISO8601DateFormatter`
/// cost microseconds and locks per call, and timestamps are written on every order and audit row.
/// Text in that shape sorts in time order, so `ORDER BY created_at` works on the column.
enum ISO8601Timestamp {
    // 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z in milliseconds since 1970:
    // the range four year digits can express.
    static let minimumMilliseconds: Int64 = -62_135_596_800_000
    static let maximumMilliseconds: Int64 = 253_402_300_799_999

    private static let millisecondsPerDay: Int64 = 86_400_000

    /// Whole milliseconds for `seconds` counted from `epochOffsetMilliseconds` after 1970,
    /// rounded to the nearest millisecond and clamped to years 0001...9999.
    ///
    /// `Date` stores seconds since 2001; scaling those before shifting to 1970 keeps the
    /// rounding exact for every date a `Date(timeIntervalSince1970:)` with milliseconds makes.
    static func milliseconds(seconds: Double, epochOffsetMilliseconds: Int64 = 0) -> Int64 {
        guard !seconds.isNaN else { return 0 }
        let scaled = (seconds * 1000).rounded()
        // Clamp before converting: Int64(_:) traps on values out of range (±infinity).
        let limit = 1e16
        let milliseconds = Int64(min(max(scaled, -limit), limit)) + epochOffsetMilliseconds
        return min(max(milliseconds, minimumMilliseconds), maximumMilliseconds)
    }

    /// The text for `seconds` since 1970 (see `format(millisecondsSince1970:)`).
    static func format(secondsSince1970 seconds: Double) -> String {
        format(millisecondsSince1970: milliseconds(seconds: seconds))
    }

    /// The text for a millisecond count since 1970, clamped to years 0001...9999; dates are
    /// in the proleptic Gregorian calendar, as ISO 8601 and SQLite's date functions use.
    static func format(millisecondsSince1970 count: Int64) -> String {
        var milliseconds = min(max(count, minimumMilliseconds), maximumMilliseconds)
        let days = floorDivide(milliseconds, millisecondsPerDay)
        milliseconds -= days * millisecondsPerDay
        let (year, month, day) = civilDate(daysSince1970: days)
        let hour = milliseconds / 3_600_000
        let minute = milliseconds / 60_000 % 60
        let second = milliseconds / 1000 % 60
        let millisecond = milliseconds % 1000

        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int64, digits: Int, at offset: Int) {
                var remaining = value
                for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(truncatingIfNeeded: 48 + remaining % 10)
                    remaining /= 10
                }
            }
            put(year, digits: 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day, digits: 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(hour, digits: 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(minute, digits: 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(second, digits: 2, at: 17)
            buffer[19] = UInt8(ascii: ".")
            put(millisecond, digits: 3, at: 20)
            buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// Seconds since 1970 for a timestamp text, or `nil` if it is not one.
    ///
    /// Accepts our own format and the nearby shapes other writers produce: a space instead of
    /// `T` (SQLite's `CURRENT_TIMESTAMP`), no or any number of fraction digits, `Z`, no zone
    /// (taken as UTC), or a `+HH:MM` / `-HH:MM` offset, and a bare date (midnight UTC).
    static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        func number(_ digits: Int) -> Int64? {
            guard index + digits <= bytes.count else { return nil }
            var value: Int64 = 0
            for _ in 0..<digits {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
                index += 1
            }
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }

        guard let year = number(4), expect(UInt8(ascii: "-")),
            let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let days = daysSince1970(year: year, month: month, day: day)
        if index == bytes.count { return Double(days * 86_400) }

        guard index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ")
        else { return nil }
        index += 1
        guard let hour = number(2), expect(UInt8(ascii: ":")),
            let minute = number(2), expect(UInt8(ascii: ":")),
            let second = number(2),
            hour < 24, minute < 60, second < 60
        else { return nil }

        var fractionDigits = 0
        var fractionNanoseconds: Int64 = 0
        if expect(UInt8(ascii: ".")) {
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if fractionDigits < 9 {
                    fractionNanoseconds = fractionNanoseconds * 10 + Int64(bytes[index] - 48)
                }
                fractionDigits += 1
                index += 1
            }
            guard fractionDigits > 0 else { return nil }
            for _ in min(fractionDigits, 9)..<9 { fractionNanoseconds *= 10 }
        }

        var offsetSeconds: Int64 = 0
        if index < bytes.count {
            let zone = bytes[index]
            if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
                index += 1
            } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
                index += 1
                guard let offsetHours = number(2) else { return nil }
                _ = expect(UInt8(ascii: ":"))
                guard let offsetMinutes = number(2), offsetHours < 24, offsetMinutes < 60 else { return nil }
                offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (zone == UInt8(ascii: "+") ? 1 : -1)
            }
        }
        guard index == bytes.count else { return nil }

        let wholeSeconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        if fractionNanoseconds % 1_000_000 == 0 {
            // Divide exact milliseconds once so that format(parse(x)) and parse(format(d))
            // round-trip to the same Double.
            return Double(wholeSeconds * 1000 + fractionNanoseconds / 1_000_000) / 1000
        }
        return Double(wholeSeconds) + Double(fractionNanoseconds) / 1_000_000_000
    }

    // Howard Hinnant's days-from-civil / civil-from-days, valid for the proleptic Gregorian
    // calendar: http://howardhinnant.github.io/date_algorithms.html
    static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        let quotient = numerator / denominator
        return (numerator % denominator < 0) ? quotient - 1 : quotient
    }
}
