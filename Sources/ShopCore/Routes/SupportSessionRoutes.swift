import Foundation
import HTTPServer
import SQLite

/// The operator's (and support's) only way to act inside a shop:
/// `POST /operator/shops/{slug}/support-sessions` `{reason}` gives a one-hour, shop-scoped
/// token (`sa_sp_...`) whose caller has an admin's permissions less `staff.manage`. Starting
/// and ending are audited in the registry's trail and in the shop's audit log as
/// "support (reason)"; everything done with the token is audited with actor kind `support`.
public struct SupportSessionRoutes {
    let service: ShopService

    struct StartBody: Decodable { var reason: String }

    public func addRoutes(to routes: RouteGroup) {
        let service = self.service

        routes.post("/shops/{slug}/support-sessions", summary: "Start a support session in a shop (token shown once)") {
            request, context in
            let slug = try OperatorRoutes.slug(context)
            let body = try request.decode(StartBody.self, allowing: ["reason"])
            let reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty, reason.count <= 200 else {
                throw HTTPError.invalid("reason", "Give a reason of 1 to 200 characters; the shop's audit log shows it.")
            }
            let record = try service.record(slug)
            guard record.status == .active else {
                throw HTTPError.conflict("Shop \(slug) is suspended; resume it before a support session.", code: "shop_suspended")
            }
            let token = SecretToken.make(SecretToken.support)
            let requestID = context.requestID
            let session = try await SupportSessionRoutes.withShop(service, record) { queue in
                try await queue.write { db -> JSONValue in
                    let now = Date()
                    try db.execute(
                        "INSERT INTO support_session(token_hash, reason, created_at, expires_at) VALUES(?, ?, ?, ?)",
                        [
                            SecretToken.hash(token), reason, Timestamp.format(now),
                            Timestamp.format(now.addingTimeInterval(SupportSession.lifetime)),
                        ])
                    let id = db.lastInsertRowID
                    let session = try SupportSessionRoutes.find(db, id)
                    try AuditLog.record(
                        db, actor: SupportSessionRoutes.actor(id: id, reason: reason), action: "support.session_started",
                        entity: "support_session", entityID: String(id), after: session, requestID: requestID)
                    return session
                }
            }
            try await service.registry.note(slug, actor: context.auditActor.label, action: "support.session_started", details: session)
            return .json(.object(["supportSession": session, "token": .string(token)]), status: .created)
        }

        routes.get("/shops/{slug}/support-sessions", summary: "A shop's support sessions, newest first") { _, context in
            let record = try service.record(try OperatorRoutes.slug(context))
            let sessions = try await SupportSessionRoutes.withShop(service, record) { queue in
                try await queue.read { db in
                    try db.query("SELECT id, reason, created_at, expires_at, ended_at FROM support_session ORDER BY id DESC LIMIT 100")
                        .map(SupportSession.json)
                }
            }
            return .json(.object(["supportSessions": .array(sessions)]))
        }

        routes.delete("/shops/{slug}/support-sessions/{id}", summary: "End a support session") { _, context in
            let slug = try OperatorRoutes.slug(context)
            let record = try service.record(slug)
            let id = try context.idParameter()
            let requestID = context.requestID
            let ended = try await SupportSessionRoutes.withShop(service, record) { queue in
                try await queue.write { db in try SupportSessionRoutes.end(db, id: id, actor: .operator, requestID: requestID) }
            }
            if let ended {
                try await service.registry.note(slug, actor: context.auditActor.label, action: "support.session_ended", details: ended)
            }
            return .noContent
        }
    }

    /// Ends a session (no-op when it already has); returns it as ended, or nil when it was.
    @discardableResult
    static func end(_ db: Database, id: Int64, actor: AuditActor, requestID: String) throws -> JSONValue? {
        let before = try find(db, id)
        guard before["endedAt"] == .null else { return nil }
        try db.execute("UPDATE support_session SET ended_at = ? WHERE id = ?", [Timestamp.now(), id])
        let after = try find(db, id)
        try AuditLog.record(
            db, actor: actor, action: "support.session_ended", entity: "support_session", entityID: String(id), before: before,
            after: after, requestID: requestID)
        return after
    }

    /// How the shop's audit log names a support session: `support (reason)`.
    static func actor(id: Int64, reason: String) -> AuditActor {
        AuditActor(kind: "support", id: id, label: "support (\(reason))")
    }

    static func find(_ db: Database, _ id: Int64) throws -> JSONValue {
        guard let row = try db.queryRow("SELECT id, reason, created_at, expires_at, ended_at FROM support_session WHERE id = ?", [id])
        else { throw HTTPError.notFound("No support session with id \(id).", code: "support_session_not_found") }
        return try SupportSession.json(row)
    }

    /// Leases the shop's database (applying pending migrations) for `body`.
    static func withShop<T: Sendable>(
        _ service: ShopService, _ record: ShopRecord, _ body: @Sendable (DatabaseQueue) async throws -> T
    ) async throws -> T {
        try await service.pool.withDatabase(record.slug, modules: service.catalog.enabledModules(for: record), body)
    }
}
