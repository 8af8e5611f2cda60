/// A percentage held exactly, in millionths of the whole (12.5 % is 125,000), so a
/// discount of 12.5 % or 33.3333 % is never a binary fraction and two computations of one
/// line always agree to the cent. Four decimals of a percent are kept; more are refused.
public struct Percentage: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Millionths of the whole: 1,000,000 is 100 %.
    public let millionths: Int64

    public static let zero = Percentage(millionths: 0)
    public static let hundred = Percentage(millionths: 1_000_000)

    public init(millionths: Int64) { self.millionths = millionths }

    /// Reads `12`, `12.5`, `-3.25`, `33.3333` (a percent, at most four decimals).
    /// Returns nil for anything else, so the caller can name the field in its error.
    public init?(parsing text: String) {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenDigit = false
        var seenPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            seenDigit = true
            if seenPoint {
                fractionDigits += 1
                guard fractionDigits <= 4 else { return nil }
                fraction = fraction * 10 + Int64(byte - 0x30)
            } else {
                whole = whole * 10 + Int64(byte - 0x30)
                guard whole <= 1_000_000 else { return nil }
            }
        }
        guard seenDigit else { return nil }
        for _ in fractionDigits..<4 { fraction *= 10 }
        let value = whole * 10_000 + fraction
        millionths = negative ? -value : value
    }

    /// `12.5`, `10`, `33.3333`: the shortest exact decimal.
    public var description: String {
        let magnitude = millionths.magnitude
        var text = String(magnitude / 10_000)
        var fraction = magnitude % 10_000
        if fraction != 0 {
            var digits = 4
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            let padded = String(fraction)
            text += "." + String(repeating: "0", count: digits - padded.count) + padded
        }
        return millionths < 0 ? "-" + text : text
    }

    public static func < (a: Percentage, b: Percentage) -> Bool { a.millionths < b.millionths }
}
