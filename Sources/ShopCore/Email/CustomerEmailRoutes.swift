import HTTPServer
import SQLite

/// The customer's email log for staff: `GET /shops/{shop}/api/customers/{id}/emails`, the
/// outbox rows sent (or waiting to be sent) to the customer, newest first.
public struct CustomerEmailRoutes {
    public init() {}

    public func addRoutes(to routes: RouteGroup) {
        routes.requiring(.customersRead).get("/customers/{id}/emails", summary: "The customer's email log") { request, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            let emails = try await shop.database.read { db -> [JSONValue] in
                _ = try CustomerReader.require(db, id: id)
                return try EmailOutbox.entries(db, customerID: id, limit: limit)
            }
            return .json(.object(["emails": .array(emails)]))
        }
    }
}
