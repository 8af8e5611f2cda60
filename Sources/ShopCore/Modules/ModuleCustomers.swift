import SQLite

/// The shop's customers as a feature module changes them (a B2B approval creating the
/// applicant's account, a company moving its people into its group): through the writer the
/// staff API uses, so the module gets the core's validation, search index, group membership
/// and audit entries, inside the caller's write transaction. Modules read the `customer` table
/// directly; they never write it but through here.
public struct ModuleCustomers {
    let db: Database
    let actor: AuditActor
    let requestID: String?

    /// - Parameters:
    ///   - actor: who the audit entries name (the staff member approving, the system).
    ///   - requestID: the request the change belongs to, for the audit entries.
    public init(_ db: Database, actor: AuditActor, requestID: String?) {
        self.db = db
        self.actor = actor
        self.requestID = requestID
    }

    /// Creates a customer from API fields (`firstName`, `lastName`, `email`, `storeId`,
    /// `groupIds`, `erpCustomerId`, ...) exactly as `POST /customers` does.
    /// - Returns: the new customer's id.
    /// - Throws: the `HTTPError` the staff API would give, naming the field at fault.
    public func create(_ fields: [String: JSONValue]) throws -> Int64 {
        try CustomerWriter(db: db, actor: actor, requestID: requestID).create(fields)
    }

    /// Changes a customer as `PATCH /customers/{id}` does (without `If-Match`).
    public func update(_ id: Int64, _ fields: [String: JSONValue]) throws {
        try CustomerWriter(db: db, actor: actor, requestID: requestID).update(id, fields, expectedVersion: nil)
    }

    /// The customer as the staff API shows it (fields, `groupIds`, `defaultGroupId`), or a 404.
    public func record(_ id: Int64) throws -> JSONValue {
        try CustomerReader.require(db, id: id)
    }
}
