/// The check-digit algorithms behind the Nordic business IDs, on digit values 0-9.
///
/// Each returns the digit the last position should hold, or nil when no digit can make the
/// number valid, so callers can say "should be 4" instead of just "invalid".
enum CheckDigit {
    /// The Finnish Y-tunnus check digit for its first seven digits.
    static func finnish(_ digits: ArraySlice<Int>) -> Int? {
        // Finnish Tax Administration (Verohallinto), Y-tunnus check digit: weights
        // 7,9,10,5,8,4,2; remainder 0 gives 0, remainder 1 is never issued, otherwise 11 - remainder.
        let remainder = weightedSum(digits, weights: [7, 9, 10, 5, 8, 4, 2]) % 11
        switch remainder {
        case 0: return 0
        case 1: return nil
        default: return 11 - remainder
        }
    }

    /// The Luhn (mod 10) check digit for the digits before it.
    static func luhn(_ digits: ArraySlice<Int>) -> Int {
        // Skatteverket (SKV 709 Organisationsnummer, SKV 704 Personnummer): both end in a Luhn
        // digit computed over the other nine, doubling every other digit from the first.
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 0 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }

    /// The Norwegian organisasjonsnummer check digit for its first eight digits.
    static func norwegian(_ digits: ArraySlice<Int>) -> Int? {
        // Brønnøysundregistrene: modulus 11 with weights 3,2,7,6,5,4,3,2; 11 - remainder, where 11
        // becomes 0 and 10 means no number is issued with these eight digits.
        let remainder = weightedSum(digits, weights: [3, 2, 7, 6, 5, 4, 3, 2]) % 11
        switch remainder {
        case 0: return 0
        case 1: return nil
        default: return 11 - remainder
        }
    }

    /// The last digit a Danish CVR number needs for its first seven digits.
    static func danish(_ digits: ArraySlice<Int>) -> Int? {
        // Erhvervsstyrelsen (CVR): the weighted sum of all eight digits with weights 2,7,6,5,4,3,2,1
        // is divisible by 11; the last digit has weight 1, so it is what completes the sum.
        let remainder = weightedSum(digits, weights: [2, 7, 6, 5, 4, 3, 2]) % 11
        let last = (11 - remainder) % 11
        return last == 10 ? nil : last
    }

    private static func weightedSum(_ digits: ArraySlice<Int>, weights: [Int]) -> Int {
        zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
