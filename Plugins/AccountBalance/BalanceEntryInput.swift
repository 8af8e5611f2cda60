import ShopCore

/// A new ledger entry as staff send it, checked field by field: `amount` a non-zero whole
/// number of minor units of at most 10^11 either way, `currency` one of the Nordic
/// currencies, `reason` 1 to 500 characters. Each refusal is a 422 naming the field.
struct BalanceEntryInput: Sendable {
    /// The currencies a shop sells in (the stores' currencies).
    static let currencies = ["EUR", "SEK", "NOK", "DKK"]
    /// 1,000,000,000.00 in minor units: far above any real adjustment, far below overflow.
    static let maximumAmount: Int64 = 100_000_000_000
    static let maximumReasonLength = 500

    let amount: Int64
    let currency: String
    let reason: String

    init(_ body: [String: JSONValue]) throws {
        switch body["amount"] {
        case .int(let amount)?:
            guard amount != 0 else {
                throw HTTPError.invalid(
                    "amount", "amount must not be 0: give a positive credit or a negative debit.", code: "invalid_amount")
            }
            guard amount.magnitude <= BalanceEntryInput.maximumAmount.magnitude else {
                throw HTTPError.invalid(
                    "amount", "amount must be at most \(BalanceEntryInput.maximumAmount) minor units either way.", code: "invalid_amount")
            }
            self.amount = amount
        case nil, .null?:
            throw HTTPError.invalid("amount", "amount is required, in minor units (cents, öre).", code: "missing_field")
        default:
            throw HTTPError.invalid("amount", "amount must be a whole number of minor units (cents, öre).", code: "invalid_amount")
        }
        switch body["currency"] {
        case .string(let currency)? where BalanceEntryInput.currencies.contains(currency):
            self.currency = currency
        case nil, .null?:
            throw HTTPError.invalid("currency", "currency is required: one of EUR, SEK, NOK, DKK.", code: "missing_field")
        default:
            throw HTTPError.invalid("currency", "currency must be one of EUR, SEK, NOK, DKK.", code: "invalid_currency")
        }
        switch body["reason"] {
        case .string(let text)?:
            let reason = text.trimmedWhitespace()
            guard !reason.isEmpty, reason.count <= BalanceEntryInput.maximumReasonLength else {
                throw HTTPError.invalid(
                    "reason", "reason must be 1 to \(BalanceEntryInput.maximumReasonLength) characters.", code: "invalid_reason")
            }
            self.reason = reason
        case nil, .null?:
            throw HTTPError.invalid("reason", "reason is required: say why the balance changes.", code: "missing_field")
        default:
            throw HTTPError.invalid("reason", "reason must be a string.", code: "invalid_reason")
        }
    }
}
