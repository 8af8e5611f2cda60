import Pricing

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, seeded, deterministic generator, so a
/// failing property run can be replayed from the seed it prints.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// True `percent` times in a hundred.
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

    mutating func maybe<T>(_ percent: Int, _ make: (inout SplitMix64) -> T) -> T? { chance(percent) ? make(&self) : nil }

    mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, to: 0, by: -1) { values.swapAt(index, int(0...index)) }
    }
}

/// Small, dense random shops: few products, groups, segments and districts, so that rules
/// collide on every level; days within a fortnight so validity periods both hit and miss.
enum RandomBooks {
    static let firstDay = PricingDay("2025-03-10")!.value
    static let currencies = ["EUR", "EUR", "SEK", "NOK"]
    static let segments = ["a", "b"]
    static let districts = ["n", "s"]
    static let tiers = [1, 1, 1, 1, 2, 3, 5, 6, 6, 10]

    static func day(_ random: inout SplitMix64, _ range: ClosedRange<Int32> = -1...10) -> PricingDay {
        PricingDay(value: firstDay + Int32(random.int(Int(range.lowerBound)...Int(range.upperBound))))
    }

    static func validity(_ random: inout SplitMix64) -> Validity {
        guard random.chance(55) else { return .always }
        return Validity(from: random.maybe(70) { day(&$0, 0...9) }, to: random.maybe(70) { day(&$0, 0...9) })
    }

    /// Mostly 0–60 % with four decimals, sometimes round, sometimes over 100 % or negative.
    static func percentage(_ random: inout SplitMix64) -> Percentage {
        switch random.int(0...19) {
        case 0: return .zero
        case 1: return Percentage(millionths: random.int64(1_000_000...1_500_000))
        case 2: return Percentage(millionths: -random.int64(1...200_000))
        case 3...8: return Percentage(millionths: random.int64(0...60) * 10_000)
        default: return Percentage(millionths: random.int64(0...600_000))
        }
    }

    static func scope(_ random: inout SplitMix64) -> RuleScope {
        switch random.int(0...3) {
        case 0: .customer(random.int64(1...3))
        case 1: .segment(random.pick(segments))
        case 2: .group(random.int64(1...2))
        default: .district(random.pick(districts))
        }
    }

    static func target(_ random: inout SplitMix64, products: Int) -> RuleTarget {
        random.chance(50) ? .product(random.int64(1...Int64(products + 1))) : .discountGroup(random.int64(1...3))
    }

    static func amount(_ random: inout SplitMix64) -> Int64 { random.chance(10) ? random.int64(0...9) : random.int64(10...20_000) }

