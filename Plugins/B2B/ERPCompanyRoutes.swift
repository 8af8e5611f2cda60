import Cryptography
import Foundation
import SQLite
import ShopCore

/// `PUT /shops/{shop}/api/erp/companies/{erpNumber}`: the ERP pushes a company keyed by its
/// ERP customer number (the number the B2B approval matches), for integrations that may write
/// customers. Idempotent like the core's ERP customer API: the ERP's `updatedAt` of the version
/// applied and a hash of the fields are kept (`b2b_company_erp_sync`); an older version is
/// ignored (`stale`), the same fields again change nothing (`unchanged`). Checked, audited and
/// announced (`company.created|updated`) exactly as the staff API's create and change.
struct ERPCompanyRoutes {
    func addRoutes(to routes: RouteGroup) {
        routes.requiring(.customersWrite).put(
            "/erp/companies/{erpNumber}", summary: "Create or update the company with this ERP customer number (ignored when older)"
        ) { request, context in
            let shop = try context.requireShop()
            let erpNumber = try context.parameter("erpNumber")
            var body = try B2BField.body(request, allowing: CompanyInput.keys.union(["updatedAt"]))
            guard case .string(let text)? = body.removeValue(forKey: "updatedAt"), let date = Date.fromSQL(.text(text)) else {
                throw HTTPError.invalid(
                    "updatedAt", "updatedAt is required: the time the ERP last changed this company (ISO 8601).", code: "missing_field")
            }
            let version = Timestamp.format(date)
            if let given = body["erpCustomerNumber"], given != .string(erpNumber) {
                throw HTTPError.invalid(
                    "erpCustomerNumber", "erpCustomerNumber must be left out or equal the number in the path (\(erpNumber)).")
            }
            body["erpCustomerNumber"] = .string(erpNumber)
            let fields = body
            let hash = Hex.encode(SHA256.hash(JSONValue.object(fields).serialized()))
            let (actor, requestID) = (context.auditActor, context.requestID)
            let (outcome, company, stored) = try await shop.database.write { db -> (String, JSONValue, String) in
                guard let id = try CompanyStore.find(db, erpNumber: erpNumber) else {
                    let id = try CompanyStore.create(db, try CompanyInput(fields, current: [:], in: db))
                    let company = try CompanyStore.json(db, try CompanyStore.require(db, id: id), people: true)
                    try AuditLog.record(
                        db, actor: actor, action: "b2b.company_created", entity: "b2b_company", entityID: String(id), after: company,
                        requestID: requestID)
                    try ShopEvents.emit(db, "company.created", ["company": company])
                    try ERPCompanyRoutes.remember(db, id, version: version, hash: hash)
                    return ("created", company, version)
                }
                let sync = try db.queryRow("SELECT erp_updated_at, payload_hash FROM b2b_company_erp_sync WHERE company_id = ?", [id])
                let storedVersion: String? = try sync?.get("erp_updated_at")
                if let storedVersion, version < storedVersion {
                    return ("stale", try CompanyStore.json(db, try CompanyStore.require(db, id: id), people: true), storedVersion)
                }
                if let sync, try sync.get("payload_hash", as: String.self) == hash {
                    if let storedVersion, version > storedVersion { try ERPCompanyRoutes.remember(db, id, version: version, hash: hash) }
                    return (
                        "unchanged", try CompanyStore.json(db, try CompanyStore.require(db, id: id), people: true),
                        max(version, storedVersion ?? version)
                    )
                }
                let row = try CompanyStore.require(db, id: id)
                var result = "unchanged"
                if let (before, after) = try CompanyStore.update(
                    db, id: id, try CompanyInput(fields, current: CompanyStore.values(row), in: db))
                {
                    try CompanyPeople.moveGroup(
                        db, companyID: id, from: CompanyRoutes.optionalID(row["group_id"]),
                        to: CompanyRoutes.optionalID(try CompanyStore.require(db, id: id)["group_id"]),
                        customers: ModuleCustomers(db, actor: actor, requestID: requestID))
                    let (changedBefore, changedAfter) = CompanyRoutes.diff(before, after)
                    try AuditLog.record(
                        db, actor: actor, action: "b2b.company_updated", entity: "b2b_company", entityID: String(id),
                        before: changedBefore, after: changedAfter, requestID: requestID)
                    try CompanyRoutes.emitUpdated(db, id: id, changed: changedAfter)
                    result = "updated"
                }
                try ERPCompanyRoutes.remember(db, id, version: version, hash: hash)
                return (result, try CompanyStore.json(db, try CompanyStore.require(db, id: id), people: true), version)
            }
            var answer: [String: JSONValue] = [
                "result": .string(outcome), "erpCustomerNumber": .string(erpNumber), "erpUpdatedAt": .string(stored), "company": company,
            ]
            if outcome == "stale" { answer["message"] = .string("Ignored: the stored version (\(stored)) is newer than this update.") }
            return .json(.object(answer), status: outcome == "created" ? .created : .ok)
        }
    }

    static func remember(_ db: Database, _ companyID: Int64, version: String, hash: String) throws {
        try db.execute(
            """
            INSERT INTO b2b_company_erp_sync(company_id, erp_updated_at, payload_hash, synced_at) VALUES(?, ?, ?, ?)
            ON CONFLICT(company_id) DO UPDATE SET erp_updated_at = excluded.erp_updated_at, payload_hash = excluded.payload_hash,
                synced_at = excluded.synced_at
            """, [companyID, version, hash, Timestamp.now()])
    }

    static var apiOperations: [String: APIOperation] {
        let company = JSONSchema.object(
            [
                "name": .string(), "country": .string(), "businessId": .string(), "vatNumber": .nullable(.string()),
                "website": .nullable(.string()), "allowedOutstanding": .nullable(.any), "maxPaymentDays": .nullable(.integer()),
                "riskRating": .nullable(.string(enumeration: CompanyInput.riskRatings)), "erpCustomerNumber": .string(),
                "groupId": .nullable(.integer()),
                "updatedAt": .string(format: "date-time", description: "when the ERP last changed the company; required"),
            ], required: ["updatedAt"])
        return [
            "PUT /shops/{shop}/api/erp/companies/{erpNumber}": APIOperation(
                request: company,
                response: .object(
                    [
                        "result": .string(enumeration: ["created", "updated", "unchanged", "stale"]), "erpCustomerNumber": .string(),
                        "erpUpdatedAt": .string(format: "date-time"), "company": .any, "message": .string(),
                    ], required: ["result", "erpCustomerNumber", "erpUpdatedAt", "company"]))
        ]
    }
}
