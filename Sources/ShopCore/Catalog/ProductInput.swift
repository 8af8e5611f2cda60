import Pricing

/// A product as staff send it, checked field by field. On create every required field
/// must be there; on update only the fields sent change (partial update).
struct ProductInput {
    static let fields: Set<String> = [
        "sku", "name", "category", "grossPrice", "netPrice", "costPrice", "discountGroupId", "active", "listPrices", "storePrices",
    ]
    static let listPriceFields: Set<String> = ["currency", "kind", "amount", "validFrom", "validTo"]
    static let storePriceFields: Set<String> = ["store", "amount"]

    var sku: String?
    var name: String?
    var category: String??
    var grossPrice: Int64?
    var netPrice: Int64??
    var costPrice: Int64??
    var discountGroupID: Int64??
    var active: Bool?
    var listPrices: [ListPriceInput]?
    var storePrices: [(store: String, amount: Int64)]?

    struct ListPriceInput {
        var currency: String
        var kind: String
        var amount: Int64
        var validFrom: PricingDay?
        var validTo: PricingDay?
    }

    init(_ body: JSONBody, creating: Bool) throws {
        sku = try body.string("sku", max: 64, required: creating).map(ProductInput.validSKU)
        name = try body.string("name", max: 200, required: creating)
        if body.has("category") { category = .some(try body.string("category", max: 100)) }
        grossPrice = try body.money("grossPrice", required: creating)
        if body.has("netPrice") { netPrice = .some(try body.money("netPrice")) }
        if body.has("costPrice") { costPrice = .some(try body.money("costPrice")) }
        if body.has("discountGroupId") { discountGroupID = .some(try body.int("discountGroupId", in: 1...Int64.max)) }
        active = try body.bool("active")
        listPrices = try body.objects("listPrices", allowing: ProductInput.listPriceFields, max: 100)?.map { item in
            let input = ListPriceInput(
                currency: try item.currency("currency", required: true)!, kind: try item.choice("kind", ["net", "gross"], required: true)!,
                amount: try item.money("amount", required: true)!, validFrom: try item.day("validFrom"), validTo: try item.day("validTo"))
            if let from = input.validFrom, let to = input.validTo, to < from {
                throw HTTPError.invalid(item.name("validTo"), "\(item.name("validTo")) must not be before validFrom.")
            }
            return input
        }
        storePrices = try body.objects("storePrices", allowing: ProductInput.storePriceFields, max: 100)?.map { item in
            (try item.string("store", max: 32, required: true)!, try item.money("amount", required: true)!)
        }
    }

    /// Letters, digits and `._-`, so a SKU is safe in a URL path and a CSV cell.
    static func validSKU(_ sku: String) throws -> String {
        let allowed = sku.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard allowed else {
            throw HTTPError.invalid("sku", "sku may hold letters, digits, '.', '_' and '-' only; \(sku) does not.")
        }
        return sku
    }
}
