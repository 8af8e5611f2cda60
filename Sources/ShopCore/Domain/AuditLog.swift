import Foundation
import SQLite

/// Who did something, as the audit log records it.
public struct AuditActor: Sendable, Equatable {
    /// `staff`, `api_token`, `operator`, `support`, `customer`, `system`, `anonymous`.
    public let kind: String
    public let id: Int64?
    /// A readable name (an email, "operator").
    public let label: String

    public init(kind: String, id: Int64?, label: String) {
        self.kind = kind
        self.id = id
        self.label = label
    }

    public static let system = AuditActor(kind: "system", id: nil, label: "system")
    public static let `operator` = AuditActor(kind: "operator", id: nil, label: "operator")
}

/// The shop's audit log: every change, written in the same transaction as the change,
/// so a change and its record commit or roll back together. Secrets are never passed in.
public enum AuditLog {
    /// Appends one entry. Call inside the write transaction that makes the change.
    public static func record(
        _ db: Database, actor: AuditActor, action: String, entity: String, entityID: String?,
        before: JSONValue? = nil, after: JSONValue? = nil, requestID: String? = nil
    ) throws {
        try db.execute(
            """
            INSERT INTO audit_log(at, actor_kind, actor_id, actor_label, action, entity, entity_id, before, after, request_id)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                Timestamp.now(), actor.kind, actor.id, actor.label, action, entity, entityID,
                before.map { String(decoding: $0.serialized(), as: UTF8.self) },
                after.map { String(decoding: $0.serialized(), as: UTF8.self) }, requestID,
            ])
    }

    /// Strips the values (before and after) of every entry about one entity, keeping the trail
    /// (who did what, when): for a module's GDPR erasure of its records about a person
    /// (`eraseCustomerData`), as the core does for the customer's own entries.
    public static func eraseValues(_ db: Database, entity: String, entityID: String) throws {
        try db.execute("UPDATE audit_log SET before = NULL, after = NULL WHERE entity = ? AND entity_id = ?", [entity, entityID])
    }

    /// Entries, newest first, optionally for one entity; keyset-paginated by id.
    public static func entries(_ db: Database, entity: String? = nil, entityID: String? = nil, before id: Int64? = nil, limit: Int = 50)
        throws -> [JSONValue]
    {
        var sql =
            "SELECT id, at, actor_kind, actor_id, actor_label, action, entity, entity_id, before, after, request_id FROM audit_log WHERE 1=1"
        var arguments: [(any SQLValueConvertible)?] = []
        if let entity {
            sql += " AND entity = ?"
            arguments.append(entity)
        }
        if let entityID {
            sql += " AND entity_id = ?"
            arguments.append(entityID)
        }
        if let id {
            sql += " AND id < ?"
            arguments.append(id)
        }
        sql += " ORDER BY id DESC LIMIT ?"
        arguments.append(limit)
        return try db.query(sql, arguments).map { row in
            func parsed(_ column: String) -> JSONValue {
                guard case .text(let text) = row[column] else { return .null }
                return (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
            }
            func text(_ column: String) -> JSONValue {
                if case .text(let value) = row[column] { return .string(value) }
                return .null
            }
            var actor: [String: JSONValue] = ["kind": text("actor_kind"), "label": text("actor_label")]
            if case .integer(let actorID) = row["actor_id"] { actor["id"] = .int(actorID) }
            return .object([
                "id": .int((try? row.get("id", as: Int64.self)) ?? 0), "at": text("at"), "actor": .object(actor),
                "action": text("action"), "entity": text("entity"), "entityId": text("entity_id"),
                "before": parsed("before"), "after": parsed("after"), "requestId": text("request_id"),
            ])
        }
    }
}
