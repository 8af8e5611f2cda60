import SQLite
import ShopCore

/// The company a customer orders for, from the customer's side:
/// `GET /shops/{shop}/api/customers/{id}/company`, so the admin's customer page (or any client)
/// shows the customer's company without searching every company's people. Needs
/// `customers.read`, like the company routes.
struct CustomerCompanyRoutes {
    func addRoutes(to routes: RouteGroup) {
        routes.requiring(.customersRead).get(
            "/customers/{id}/company", summary: "The company the customer is a person of (null when none), with its people"
        ) { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            return .json(try await shop.database.read { db in try CustomerCompanyRoutes.view(db, customerID: id) })
        }
    }

    /// `{"company": …, "admin": …}`: the company with its people and whether the customer is
    /// its admin person; `company` null for a customer in no company; a 404 for no customer.
    static func view(_ db: Database, customerID: Int64) throws -> JSONValue {
        guard try db.scalar("SELECT 1 FROM customer WHERE id = ?", [customerID], as: Int64.self) != nil else {
            throw HTTPError.notFound("No customer with id \(customerID).", code: "customer_not_found")
        }
        guard let membership = try CompanyPeople.membership(db, customerID: customerID) else {
            return .object(["company": .null, "admin": .bool(false)])
        }
        let company = try CompanyStore.json(db, try CompanyStore.require(db, id: membership.companyID), people: true)
        return .object(["company": company, "admin": .bool(membership.admin)])
    }
}
