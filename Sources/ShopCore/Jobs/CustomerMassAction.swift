import Foundation
import SQLite

/// A mass action on ticked customers, run as a job (DOMAIN.md "Mass edit selected
/// customers", "send password-reset emails to selected customers, e.g. after an import"):
/// enable, disable, delete (its impact shown first by a dry run) or email each a set-password
/// link. Customers go in id order in batches of 500, each batch one transaction with the job's
/// progress and the last id done, so a restart resumes after it. Every change is audited per
/// customer through the same code as the single-customer routes.
struct CustomerMassAction: Sendable {
    enum Action: String, CaseIterable, Sendable {
        case enable, disable, delete
        case sendPasswordLink = "send-password-link"
    }

    let action: Action
    /// Sorted, without repeats.
    let ids: [Int64]
    let actor: AuditActor
    let requestID: String?
    static let batchSize = 500
    static let maximumIDs = 100_000
    static let kind = "customer-mass-action"

    /// Reads `{action, customerIds}`; a 422 names the field at fault.
    static func parse(_ body: [String: JSONValue], actor: AuditActor, requestID: String?) throws -> CustomerMassAction {
        for key in body.keys.sorted() where !["action", "customerIds", "dryRun"].contains(key) {
            throw HTTPError.invalid(
                key, "\(key) is not a member of a mass action; send action, customerIds and dryRun.", code: "unknown_field")
        }
        guard case .string(let text)? = body["action"], let action = Action(rawValue: text) else {
            throw HTTPError.invalid("action", "action must be one of \(Action.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard case .array(let items)? = body["customerIds"], !items.isEmpty else {
            throw HTTPError.invalid("customerIds", "customerIds must be a non-empty list of customer ids.", code: "wrong_type")
        }
        guard items.count <= maximumIDs else {
            throw HTTPError.invalid("customerIds", "customerIds may hold at most \(maximumIDs) ids.", code: "too_many_ids")
        }
        var ids: [Int64] = []
        for (index, item) in items.enumerated() {
            guard case .int(let id) = item, id > 0 else {
                throw HTTPError.invalid("customerIds[\(index)]", "customerIds[\(index)] must be a customer id.", code: "wrong_type")
            }
            ids.append(id)
        }
        return CustomerMassAction(action: action, ids: Array(Set(ids)).sorted(), actor: actor, requestID: requestID)
    }

    var parameters: JSONValue {
        .object(["action": .string(action.rawValue), "customerIds": .array(ids.map { .int($0) })])
    }

    /// What the action would do, changing nothing: how many customers it reaches, which ids
    /// are not customers, and for a delete the summed impact (addresses, orders kept, …).
    func impact(_ db: Database) throws -> JSONValue {
        let writer = CustomerWriter(db: db, actor: actor, requestID: requestID)
        var found = 0
        var missing: [JSONValue] = []
        var totals: [String: Int64] = [:]
        for id in ids {
            guard try db.scalar("SELECT 1 FROM customer WHERE id = ?", [id], as: Int.self) != nil else {
                if missing.count < 20 { missing.append(.int(id)) }
                continue
            }
            found += 1
            guard action == .delete, case .object(let members) = try writer.deletionImpact(id) else { continue }
            for (key, value) in members where key != "customer" {
                if case .int(let count) = value { totals[key, default: 0] += count }
            }
        }
        var out: [String: JSONValue] = [
            "action": .string(action.rawValue), "customers": .int(Int64(found)), "notFound": .array(missing),
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
                let batch = Array(ids.lazy.filter { $0 > after }.prefix(Self.batchSize))
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
