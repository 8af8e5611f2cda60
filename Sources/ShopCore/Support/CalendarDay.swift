import Pricing

/// A calendar day written `YYYY-MM-DD` (birthdays, validity dates), checked without a
/// `DateFormatter`: the year 1900-2999, a real month, a day that exists in that month.
/// The same reading as the pricing engine's validity days (`PricingDay`).
public enum CalendarDay {
    public static func isValid(_ text: String) -> Bool { PricingDay(text) != nil }
}
