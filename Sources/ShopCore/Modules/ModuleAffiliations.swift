import SQLite

/// What customers belong to in the enabled modules' terms, and who else belongs there: the
/// b2b module's companies for the credit-limit and included-products modules, without either
/// importing the module that keeps companies. The core builds one per request from the modules
/// the shop's plan enables (`Shop.affiliations`); every call runs in the caller's transaction.
///
/// ```swift
/// let companies = try shop.affiliations.of(db, customerID: 42)["company"] ?? []
/// let people = try shop.affiliations.customers(db, kind: "company", id: companies[0]) ?? []
/// ```
public struct ModuleAffiliations: Sendable {
    let modules: [any FeatureModule]

    /// - Parameter modules: the modules the shop's plan enables, in catalog order.
    public init(modules: [any FeatureModule]) { self.modules = modules }

    /// Everything every module says the customer belongs to (`["company": [12]]`).
    public func of(_ db: Database, customerID: Int64) throws -> [String: [Int64]] {
        var affiliations: [String: [Int64]] = [:]
        for module in modules {
            affiliations.merge(try module.customerAffiliations(db, customerID: customerID)) { $0 + $1 }
        }
        return affiliations
    }

    /// The customers who belong to affiliation `id` of `kind` (company 12's people), from the
    /// first module that knows it; nil when no enabled module has such an affiliation.
    public func customers(_ db: Database, kind: String, id: Int64) throws -> [Int64]? {
        for module in modules {
            if let customers = try module.affiliatedCustomers(db, kind: kind, id: id) { return customers }
        }
        return nil
    }

    /// For each affiliation of `affiliations`, who belongs to it (`["company": [12: [3, 4]]]`);
    /// an affiliation no module can list is left out.
    public func members(_ db: Database, of affiliations: [String: [Int64]]) throws -> [String: [Int64: [Int64]]] {
        var members: [String: [Int64: [Int64]]] = [:]
        for (kind, ids) in affiliations {
            for id in ids {
                if let customers = try customers(db, kind: kind, id: id) { members[kind, default: [:]][id] = customers }
            }
        }
        return members
    }
}
