import Foundation
import Pricing
import SQLite

/// The demo shop's deterministic catalog, prices and orders: a small Nordic B2B hardware
/// catalog, discount groups, SEK and NOK rates, a handful of customer prices and discounts
/// (a contract price, quantity tiers, a group discount, a segment price, a margin price) and
/// placed, invoiced and paid orders priced by the engine, so the admin looks alive.
public enum SampleCommerce {
    static let categories = ["tools", "fasteners", "safety", "office"]
    static let names = [
        "tools": ["Claw hammer", "Cordless drill", "Spirit level", "Hand saw", "Tape measure", "Chisel set", "Pliers", "Torque wrench"],
        "fasteners": [
            "Wood screw 4x40", "Wall plug 8mm", "Hex bolt M10", "Washer M8", "Nail 75mm", "Anchor bolt M12", "Rivet 4mm", "Cable tie",
        ],
        "safety": ["Work gloves", "Safety glasses", "Ear defenders", "Hi-vis vest", "Hard hat", "Dust mask FFP2"],
        "office": ["Invoice binder", "A4 paper", "Pen set", "Label printer"],
    ]

    /// Adds the sample catalog and orders to a shop that has customers (ids 1...).
    public static func add(_ db: Database) throws {
        let now = Timestamp.now()
        for (name, base) in [("Hand tools", 5), ("Fasteners", 10), ("Safety", 0)] {
            try db.execute(
                "INSERT INTO discount_group(name, base_percentage, created_at) VALUES(?, ?, ?)", [name, base * 10_000, now])
        }
        var productID: Int64 = 0
        for (categoryIndex, category) in categories.enumerated() {
            for (index, name) in (names[category] ?? []).enumerated() {
                productID += 1
                let gross = Int64(390 + (categoryIndex * 7 + index * 13) % 40 * 250)
                let group: Int64? = categoryIndex < 3 ? Int64(categoryIndex + 1) : nil
                try db.execute(
                    """
                    INSERT INTO product(sku, name, category, gross_price, net_price, cost_price, discount_group_id, active, created_at, updated_at)
                    VALUES(?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                    """,
                    [
                        "\(category.prefix(3).uppercased())-\(100 + index)", name, category, gross, index % 4 == 3 ? gross * 85 / 100 : nil,
                        gross * 55 / 100, group, now, now,
                    ])
                if index % 3 == 0 {
                    try db.execute(
                        "INSERT INTO product_list_price(product_id, currency, kind, amount) VALUES(?, 'SEK', 'gross', ?)",
                        [productID, gross * 11])
                }
            }
        }
        for (currency, rate) in [("SEK", 11_450_000), ("NOK", 11_620_000)] {
            try db.execute(
                "INSERT INTO exchange_rate(currency, rate, valid_from, created_at) VALUES(?, ?, '2026-01-01', ?)", [currency, rate, now])
        }
        // Segments and districts on some customers, so segment and district rules bite.
        try db.execute("UPDATE customer SET segment = 'construction' WHERE id % 5 = 0")
        try db.execute("UPDATE customer SET district = 'uusimaa' WHERE id % 4 = 0 AND store_id = 1")
        let wholesale = try db.scalar("SELECT id FROM customer_group WHERE name = 'Wholesale'", as: Int64.self) ?? 3
        try db.execute("UPDATE customer SET default_group_id = ? WHERE id IN (2, 3)", [wholesale])
        try db.execute("INSERT OR IGNORE INTO customer_group_member(customer_id, group_id) VALUES(2, ?), (3, ?)", [wholesale, wholesale])
        let rules: [(String, String, String, String?, Int64?, String?, Int64?, String?, Int64?, Int64, String?)] = [
            ("price", "customer", "1", "product", 1, "EUR", 1_990, "n-net", nil, 1, "Contract price 2026"),
            ("discount", "customer", "2", "product", 2, nil, nil, nil, 100_000, 1, "1-5 pcs"),
            ("discount", "customer", "2", "product", 2, nil, nil, nil, 150_000, 6, "6+ pcs"),
            ("discount", "group", String(wholesale), "discount-group", 2, nil, nil, nil, 120_000, 1, "Wholesale fasteners"),
            ("price", "segment", "construction", "product", 21, "EUR", 990, "gross", nil, 1, "Construction hard hats"),
            ("margin", "district", "uusimaa", nil, nil, nil, nil, nil, 350_000, 1, "Uusimaa margin pricing"),
        ]
        for rule in rules {
            try db.execute(
                """
                INSERT INTO price_rule(kind, scope, scope_value, target, target_id, currency, amount, price_type, percentage,
                                       minimum_quantity, note, created_at)
                VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [rule.0, rule.1, rule.2, rule.3, rule.4, rule.5, rule.6, rule.7, rule.8, rule.9, rule.10, now])
        }
        try db.execute(
            "INSERT INTO customer_product_comment(customer_id, sku, comment, updated_at) VALUES(1, 'TOO-100', 'Deliver to site gate B', ?)",
            [now])
        try CatalogSchema.touch(db)
        try addOrders(db, products: productID)
    }

    /// Placed orders for the first 36 customers, some invoiced and paid, priced by the engine.
    static func addOrders(_ db: Database, products: Int64) throws {
        let book = try PriceBookLoader.load(db)
        let system = AuditActor(kind: "system", id: nil, label: "demo")
        let customers = try db.query("SELECT id, default_group_id, segment, district, store_id FROM customer ORDER BY id LIMIT 36")
        let day = PricingDay(date: Date(), timeZone: TimeZone(identifier: "Europe/Helsinki") ?? .current)
        for (index, row) in customers.enumerated() {
            guard let id = row[0].int else { continue }
            let customer = PricingCustomer(
                customerID: id, segment: row[2].text, groupID: row[1].int, district: row[3].text, storeID: row[4].int)
            let orderID = try OrderStore.create(db, customerID: id, status: .draft, currency: nil, actor: system)
            let header = try OrderStore.header(db, orderID)
            let pricer = ShopPricer(
                book: book, context: book.context(for: customer), currency: header.currency, day: day, hooks: [], db: db, groupIDs: [],
                affiliations: [:])
            for line in 0..<(2 + index % 3) {
                let product = Int64((index * 5 + line * 7) % Int(products)) + 1
                guard let sku = try db.scalar("SELECT sku FROM product WHERE id = ?", [product], as: String.self) else { continue }
                _ = try OrderStore.addLine(
                    db, orderID: orderID, ShopPricer.Item(sku: sku, quantity: 1 + (index + line) % 8), pricer: pricer)
            }
            try db.execute(
                "UPDATE sales_order SET payment_method = ?, delivery_method = ? WHERE id = ?",
                [index % 2 == 0 ? "invoice" : "card", index % 3 == 0 ? "pickup" : "posti", orderID])
            _ = try OrderPlacement.place(
                db, orderID: orderID, pricer: pricer, guards: [], override: false, actor: system, requestID: "demo")
            if index % 3 == 1 { _ = try OrderPlacement.transition(db, orderID: orderID, to: .invoiced, actor: system, requestID: "demo") }
            if index % 3 == 2 { _ = try OrderPlacement.transition(db, orderID: orderID, to: .paid, actor: system, requestID: "demo") }
        }
        // And a cart in progress.
        if let first = customers.first?[0].int {
            let cart = try OrderStore.create(db, customerID: first, status: .cart, currency: nil, actor: system)
            let customer = PricingCustomer(customerID: first, groupID: customers.first?[1].int)
            let pricer = ShopPricer(
                book: book, context: book.context(for: customer), currency: try OrderStore.header(db, cart).currency, day: day, hooks: [],
                db: db, groupIDs: [], affiliations: [:])
            _ = try OrderStore.addLine(db, orderID: cart, ShopPricer.Item(sku: "TOO-100", quantity: 3), pricer: pricer)
        }
    }
}
