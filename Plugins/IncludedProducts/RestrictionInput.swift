import ShopCore

/// A restriction as staff send it to replace one: `{"skus": [...], "categories": [...]}`, each
/// list optional (absent is empty), both empty removing the restriction. A SKU is 1 to 64
/// letters, digits and `._-` (as products' SKUs are); a category 1 to 100 characters. Repeats
/// collapse (categories whatever their case). Every refusal is a 422 naming the entry
/// (`skus[2]`).
enum RestrictionInput {
    static let fields: Set<String> = ["skus", "categories"]
    static let maximumEntries = 10_000

    static func parse(_ body: JSONBody) throws -> ProductRestriction {
        var skus: [String] = []
        var seenSKUs: Set<String> = []
        for (index, text) in try strings(body, "skus").enumerated() {
            let field = "skus[\(index)]"
            guard (1...64).contains(text.utf8.count), text.utf8.allSatisfy(isSKUByte) else {
                throw HTTPError.invalid(
                    field, "\(field) must be a SKU: 1 to 64 letters, digits, dots, dashes or underscores.", code: "invalid_sku")
            }
            if seenSKUs.insert(text).inserted { skus.append(text) }
        }
        var categories: [String] = []
        var seenCategories: Set<String> = []
        for (index, text) in try strings(body, "categories").enumerated() {
            let field = "categories[\(index)]"
            guard (1...100).contains(text.count) else {
                throw HTTPError.invalid(field, "\(field) must be a product category of 1 to 100 characters.", code: "invalid_category")
            }
            if seenCategories.insert(ProductRestriction.categoryKey(text)).inserted { categories.append(text) }
        }
        return ProductRestriction(skus: skus.sorted(), categories: categories.sorted())
    }

    /// The trimmed strings of a list member; absent or null is an empty list.
    static func strings(_ body: JSONBody, _ key: String) throws -> [String] {
        switch body.members[key] {
        case nil, .null?:
            return []
        case .array(let items)?:
            guard items.count <= maximumEntries else {
                throw HTTPError.invalid(key, "\(key) may list at most \(maximumEntries) entries.", code: "too_many_entries")
            }
            return try items.enumerated().map { index, item in
                guard case .string(let text) = item else {
                    throw HTTPError.invalid("\(key)[\(index)]", "\(key)[\(index)] must be a string.", code: "wrong_type")
                }
                return text.trimmedWhitespace()
            }
        default:
            throw HTTPError.invalid(key, "\(key) must be a list of strings.", code: "wrong_type")
        }
    }

    static func isSKUByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
