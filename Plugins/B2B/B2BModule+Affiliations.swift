import SQLite
import ShopCore

/// The company a customer orders for, as the other modules see it: `["company": [id]]` for
/// every pricing hook and order guard, and a company's people for a module that sums over
/// them (the credit limit's outstanding amount per company), so neither imports this module.
extension B2BModule {
    /// The affiliation kind this module keeps.
    public static let companyAffiliation = "company"

    public func customerAffiliations(_ db: Database, customerID: Int64) throws -> [String: [Int64]] {
        guard let membership = try CompanyPeople.membership(db, customerID: customerID) else { return [:] }
        return [Self.companyAffiliation: [membership.companyID]]
    }

    /// The company's people, by customer id; nil for another kind or a company that does not exist.
    public func affiliatedCustomers(_ db: Database, kind: String, id: Int64) throws -> [Int64]? {
        guard kind == Self.companyAffiliation,
            try db.scalar("SELECT 1 FROM b2b_company WHERE id = ?", [id], as: Int.self) != nil
        else { return nil }
        return try db.query("SELECT customer_id FROM b2b_company_person WHERE company_id = ? ORDER BY customer_id", [id]).map {
            try $0.get("customer_id", as: Int64.self)
        }
    }
}
