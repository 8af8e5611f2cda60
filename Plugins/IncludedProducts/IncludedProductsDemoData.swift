import SQLite
import ShopCore

/// The demo shop's product restriction, the same on every machine: the first company with
/// people (from the b2b module) buys only tools and fasteners, so its people's storefront
/// catalog shows two of the sample catalog's four categories. Audited as staff setting it would be.
enum IncludedProductsDemoData {
    static let restriction = ProductRestriction(skus: [], categories: ["fasteners", "tools"])

    static func add(_ db: Database, affiliations: ModuleAffiliations) throws {
        let customers = try db.query("SELECT id FROM customer WHERE erased_at IS NULL ORDER BY id").map { try $0.get("id", as: Int64.self) }
        for customerID in customers {
            guard let companyID = try affiliations.of(db, customerID: customerID)[ProductAccess.companyAffiliation]?.first else {
                continue
            }
            try ProductRestriction.replace(db, .company, companyID, with: restriction)
            try AuditLog.record(
                db, actor: AuditActor(kind: "system", id: nil, label: "demo"), action: "included_products.replaced",
                entity: IncludedProductsRoutes.entity(.company), entityID: String(companyID), before: ProductRestriction.none.json,
                after: restriction.json)
            return
        }
    }
}
