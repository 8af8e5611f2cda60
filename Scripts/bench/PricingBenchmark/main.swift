// In-process pricing benchmark (issue 5): a price book of 10,000 products, 100,000
// customers and 500,000 rules, then as many resolutions as one core does in a few seconds.
// Target: at least 500,000 resolutions per second on one core. Run by Scripts/bench/pricing.
import Foundation
import Pricing

/// A small deterministic generator (SplitMix64), so every run prices the same book.
struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else {
        return fallback
    }
    return value
}
let productCount = option("--products", 10_000)
let customerCount = option("--customers", 100_000)
let ruleCount = option("--rules", 500_000)
let seconds = Double(option("--seconds", 3))

var random = Generator(state: 42)
let groups: [Int64] = [1, 2, 3, 4, 5, 6, 7, 8]
let segments = (0..<20).map { "segment-\($0)" }
let districts = (0..<30).map { "district-\($0)" }
let discountGroups = (1...50).map(Int64.init)
let day = PricingDay("2026-06-15")!

var products: [ProductPricing] = []
for id in 1...productCount {
    let gross = Int64(random.int(100...500_000))
    products.append(
        ProductPricing(
            id: Int64(id), sku: "SKU-\(id)", discountGroupID: random.int(0...9) < 8 ? discountGroups[random.int(0...49)] : nil,
            grossPrice: gross, netPrice: random.int(0...9) == 0 ? gross * 8 / 10 : nil, costPrice: gross * 6 / 10,
            listPrices: random.int(0...9) == 0 ? [ListPrice(currency: "SEK", kind: .gross, amount: gross * 11)] : []))
}

let start = Date()
var priceRules: [PriceRule] = []
var discountRules: [DiscountRule] = []
var marginRules: [MarginRule] = []
for id in 1...ruleCount {
    let roll = random.int(0...99)
    let scope: RuleScope =
        roll < 70
        ? .customer(Int64(random.int(1...customerCount)))
        : roll < 80
            ? .group(groups[random.int(0...7)])
            : roll < 90 ? .segment(segments[random.int(0...19)]) : .district(districts[random.int(0...29)])
    let target: RuleTarget =
        random.int(0...3) == 0 ? .discountGroup(discountGroups[random.int(0...49)]) : .product(Int64(random.int(1...productCount)))
    let validity = random.int(0...3) == 0 ? Validity(from: PricingDay("2026-01-01"), to: PricingDay("2026-12-31")) : .always
    let tier = [1, 1, 1, 5, 10][random.int(0...4)]
    switch random.int(0...9) {
    case 0...3:
        priceRules.append(
            PriceRule(
                id: Int64(id), scope: scope, target: target, currency: random.int(0...4) == 0 ? "SEK" : "EUR",
                amount: Int64(random.int(100...400_000)), type: [.gross, .eNet, .nNet][random.int(0...2)], minimumQuantity: tier,
                validity: validity))
    case 4...8:
        discountRules.append(
            DiscountRule(
                id: Int64(id), scope: scope, target: target, percentage: Percentage(millionths: Int64(random.int(1...40)) * 10_000),
                minimumQuantity: tier, validity: validity))
    default:
        marginRules.append(
            MarginRule(
                id: Int64(id), scope: scope, margin: Percentage(millionths: Int64(random.int(5...60)) * 10_000), minimumQuantity: tier))
    }
}
let book = PriceBook(
    companyCurrency: "EUR", products: products,
    discountGroups: Dictionary(uniqueKeysWithValues: discountGroups.map { ($0, Percentage(millionths: Int64($0 % 10) * 10_000)) }),
    priceRules: priceRules, discountRules: discountRules, marginRules: marginRules,
    exchangeRates: [ExchangeRate(currency: "SEK", millionths: 11_500_000, validity: Validity(from: PricingDay("2020-01-01"), to: nil))],
    shopPrices: [])
let built = Date().timeIntervalSince(start)
print("book: \(productCount) products, \(customerCount) customers, \(book.ruleCount) rules, built in \(String(format: "%.2f", built)) s")

// Each customer's context is found once per request (a cart), then lines are priced against it.
var contexts: [PricingContext] = []
for _ in 0..<2_000 {
    let id = Int64(random.int(1...customerCount))
    contexts.append(
        book.context(
            for: PricingCustomer(
                customerID: id, segment: segments[random.int(0...19)], groupID: groups[random.int(0...7)],
                district: districts[random.int(0...29)])))
}
var queries: [PricingQuery] = []
for _ in 0..<50_000 {
    queries.append(
        PricingQuery(
            productID: Int64(random.int(1...productCount)), quantity: [1, 2, 5, 6, 10, 12][random.int(0...5)],
            currency: random.int(0...4) == 0 ? "SEK" : "EUR", day: day))
}

var resolutions = 0
var checksum: Int64 = 0
var failures = 0
let clock = ContinuousClock()
let began = clock.now
var elapsed = Duration.zero
while elapsed < .seconds(seconds) {
    for batch in 0..<100 {
        let context = contexts[(resolutions / 50 + batch) % contexts.count]
        for index in 0..<50 {
            let query = queries[(resolutions + index) % queries.count]
            do {
                checksum &+= try PricingEngine.resolve(query, for: context, in: book).lineTotal
            } catch {
                failures += 1
            }
        }
        resolutions += 50
    }
    elapsed = clock.now - began
}
let perSecond = Double(resolutions) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
let verdict = perSecond >= 500_000 ? "pass" : "FAIL"
print(
    "in process, one core: \(Int(perSecond)) resolutions/s over \(resolutions) lines (target >= 500,000: \(verdict)); checksum \(checksum), \(failures) failures"
)

// With the explanation, as the "why this price" view asks for it.
let explained = clock.now
var explainedCount = 0
while clock.now - explained < .seconds(1) {
    for index in 0..<1_000 {
        _ = try? PricingEngine.resolve(queries[index], for: contexts[index % contexts.count], in: book, explain: true)
    }
    explainedCount += 1_000
}
print("with explanation: \(explainedCount) resolutions/s")
