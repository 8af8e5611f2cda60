import SQLite
import ShopCore

/// The balance routes under `/shops/{shop}/api/customers/{id}/balance`: the balance per
/// currency with the entries newest first (`customers.read`), and a new entry
/// (`customers.write`), appended and audited in one write transaction.
struct BalanceRoutes {
    func addRoutes(to routes: RouteGroup) {
        routes.requiring(.customersRead).get(
            "/customers/{id}/balance", summary: "A customer's balance per currency and entries, newest first"
        ) {
            request, context in
            let shop = try context.requireShop()
            let customerID = try context.idParameter()
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            let before = try BalanceRoutes.cursor(request)
            let (balances, entries) = try await shop.database.read { db -> ([JSONValue], [JSONValue]) in
                try BalanceLedger.requireCustomer(db, id: customerID)
                return (
                    try BalanceLedger.balances(db, customerID: customerID),
                    try BalanceLedger.entries(db, customerID: customerID, before: before, limit: limit + 1, staffView: true)
                )
            }
            let page = Array(entries.prefix(limit))
            var next: JSONValue = .null
            if entries.count > limit, case .int(let last)? = page.last?["id"] { next = .string(String(last)) }
            return .json(
                .object([
                    "customerId": .int(customerID), "balances": .array(balances), "entries": .array(page), "nextCursor": next,
                ]))
        }

        routes.requiring(.customersWrite).post("/customers/{id}/balance/entries", summary: "Add a balance entry (a credit or a debit)") {
            request, context in
            let shop = try context.requireShop()
            let customerID = try context.idParameter()
            let input = try BalanceEntryInput(try request.decode([String: JSONValue].self, allowing: ["amount", "currency", "reason"]))
            let (actor, requestID) = (context.auditActor, context.requestID)
            let result = try await shop.database.write { db -> JSONValue in
                let id = try BalanceLedger.append(db, customerID: customerID, input, actor: actor)
                let balance = try BalanceLedger.balance(db, customerID: customerID, currency: input.currency)
                try AuditLog.record(
                    db, actor: actor, action: "balance.entry_added", entity: "customer", entityID: String(customerID),
                    after: .object([
                        "entryId": .int(id), "amount": .int(input.amount), "currency": .string(input.currency),
                        "reason": .string(input.reason), "balance": .int(balance),
                    ]), requestID: requestID)
                return .object([
                    "entry": try BalanceLedger.entry(db, id: id),
                    "balance": .object(["currency": .string(input.currency), "amount": .int(balance)]),
                    "balances": .array(try BalanceLedger.balances(db, customerID: customerID)),
                ])
            }
            return .json(result, status: .created)
        }
    }

    /// `before`, the entry id a page continues after, or a 400 naming it.
    static func cursor(_ request: Request) throws -> Int64? {
        guard let text = request.query("before") else { return nil }
        guard let id = Int64(text), id > 0 else {
            throw HTTPError.badRequest("before must be an entry id, as nextCursor gives it.", code: "invalid_query", field: "before")
        }
        return id
    }
}
