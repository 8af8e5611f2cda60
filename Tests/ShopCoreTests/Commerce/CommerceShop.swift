import Foundation
import ShopAdminTesting
import Testing

/// A customer shop with a small catalog for the pricing and order suites: a discount group
/// "Tools" (base 5 %), products HAM-1 (gross 10.00 EUR, in Tools), NUT-2 (gross 1.99 EUR,
/// net 1.50) and OFF-3 (inactive), a SEK rate of 11.5 from 2026-01-01 and one customer.
struct CommerceShop: Sendable {
    let shop: CustomerShop
    let customerID: Int64
    let toolsGroupID: Int64

    static func with(_ body: (CommerceShop) async throws -> Void) async throws {
        try await CustomerShop.with { shop in
            let group = try await shop.api("POST", "/discount-groups", json: ["name": "Tools", "basePercentage": "5"])
            try #require(group.status == 201, "\(group.text)")
            let groupID = try #require((group.jsonObject?["discountGroup"] as? [String: Any])?["id"] as? Int)
            for product: [String: Any] in [
                ["sku": "HAM-1", "name": "Hammer", "category": "tools", "grossPrice": 1000, "discountGroupId": groupID, "costPrice": 600],
                ["sku": "NUT-2", "name": "Nut", "category": "parts", "grossPrice": 199, "netPrice": 150],
                ["sku": "OFF-3", "name": "Old thing", "grossPrice": 500, "active": false],
            ] {
                let response = try await shop.api("POST", "/products", json: product)
                try #require(response.status == 201, "\(response.text)")
            }
            let rate = try await shop.api("POST", "/exchange-rates", json: ["currency": "SEK", "rate": "11.5", "validFrom": "2026-01-01"])
            try #require(rate.status == 201, "\(rate.text)")
            let customer = try await shop.create(CustomerShop.minimal("buyer"))
            let id = try #require(customer["id"] as? Int)
            try await body(CommerceShop(shop: shop, customerID: Int64(id), toolsGroupID: Int64(groupID)))
        }
    }

    func api(_ method: String = "GET", _ path: String, json: [String: Any]? = nil) async throws -> TestResponse {
        try await shop.api(method, path, json: json)
    }

    /// Creates a rule and expects 201; returns its id.
    @discardableResult
    func rule(_ body: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let response = try await api("POST", "/price-rules", json: body)
        try #require(response.status == 201, "rule: \(response.text)", sourceLocation: sourceLocation)
        return try #require((response.jsonObject?["rule"] as? [String: Any])?["id"] as? Int, sourceLocation: sourceLocation)
    }

    /// Prices one SKU for the customer; returns the line.
    func price(_ sku: String, quantity: Int = 1, extra: [String: Any] = [:], date: String = "2026-06-15", currency: String? = nil)
        async throws -> [String: Any]
    {
        var item: [String: Any] = ["sku": sku, "quantity": quantity]
        for (key, value) in extra { item[key] = value }
        var body: [String: Any] = ["customerId": customerID, "items": [item], "date": date, "explain": true]
        if let currency { body["currency"] = currency }
        let response = try await api("POST", "/prices", json: body)
        try #require(response.status == 200, "price: \(response.text)")
        return try #require((response.jsonObject?["lines"] as? [[String: Any]])?.first)
    }
}
