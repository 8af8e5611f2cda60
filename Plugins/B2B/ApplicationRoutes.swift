import SQLite
import ShopCore

/// The merchant's review of B2B applications under `/shops/{shop}/api/b2b` (DOMAIN.md 000,
/// steps 3 to 7): the list (by status, newest first), one application, approval with the ERP
/// customer number, rejection with a reason; and the module's settings. Reads need
/// `customers.read`, decisions `customers.write`, settings `settings.manage`.
struct ApplicationRoutes {
    func addRoutes(to routes: RouteGroup) {
        let read = routes.requiring(.customersRead)
        let write = routes.requiring(.customersWrite)

        read.get("/b2b/applications", summary: "B2B applications, newest first; status=pending lists those to review") {
            request, context in
            let shop = try context.requireShop()
            for key in request.queryItems.keys.sorted() where !["status", "q", "limit", "before"].contains(key) {
                throw HTTPError.badRequest(
                    "\(key) is not a parameter here; use status, q, limit, before.", code: "unknown_parameter", field: key)
            }
            let status = request.query("status")
            if let status, !ApplicationStore.statuses.contains(status) {
                throw HTTPError.badRequest("status must be one of pending, approved, rejected.", code: "invalid_query", field: "status")
            }
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            let before = try CompanyRoutes.cursor(request)
            let query = request.query("q")
            let (applications, pending) = try await shop.database.read { db -> ([JSONValue], Int64) in
                (
                    try ApplicationStore.list(db, status: status, query: query, before: before, limit: limit + 1),
                    try db.scalar("SELECT count(*) FROM b2b_application WHERE status = 'pending'", as: Int64.self) ?? 0
                )
            }
            let page = Array(applications.prefix(limit))
            var next: JSONValue = .null
            if applications.count > limit, case .int(let last)? = page.last?["id"] { next = .string(String(last)) }
            return .json(.object(["applications": .array(page), "pending": .int(pending), "nextCursor": next]))
        }

        read.get("/b2b/applications/{id}", summary: "One B2B application") { _, context in
            let shop = try context.requireShop()
            let id = try ApplicationRoutes.applicationID(context)
            let application = try await shop.database.read { db in try ApplicationStore.json(try ApplicationStore.require(db, id: id)) }
            return .json(.object(["application": application]))
        }

        write.post("/b2b/applications/{id}/approve", summary: "Approve an application with the customer number created in the ERP") {
            request, context in
            let shop = try context.requireShop()
            let id = try ApplicationRoutes.applicationID(context)
            let body = try B2BField.body(request, allowing: ["erpCustomerNumber"])
            guard let erp = try B2BField.text(body, "erpCustomerNumber", max: 64) else {
                throw HTTPError.invalid(
                    "erpCustomerNumber", "erpCustomerNumber is required: the customer number you created in the ERP.", code: "missing_field"
                )
            }
            let erpNumber = try B2BField.erpNumber(erp, field: "erpCustomerNumber")
            let (actor, requestID) = (context.auditActor, context.requestID)
            let result = try await shop.database.write { db -> JSONValue in
                let decision = ApplicationDecision(db: db, outbox: ShopOutbox(db, shop: shop), actor: actor, requestID: requestID)
                return try ApplicationRoutes.approvalJSON(db, id, try decision.approve(id, erpNumber: erpNumber, via: "admin"))
            }
            return .json(result)
        }

        write.post("/b2b/applications/{id}/reject", summary: "Reject an application with a reason the applicant is told") {
            request, context in
            let shop = try context.requireShop()
            let id = try ApplicationRoutes.applicationID(context)
            let body = try B2BField.body(request, allowing: ["reason"])
            guard let reason = try B2BField.text(body, "reason", max: 1000) else {
                throw HTTPError.invalid("reason", "reason is required: the applicant is told why.", code: "missing_field")
            }
            let (actor, requestID) = (context.auditActor, context.requestID)
            let result = try await shop.database.write { db -> JSONValue in
                let decision = ApplicationDecision(db: db, outbox: ShopOutbox(db, shop: shop), actor: actor, requestID: requestID)
                let emailID = try decision.reject(id, reason: reason)
                return .object([
                    "application": try ApplicationStore.json(try ApplicationStore.require(db, id: id)), "emailId": .int(emailID),
                ])
            }
            return .json(result)
        }

        read.get("/b2b/settings", summary: "Where B2B notifications go and approval links point") { _, context in
            let shop = try context.requireShop()
            let settings = try await shop.database.read { db in try B2BSettings.load(db) }
            return .json(.object(["settings": settings.json]))
        }

        routes.requiring(.settingsManage).put("/b2b/settings", summary: "Set where B2B notifications go and approval links point") {
            request, context in
            let shop = try context.requireShop()
            let body = try B2BField.body(request, allowing: ["notificationEmail", "approvalLinkBaseUrl"])
            let (actor, requestID) = (context.auditActor, context.requestID)
            let settings = try await shop.database.write { db -> JSONValue in
                let before = try B2BSettings.load(db).json
                try B2BSettings.save(db, body)
                let after = try B2BSettings.load(db).json
                try AuditLog.record(
                    db, actor: actor, action: "b2b.settings_updated", entity: "b2b_setting", entityID: nil, before: before, after: after,
                    requestID: requestID)
                return after
            }
            return .json(.object(["settings": settings]))
        }
    }

    /// The answer to an approval: the application, the company with its people, the customer.
    static func approvalJSON(_ db: Database, _ id: Int64, _ approval: ApplicationDecision.Approval) throws -> JSONValue {
        .object([
            "application": try ApplicationStore.json(try ApplicationStore.require(db, id: id)),
            "company": try CompanyStore.json(db, try CompanyStore.require(db, id: approval.companyID), people: true),
            "customerId": .int(approval.customerID), "matchedCompany": .bool(approval.matchedCompany),
            "matchedCustomer": .bool(approval.matchedCustomer), "emailId": .int(approval.emailID),
        ])
    }

    /// The `{id}` of an application route, or a 404.
    static func applicationID(_ context: RequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameter("id")), id > 0 else {
            throw HTTPError.notFound("No B2B application with id \(context.parameters["id"] ?? "").", code: "application_not_found")
        }
        return id
    }
}
