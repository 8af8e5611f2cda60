import HTTPServer

/// The ERP's customer API under `/shops/{shop}/api/erp/customers`, for integrations signed in
/// with an API token that may write customers: one customer upserted by ERP id
/// (`PUT /erp/customers/{erpId}`) or up to 500 in one request (`POST /erp/customers/batch`,
/// each record in its own transaction, one result per record).
public struct ERPCustomerRoutes {
    let catalog: ModuleCatalog

    public init(catalog: ModuleCatalog) { self.catalog = catalog }

    static let batchLimit = 500

    public func addRoutes(to routes: RouteGroup) {
        let catalog = self.catalog
        let write = routes.requiring(.customersWrite)
        write.put(
            "/erp/customers/{erpId}", summary: "Create or update the customer with this ERP id (ignored when older than the stored version)"
        ) {
            request, context in
            let shop = try context.requireShop()
            let erpID = try ERPCustomerSync.checkedID(try context.parameter("erpId"))
            let record = try CustomerRoutes.object(request)
            let (actor, requestID, modules) = (context.auditActor, context.requestID, catalog.modules(of: shop))
            let result = try await shop.database.write { db -> JSONValue in
                let sync = ERPCustomerSync(db: db, writer: CustomerWriter(db: db, actor: actor, requestID: requestID, modules: modules))
                return ERPCustomerRoutes.json(try sync.upsert(erpID: erpID, record), erpID: erpID)
            }
            return .json(result, status: result["result"] == .string("created") ? .created : .ok)
        }

        write.post("/erp/customers/batch", summary: "Upsert up to 500 customers by ERP id; one result per record") { request, context in
            let shop = try context.requireShop()
            let body = try JSONBody(request, allowing: ["customers"])
            guard case .array(let records)? = body.members["customers"], !records.isEmpty, records.count <= ERPCustomerRoutes.batchLimit
            else {
                throw HTTPError.invalid("customers", "customers must be a list of 1 to \(ERPCustomerRoutes.batchLimit) records.")
            }
            let (actor, requestID, modules) = (context.auditActor, context.requestID, catalog.modules(of: shop))
            var results: [JSONValue] = []
            for (index, item) in records.enumerated() {
                let prefix = "customers[\(index)]"
                do {
                    guard case .object(var record) = item else {
                        throw HTTPError.invalid(prefix, "\(prefix) must be an object.")
                    }
                    guard case .string(let id)? = record.removeValue(forKey: "erpId") else {
                        throw HTTPError.invalid("erpId", "erpId is required: the customer's id in the ERP.", code: "missing_field")
                    }
                    let erpID = try ERPCustomerSync.checkedID(id)
                    let fields = record
                    let result = try await shop.database.write { db -> JSONValue in
                        let sync = ERPCustomerSync(
                            db: db, writer: CustomerWriter(db: db, actor: actor, requestID: requestID, modules: modules))
                        return ERPCustomerRoutes.json(try sync.upsert(erpID: erpID, fields), erpID: erpID)
                    }
                    results.append(result)
                } catch let error as HTTPError {
                    var failure: [String: JSONValue] = [
                        "result": .string("error"), "code": .string(error.code), "message": .string(error.message),
                    ]
                    if let field = error.field { failure["field"] = .string(field.hasPrefix(prefix) ? field : "\(prefix).\(field)") }
                    if case .string(let id)? = item["erpId"] { failure["erpId"] = .string(id) }
                    results.append(.object(failure))
                }
            }
            let counts = Dictionary(grouping: results, by: { $0["result"]?.stringValue ?? "error" }).mapValues {
                JSONValue.int(Int64($0.count))
            }
            return .json(.object(["results": .array(results), "counts": .object(counts)]))
        }
    }

    static func json(_ result: (outcome: ERPCustomerSync.Outcome, customer: JSONValue, storedVersion: String), erpID: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "result": .string(result.outcome.rawValue), "erpId": .string(erpID), "erpUpdatedAt": .string(result.storedVersion),
            "customer": result.customer,
        ]
        if result.outcome == .stale {
            object["message"] = .string("Ignored: the stored version (\(result.storedVersion)) is newer than this update.")
        }
        return .object(object)
    }
}