    static func make(_ random: inout SplitMix64) -> FlatBook {
        let productCount = random.int(1...6)
        var products: [ProductPricing] = []
        for id in 1...Int64(productCount) {
            var listPrices: [ListPrice] = []
            for _ in 0..<random.int(0...3) {
                listPrices.append(
                    ListPrice(
                        currency: random.pick(currencies), kind: random.chance(50) ? .net : .gross, amount: amount(&random),
                        validity: validity(&random)))
            }
            products.append(
                ProductPricing(
                    id: id, sku: "P\(id)", discountGroupID: random.maybe(75) { $0.int64(1...3) }, grossPrice: amount(&random),
                    netPrice: random.maybe(30) { amount(&$0) }, costPrice: random.maybe(60) { amount(&$0) }, listPrices: listPrices))
        }
        var discountGroups: [Int64: Percentage] = [:]
        for group in 1...Int64(3) where random.chance(70) { discountGroups[group] = percentage(&random) }

        // Rule ids shuffled so that the newest rule is not the last one given.
        let counts = (prices: random.int(0...14), discounts: random.int(0...14), margins: random.int(0...4))
        var ids = Array(Int64(1)...Int64(counts.prices + counts.discounts + counts.margins + 1))
        random.shuffle(&ids)
        var priceRules: [PriceRule] = []
        for _ in 0..<counts.prices {
            priceRules.append(
                PriceRule(
                    id: ids.removeLast(), scope: scope(&random), target: target(&random, products: productCount),
                    currency: random.pick(currencies), amount: amount(&random), type: random.pick(PriceType.allCases),
                    minimumQuantity: random.pick(tiers), validity: validity(&random)))
        }
        var discountRules: [DiscountRule] = []
        for _ in 0..<counts.discounts {
            discountRules.append(
                DiscountRule(
                    id: ids.removeLast(), scope: scope(&random), target: target(&random, products: productCount),
                    percentage: percentage(&random), minimumQuantity: random.pick(tiers), validity: validity(&random)))
        }
        var marginRules: [MarginRule] = []
        for _ in 0..<counts.margins {
            let margin =
                random.chance(10)
                ? Percentage(millionths: random.pick([1_000_000, random.int64(1_000_001...1_500_000)]))
                : percentage(&random)
            marginRules.append(
                MarginRule(
                    id: ids.removeLast(), scope: scope(&random), margin: margin, minimumQuantity: random.pick(tiers),
                    validity: validity(&random)))
        }

        // SEK usually has a rate, sometimes one that starts or ends inside the fortnight; NOK seldom.
        var rates: [ExchangeRate] = []
        for _ in 0..<random.int(0...3) {
            rates.append(ExchangeRate(currency: "SEK", millionths: random.int64(10_000_000...12_999_999), validity: validity(&random)))
        }
        if random.chance(30) {
            rates.append(ExchangeRate(currency: "NOK", millionths: random.int64(11_000_000...12_000_000), validity: validity(&random)))
        }

        var shopPrices: [ShopPrice] = []
        for store in 1...Int64(2) {
            for product in 1...Int64(productCount) where random.chance(15) {
                shopPrices.append(ShopPrice(storeID: store, productID: product, currency: random.pick(currencies), amount: amount(&random)))
            }
        }
        return FlatBook(
            companyCurrency: "EUR", products: products, discountGroups: discountGroups, priceRules: priceRules,
            discountRules: discountRules, marginRules: marginRules, exchangeRates: rates, shopPrices: shopPrices)
    }

    static func customer(_ random: inout SplitMix64) -> PricingCustomer {
        if random.chance(15) {
            // A visitor: no id, the NOT LOGGED IN group (or none), maybe a store.
            return PricingCustomer(customerID: nil, groupID: random.maybe(50) { _ in 99 }, storeID: random.maybe(30) { $0.int64(1...2) })
        }
        return PricingCustomer(
            customerID: random.int64(1...4), segment: random.maybe(70) { $0.pick(segments + ["c"]) },
            groupID: random.maybe(80) { $0.int64(1...3) }, district: random.maybe(70) { $0.pick(districts + ["w"]) },
            storeID: random.maybe(50) { $0.int64(1...3) })
    }

    static func query(_ random: inout SplitMix64, products: Int) -> PricingQuery {
        let quantity: Int
        switch random.int(0...99) {
        case 0, 1: quantity = 0
        case 2: quantity = PricingEngine.maximumQuantity + 1
        case 3: quantity = PricingEngine.maximumQuantity
        case 4: quantity = -3
        default: quantity = random.pick([1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 7, 9, 10, 10, 11, 100])
        }
        return PricingQuery(
            productID: random.chance(3) ? Int64(products + 1) : random.int64(1...Int64(products)), quantity: quantity,
            currency: random.pick(["EUR", "SEK", "SEK", "NOK"]), day: day(&random), userPrice: random.maybe(10) { amount(&$0) },
            userPriceType: random.pick(PriceType.allCases), userDiscountAmount: random.maybe(8) { $0.int64(0...3_000) },
            userDiscountPercentage: random.maybe(10) { percentage(&$0) })
    }
}
