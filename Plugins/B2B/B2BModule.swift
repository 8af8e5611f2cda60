import Foundation
import SQLite
import ShopCore

/// B2B mode (DOMAIN.md 003 "B2B fields", 000 "B2B account application"), switched on per shop
/// by support with the `b2b` flag: companies with their organisation numbers, terms and risk
/// rating, the customers who order in their name with one admin person and a company group;
/// and the application flow from the storefront form through the merchant's review (in the
/// admin or through a signed, single-use link in the notification) to the approved customer's
/// first sign-in.
///
/// ```swift
/// enum InstalledModules {
///     static var all: [any FeatureModule] { [B2BModule()] }
/// }
/// ```
public struct B2BModule: FeatureModule {
    public let id = "b2b"
    public let name = "B2B companies and applications"

    /// The clock approval links are issued and checked by.
    let now: @Sendable () -> Date

    /// - Parameter now: the clock for approval links' seven days; tests pass one they can move.
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public var migrations: [ModuleMigration] { [B2BSchema.createTables, B2BSchema.applicationEmails, B2BSchema.erpCompanySync] }

    public func addRoutes(to routes: RouteGroup) {
        CompanyRoutes().addRoutes(to: routes)
        CustomerCompanyRoutes().addRoutes(to: routes)
        ApplicationRoutes().addRoutes(to: routes)
        ERPCompanyRoutes().addRoutes(to: routes)
    }

    public func addStorefrontRoutes(to routes: RouteGroup) {
        StorefrontApplicationRoutes(now: now).addRoutes(to: routes)
    }

    public var apiOperations: [String: APIOperation] { B2BAPIOperations.table.merging(ERPCompanyRoutes.apiOperations) { own, _ in own } }

    public var customerFields: [CustomerFieldDefinition] {
        [CustomerFieldDefinition(key: "companyId", label: "Company", kind: .number, module: id)]
    }

    public var customerListFilters: [CustomerListFilter] {
        [
            CustomerListFilter(parameter: "companyId", summary: "The people of this company (a company id)") { text in
                guard let id = Int64(text), id > 0 else {
                    throw HTTPError.badRequest("companyId must be a company id.", code: "invalid_query", field: "companyId")
                }
                return ("customer.id IN (SELECT customer_id FROM b2b_company_person WHERE company_id = ?)", [.integer(id)])
            }
        ]
    }

    /// The customer's company as they may see it (never its risk rating or ERP number) and
    /// their role in it, and their applications' status; nil when they have neither.
    public func accountData(_ db: Database, customerID: Int64) throws -> JSONValue? {
        var data: [String: JSONValue] = [:]
        if let membership = try CompanyPeople.membership(db, customerID: customerID) {
            let company = try CompanyStore.json(db, try CompanyStore.require(db, id: membership.companyID))
            var visible: [String: JSONValue] = ["admin": .bool(membership.admin)]
            for key in ["id", "name", "country", "businessId", "vatNumber", "website", "allowedOutstanding", "maxPaymentDays"] {
                visible[key] = company[key] ?? .null
            }
            data["company"] = .object(visible)
        }
        let applications = try ApplicationStore.of(db, customerID: customerID).map { row -> JSONValue in
            .object([
                "id": .int(try row.get("id")), "companyName": .string(try row.get("company_name")),
                "status": .string(try row.get("status")), "submittedAt": .string(try row.get("submitted_at")),
            ])
        }
        if !applications.isEmpty { data["applications"] = .array(applications) }
        return data.isEmpty ? nil : .object(data)
    }

    /// The company the customer belongs to and every application they made, as stored.
    public func exportCustomerData(_ db: Database, customerID: Int64) throws -> JSONValue? {
        var data: [String: JSONValue] = [:]
        if let membership = try CompanyPeople.membership(db, customerID: customerID) {
            data["company"] = .object([
                "id": .int(membership.companyID), "admin": .bool(membership.admin),
                "name": (try CompanyStore.json(db, try CompanyStore.require(db, id: membership.companyID)))["name"] ?? .null,
            ])
        }
        data["applications"] = .array(try ApplicationStore.of(db, customerID: customerID).map(ApplicationStore.json))
        return .object(data)
    }

    /// What deleting the customer takes: their place in a company (an admin's passes to the
    /// next person); their applications stay as the merchant's record, unlinked.
    public func customerDeletionImpact(_ db: Database, customerID: Int64) throws -> [String: JSONValue] {
        guard let membership = try CompanyPeople.membership(db, customerID: customerID) else { return [:] }
        return ["companyMembership": .object(["companyId": .int(membership.companyID), "admin": .bool(membership.admin)])]
    }

    /// Takes the customer out of their company (the next person becomes admin) and removes the
    /// person from their applications; a pending one is closed. The emails about them (receipt,
    /// the merchant's notification, the decision) are filed under the customer, so the core's
    /// erasure of their emails takes these too.
    public func eraseCustomerData(_ db: Database, customerID: Int64) throws {
        try ApplicationStore.fileEmails(db, customerID: customerID) { emailID in
            try ShopOutbox.assign(db, emailID: emailID, toCustomer: customerID)
        }
        try ApplicationStore.erase(db, customerID: customerID)
        try db.execute("DELETE FROM b2b_company_person WHERE customer_id = ?", [customerID])
    }

    public func addDemoData(_ db: Database) throws {
        try B2BDemoData.add(db)
    }
}
