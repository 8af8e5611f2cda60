import Foundation
import SQLite

/// A mass action run as a job (DOMAIN.md "Mass edit selected customers", "send password-reset
/// emails to selected customers, e.g. after an import"): enable, disable, delete (its impact
/// shown first by a dry run) or email each a set-password link, to ticked customers, to every
/// customer a list search and filters match (the same query as `GET /customers`), or to all.
/// The set is frozen when the job starts (`JobCustomers`); customers go in id order in batches
/// of 500, each batch one transaction with the job's progress and the last id done, so a
/// restart resumes after it (`JobRecovery`). Every change is audited per customer, under the
/// staff member who started the job, through the same code as the single-customer routes.
struct CustomerMassAction: Sendable {
    enum Action: String, CaseIterable, Sendable {
        case enable, disable, delete
        case sendPasswordLink = "send-password-link"
    }

    /// Which customers: ticked ids (sorted, without repeats), a list query's parameters, or all.
    enum Selection: Sendable, Equatable {
        case ids([Int64])
        case filter([String: String])
        case all
    }

    let action: Action
    let selection: Selection
    let actor: AuditActor
    let requestID: String?
    static let batchSize = 500
    static let maximumIDs = 100_000
    static let kind = "customer-mass-action"

    /// Reads `{action, customerIds | filter | all}`; a 422 names the field at fault. `filters`
    /// and `moduleFields` are the shop's, so `filter` takes exactly what the list takes.
    static func parse(
        _ body: [String: JSONValue], actor: AuditActor, requestID: String?, filters: [CustomerListFilter] = [],
        moduleFields: [CustomerFieldDefinition] = []
    ) throws -> CustomerMassAction {
        for key in body.keys.sorted() where !["action", "customerIds", "filter", "all", "dryRun"].contains(key) {
            throw HTTPError.invalid(
                key, "\(key) is not a member of a mass action; send action, one of customerIds, filter or all, and dryRun.",
                code: "unknown_field")
        }
        guard case .string(let text)? = body["action"], let action = Action(rawValue: text) else {
            throw HTTPError.invalid("action", "action must be one of \(Action.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let given = ["customerIds", "filter", "all"].filter { body[$0] != nil }
        guard given.count == 1 else {
            throw HTTPError.invalid(
                given.isEmpty ? "customerIds" : given[1],
                given.isEmpty
                    ? "Say which customers: customerIds, filter (customer-list parameters) or all: true."
                    : "Give one of customerIds, filter or all.", code: given.isEmpty ? "missing_field" : "conflicting_selection")
        }
        let selection: Selection
        switch given[0] {
        case "customerIds": selection = .ids(try ids(body["customerIds"]))
        case "filter":
            let parameters = try filterParameters(body["filter"])
            _ = try listQuery(parameters, filters: filters, moduleFields: moduleFields)
            selection = .filter(parameters)
        default:
            guard case .bool(true)? = body["all"] else {
                throw HTTPError.invalid("all", "all must be true to act on every customer of the shop.", code: "wrong_type")
            }
            selection = .all
        }
        return CustomerMassAction(action: action, selection: selection, actor: actor, requestID: requestID)
    }

    static func ids(_ value: JSONValue?) throws -> [Int64] {
        guard case .array(let items)? = value, !items.isEmpty else {
            throw HTTPError.invalid("customerIds", "customerIds must be a non-empty list of customer ids.", code: "wrong_type")
        }
        guard items.count <= maximumIDs else {
            throw HTTPError.invalid(
                "customerIds", "customerIds may hold at most \(maximumIDs) ids; select larger sets with filter or all.",
                code: "too_many_ids")
        }
        var ids: [Int64] = []
        for (index, item) in items.enumerated() {
            guard case .int(let id) = item, id > 0 else {
                throw HTTPError.invalid("customerIds[\(index)]", "customerIds[\(index)] must be a customer id.", code: "wrong_type")
            }
            ids.append(id)
        }
        return Array(Set(ids)).sorted()
    }

    /// `filter` as list parameters: strings, numbers and booleans as the query string has them.
    static func filterParameters(_ value: JSONValue?) throws -> [String: String] {
        guard case .object(let members)? = value, !members.isEmpty else {
            throw HTTPError.invalid(
                "filter", "filter must be an object of customer-list parameters (q, enabled, groupId, ...).", code: "wrong_type")
        }
        var parameters: [String: String] = [:]
        for (key, member) in members {
            switch member {
            case .string(let text): parameters[key] = text
            case .int(let number): parameters[key] = String(number)
            case .bool(let flag): parameters[key] = flag ? "true" : "false"
            default:
                throw HTTPError.invalid("filter.\(key)", "filter.\(key) must be a string, a number or true/false.", code: "wrong_type")
            }
        }
        return parameters
    }

    /// The list query of `filter`; its 400s become 422s naming `filter.<parameter>`.
    static func listQuery(
        _ parameters: [String: String], filters: [CustomerListFilter], moduleFields: [CustomerFieldDefinition]
    ) throws -> CustomerListQuery {
        for key in ["sort", "limit", "cursor"] where parameters[key] != nil {
            throw HTTPError.invalid(
                "filter.\(key)", "filter.\(key) pages the list; a mass action takes every match.", code: "unknown_field")
        }
        do {
            return try CustomerListQuery(items: parameters, filters: filters, moduleFields: moduleFields)
        } catch let error as HTTPError {
            throw HTTPError.invalid("filter.\(error.field ?? "")", error.message, code: error.code)
        }
    }

    /// The selection as SQL selecting a column `id`; ticked ids are kept even when they are
    /// not customers, so the job reports each of them.
    func selectionSQL(filters: [CustomerListFilter], moduleFields: [CustomerFieldDefinition]) throws -> (
        sql: String, arguments: [(any SQLValueConvertible)?]
    ) {
        switch selection {
        case .ids(let ids):
            let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
            return ("SELECT value AS id FROM json_each(?)", [list])
        case .filter(let parameters):
            return try Self.listQuery(parameters, filters: filters, moduleFields: moduleFields).selection
        case .all:
            return ("SELECT id FROM customer", [])
        }
    }

    /// The job's parameters: the action, the selection and who started it (a resumed job
    /// audits its changes under the same person).
    var parameters: JSONValue {
        var selected: [String: JSONValue]
        switch selection {
        case .ids(let ids): selected = ["customerIds": .array(ids.map { .int($0) })]
        case .filter(let parameters): selected = ["filter": .object(parameters.mapValues { .string($0) })]
        case .all: selected = ["all": .bool(true)]
        }
        selected["action"] = .string(action.rawValue)
        selected["startedBy"] = .object([
            "kind": .string(actor.kind), "id": actor.id.map { .int($0) } ?? .null, "label": .string(actor.label),
        ])
        if let requestID { selected["requestId"] = .string(requestID) }
        return .object(selected)
    }

    /// The action a stored job runs (for `JobRecovery`); nil for parameters it cannot read.
    /// The selection is not read back: a resumed job runs over the set frozen at its start.
    init?(job parameters: JSONValue) {
        guard case .string(let text)? = parameters["action"], let action = Action(rawValue: text),
            case .object(let by)? = parameters["startedBy"], case .string(let kind)? = by["kind"],
            case .string(let label)? = by["label"]
        else { return nil }
        var id: Int64?
        if case .int(let number)? = by["id"] { id = number }
        self.init(
            action: action, selection: .all, actor: AuditActor(kind: kind, id: id, label: label),
            requestID: parameters["requestId"]?.stringValue)
    }

    init(action: Action, selection: Selection, actor: AuditActor, requestID: String?) {
        self.action = action
        self.selection = selection
        self.actor = actor
        self.requestID = requestID
    }

    /// Starts the job in one transaction: the job row and its frozen set; returns its id.
    func start(_ db: Database, filters: [CustomerListFilter], moduleFields: [CustomerFieldDefinition]) throws -> Int64 {
        let id = try ShopJobs.create(db, kind: Self.kind, parameters: parameters, total: nil, actor: actor, requestID: requestID)
        let (sql, arguments) = try selectionSQL(filters: filters, moduleFields: moduleFields)
        let total = try JobCustomers.freeze(db, jobID: id, sql: sql, arguments: arguments)
        try db.execute("UPDATE job SET total = ? WHERE id = ?", [Int64(total), id])
        return id
    }

    /// What the action would do, changing nothing: how many customers it reaches, which ticked
    /// ids are not customers, and for a delete the summed impact (addresses, orders kept, …).
    func impact(_ db: Database, filters: [CustomerListFilter], moduleFields: [CustomerFieldDefinition]) throws -> JSONValue {
        let (sql, arguments) = try selectionSQL(filters: filters, moduleFields: moduleFields)
        // Set-wise, as the job will find them: ticked ids that are not customers are listed.
        let known = "SELECT id FROM customer WHERE id IN (SELECT id FROM (\(sql)))"
        let found = try db.scalar("SELECT count(*) FROM (\(known))", arguments, as: Int64.self) ?? 0
        let missing = try db.query(
            "SELECT id FROM (\(sql)) WHERE id NOT IN (SELECT id FROM customer) ORDER BY id LIMIT 20", arguments
        ).map { JSONValue.int(try $0.get("id")) }
        let totals = action == .delete ? try CustomerWriter.deletionCounts(db, selection: known, arguments) : [:]
        var out: [String: JSONValue] = [
            "action": .string(action.rawValue), "customers": .int(found), "notFound": .array(missing),
        ]
        if action == .delete { out["deletes"] = .object(totals.mapValues { .int($0) }) }
        return .object(out)
    }

    /// Runs (or resumes) the job after the last id it committed.
    func run(_ queue: DatabaseQueue, shop: Shop, jobID: Int64, notify: @Sendable () -> Void = {}) async {
        let actor = self.actor
        do {
            var (after, done, changed, failed, problems) = try await queue.read { db -> (Int64, Int, Int, Int, [JSONValue]) in
                let row = try db.queryRow("SELECT resume_at, done FROM job WHERE id = ?", [jobID])
                let result = try ShopJobs.result(db, id: jobID)
                func number(_ key: String) -> Int {
                    if case .int(let value)? = result?[key] { return Int(value) }
                    return 0
                }
                var problems: [JSONValue] = []
                if case .array(let items)? = result?["problems"] { problems = items }
                return (
                    try row?.get("resume_at") ?? 0, Int(try row?.get("done", as: Int64.self) ?? 0), number("changed"), number("failed"),
                    problems
                )
            }
            while true {
                let from = after
                let batch = try await queue.read { db in try JobCustomers.batch(db, jobID: jobID, after: from, limit: Self.batchSize) }
                if batch.isEmpty { break }
                let (soFarChanged, soFarFailed, soFarProblems, soFarDone) = (changed, failed, problems, done)
                let (batchChanged, batchProblems) = try await queue.write { db -> (Int, [JSONValue]) in
                    var count = 0
                    var found: [JSONValue] = []
                    for id in batch {
                        do {
                            if try db.savepoint({ try apply(db, shop: shop, id: id) }) { count += 1 }
                        } catch let error as HTTPError {
                            found.append(.object(["customerId": .int(id), "code": .string(error.code), "message": .string(error.message)]))
                        }
                    }
                    let result: JSONValue = .object([
                        "changed": .int(Int64(soFarChanged + count)), "failed": .int(Int64(soFarFailed + found.count)),
                        "problems": .array(Array((soFarProblems + found).prefix(1000))),
                    ])
                    try ShopJobs.progress(db, id: jobID, done: soFarDone + batch.count, resumeAt: batch.last!, result: result)
                    return (count, found)
                }
                if action == .sendPasswordLink { notify() }
                after = batch.last!
                done += batch.count
                changed += batchChanged
                failed += batchProblems.count
                problems += batchProblems
            }
            let result: JSONValue = .object([
                "changed": .int(Int64(changed)), "failed": .int(Int64(failed)), "problems": .array(Array(problems.prefix(1000))),
            ])
            try await queue.write { db in try ShopJobs.finish(db, id: jobID, status: "done", result: result, actor: actor) }
        } catch is ShopJobs.Cancelled {
            try? await queue.write { db in
                try ShopJobs.finish(db, id: jobID, status: "cancelled", result: nil, error: "cancelled by request", actor: actor)
            }
        } catch {
            let reason = (error as? HTTPError)?.message ?? String(describing: error)
            try? await queue.write { db in try ShopJobs.finish(db, id: jobID, status: "failed", result: nil, error: reason, actor: actor) }
        }
    }

    /// Runs (or resumes) the job on its own task, leasing the shop's database from the pool
    /// for the whole job (not the request's lease, which ends with the 202).
    static func runInBackground(service: ShopService, shop: Shop, massAction: CustomerMassAction, jobID: Int64) {
        let slug = shop.slug
        let modules = shop.modules
        Task.detached {
            try? await service.pool.withDatabase(slug, modules: modules) { queue in
                await massAction.run(queue, shop: Shop(record: shop.record, database: queue, modules: modules), jobID: jobID) {
                    service.outboxSignal.notify(slug)
                }
            }
        }
    }

    /// Applies the action to one customer; false when there was nothing to change.
    private func apply(_ db: Database, shop: Shop, id: Int64) throws -> Bool {
        let writer = CustomerWriter(db: db, actor: actor, requestID: requestID)
        switch action {
        case .enable, .disable:
            let want = action == .enable
            guard let enabled = try db.scalar("SELECT enabled FROM customer WHERE id = ?", [id], as: Int64.self) else {
                throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found")
            }
            if (enabled == 1) == want { return false }
            try writer.update(id, ["enabled": .bool(want)], expectedVersion: nil)
            return true
        case .delete:
            _ = try writer.delete(id)
            return true
        case .sendPasswordLink:
            guard let row = try db.queryRow("SELECT has_account, email, erased_at FROM customer WHERE id = ?", [id]) else {
                throw HTTPError.notFound("No customer with id \(id).", code: "customer_not_found")
            }
            guard row["erased_at"] == .null, row["has_account"] == .integer(1), row["email"] != .null else {
                throw HTTPError.conflict("This customer has no account with an email address to send the link to.", code: "no_account")
            }
            let token = try CustomerTokenStore.issue(db, customerID: id, kind: .setPassword)
            guard let emailID = try shop.accountEmail(db).queue(.setPassword, customerID: id, token: token) else {
                throw HTTPError.conflict("This customer has no email address.", code: "no_email")
            }
            try AuditLog.record(
                db, actor: actor, action: "customer.password_link_sent", entity: "customer", entityID: String(id),
                after: .object(["emailId": .int(emailID)]), requestID: requestID)
            return true
        }
    }
}
