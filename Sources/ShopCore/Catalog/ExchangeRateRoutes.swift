import Pricing
import SQLite

/// Exchange rates (`/shops/{shop}/api/exchange-rates`): units of a currency per one unit of
/// the company currency, from a day on (inclusive), optionally to a day. Rates are exact
/// decimals with at most six decimals, given as strings ("11.4567").
struct ExchangeRateRoutes {
    static let fields: Set<String> = ["currency", "rate", "validFrom", "validTo"]

    func addRoutes(to routes: RouteGroup) {
        routes.requiring(.customersRead).get("/exchange-rates", summary: "Exchange rates, newest first per currency") { _, context in
            let shop = try context.requireShop()
            let rates = try await shop.database.read { db -> JSONValue in
                .object([
                    "companyCurrency": .string(try PriceBookLoader.companyCurrency(db)),
                    "rates": .array(
                        try db.query("SELECT id FROM exchange_rate ORDER BY currency, valid_from DESC, id DESC").map {
                            try ExchangeRateRoutes.json(db, $0[0].int ?? 0)
                        }),
                ])
            }
            return .json(rates)
        }

        routes.requiring(.catalogManage).post("/exchange-rates", summary: "Add an exchange rate valid from a day") { request, context in
            let shop = try context.requireShop()
            let body = try JSONBody(request, allowing: ExchangeRateRoutes.fields)
            let currency = try body.currency("currency", required: true)!
            let rate = try ExchangeRateRoutes.rate(body)
            guard let from = try body.day("validFrom") else {
                throw HTTPError.invalid(
                    "validFrom", "validFrom is required: the first day the rate applies (YYYY-MM-DD).", code: "missing_field")
            }
            let to = try body.day("validTo")
            if let to, to < from { throw HTTPError.invalid("validTo", "validTo must not be before validFrom.") }
            let (actor, requestID) = (context.auditActor, context.requestID)
            let created = try await shop.database.write { db -> JSONValue in
                guard currency != (try PriceBookLoader.companyCurrency(db)) else {
                    throw HTTPError.invalid("currency", "\(currency) is the company currency; its rate is always 1.")
                }
                try db.execute(
                    "INSERT INTO exchange_rate(currency, rate, valid_from, valid_to, created_at) VALUES(?, ?, ?, ?, ?)",
                    [currency, rate, from.description, to?.description, Timestamp.now()])
                let id = db.lastInsertRowID
                try CatalogSchema.touch(db)
                let json = try ExchangeRateRoutes.json(db, id)
                try AuditLog.record(
                    db, actor: actor, action: "exchange_rate.created", entity: "exchange_rate", entityID: String(id), after: json,
                    requestID: requestID)
                return json
            }
            return .json(.object(["rate": created]), status: .created)
        }

        routes.requiring(.catalogManage).delete("/exchange-rates/{id}", summary: "Delete an exchange rate") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            try await shop.database.write { db in
                let before = try ExchangeRateRoutes.json(db, id)
                try db.execute("DELETE FROM exchange_rate WHERE id = ?", [id])
                try CatalogSchema.touch(db)
                try AuditLog.record(
                    db, actor: actor, action: "exchange_rate.deleted", entity: "exchange_rate", entityID: String(id), before: before,
                    requestID: requestID)
            }
            return .json(.object(["deleted": .int(id)]))
        }
    }

    /// "11.4567" → 11,456,700 (millionths); positive, at most six decimals.
    static func rate(_ body: JSONBody) throws -> Int64 {
        let text: String
        switch body.members["rate"] {
        case .string(let value)?: text = value
        case .int(let value)?: text = String(value)
        case .double(let value)?: text = String(value)
        case nil, .null?:
            throw HTTPError.invalid(
                "rate", "rate is required: units of the currency per one unit of the company currency.", code: "missing_field")
        default: throw HTTPError.invalid("rate", "rate must be a decimal such as \"11.4567\".", code: "wrong_type")
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]), whole >= 0, whole < 1_000_000,
            parts.count == 1 || (parts[1].count <= 6 && parts[1].allSatisfy(\.isASCII) && Int64(parts[1]) != nil)
        else {
            throw HTTPError.invalid(
                "rate", "rate must be a positive decimal with at most six decimals, such as \"11.4567\"; \(text) is not.")
        }
        var fraction: Int64 = 0
        if parts.count == 2 {
            fraction = Int64(parts[1])!
            for _ in parts[1].count..<6 { fraction *= 10 }
        }
        let value = whole * 1_000_000 + fraction
        guard value > 0 else { throw HTTPError.invalid("rate", "rate must be more than 0.") }
        return value
    }

    static func format(_ millionths: Int64) -> String {
        var fraction = String(millionths % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return String(millionths / 1_000_000) + (fraction.isEmpty ? "" : "." + fraction)
    }

    static func json(_ db: Database, _ id: Int64) throws -> JSONValue {
        guard let row = try db.queryRow("SELECT currency, rate, valid_from, valid_to FROM exchange_rate WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No exchange rate \(id) in this shop.")
        }
        return .object([
            "id": .int(id), "currency": .string(row[0].text ?? ""), "rate": .string(format(row[1].int ?? 0)),
            "validFrom": .string(row[2].text ?? ""), "validTo": row[3].text.map(JSONValue.string) ?? .null,
        ])
    }
}
