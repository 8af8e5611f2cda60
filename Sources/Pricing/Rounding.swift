/// Rounding to the currency's minor unit: half away from zero, done once at the end of a
/// line so that a discount of 33.3333 % on 7 pieces gives the same cent whichever way
/// the line is read. Intermediate values are exact fractions in 128-bit integers.
public enum Rounding {
    /// `numerator / denominator` rounded half away from zero. The denominator is positive.
    @inlinable
    public static func halfAwayFromZero(_ numerator: Int128, over denominator: Int128) -> Int64 {
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        let twice = remainder.magnitude * 2
        if twice >= denominator.magnitude {
            return Int64(numerator < 0 ? quotient - 1 : quotient + 1)
        }
        return Int64(quotient)
    }
}
