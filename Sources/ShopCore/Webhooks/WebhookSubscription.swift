import Cryptography
import Foundation
import HTTPClient
import SQLite

/// A merchant's webhook subscription: where to POST, which events, and the secret that signs
/// each body. The secret is shown once, when made or replaced, and never read back out.
struct WebhookSubscription: Sendable {
    var id: Int64?
    var url: String
    var events: [String]
    var secret: String
    var description: String?
    var active: Bool
    var createdAt: String?
    var updatedAt: String?

    static let fields: Set<String> = ["url", "events", "secret", "description", "active"]

    /// A new subscription from a POST body; a secret is generated unless one is given.
    static func parse(new body: JSONBody) throws -> (WebhookSubscription, generatedSecret: Bool) {
        guard let url = try body.string("url", max: 2000, required: true) else { throw HTTPError.invalid("url", "url is required.") }
        guard body.has("events") else {
            throw HTTPError.invalid("events", "events is required: a list of event names.", code: "missing_field")
        }
        var subscription = WebhookSubscription(
            url: try checkedURL(url), events: try events(body), secret: "", description: try body.string("description", max: 200),
            active: try body.bool("active") ?? true)
        let given = try secret(body)
        subscription.secret = given ?? "whsec_" + SecureRandom.token(byteCount: 24)
        return (subscription, given == nil)
    }

    /// Applies a PATCH body; returns whether the secret was replaced.
    mutating func apply(_ body: JSONBody) throws {
        if body.has("url") {
            guard let url = try body.string("url", max: 2000) else { throw HTTPError.invalid("url", "url cannot be empty.") }
            self.url = try Self.checkedURL(url)
        }
        if body.has("events") { events = try Self.events(body) }
        if body.has("description") { description = try body.string("description", max: 200) }
        if body.has("active") {
            guard let active = try body.bool("active") else { throw HTTPError.invalid("active", "active must be true or false.") }
            self.active = active
        }
        if body.has("secret") {
            guard let secret = try Self.secret(body) else { throw HTTPError.invalid("secret", "secret cannot be empty.") }
            self.secret = secret
        }
    }

    private static func checkedURL(_ url: String) throws -> String {
        do {
            _ = try HTTPClientURL(url)
        } catch {
            throw HTTPError.invalid("url", "url is not usable: \(error.message).", code: "invalid_url")
        }
        return url
    }

    private static func events(_ body: JSONBody) throws -> [String] {
        guard case .array(let items)? = body.members["events"], !items.isEmpty, items.count <= 50 else {
            throw HTTPError.invalid(
                "events",
                "events must be a list of 1 to 50 event names (\(ShopEvents.known.joined(separator: ", ")), a prefix such as customer.* or *)."
            )
        }
        var names: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let name) = item,
                name == "*" || ShopEvents.known.contains(name)
                    || (name.hasSuffix(".*") && ShopEvents.known.contains { $0.hasPrefix(String(name.dropLast())) })
            else {
                throw HTTPError.invalid(
                    "events[\(index)]",
                    "events[\(index)] is not an event; known: \(ShopEvents.known.joined(separator: ", ")), or a prefix such as customer.*.",
                    code: "unknown_event")
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    private static func secret(_ body: JSONBody) throws -> String? {
        guard let secret = try body.string("secret", max: 200) else { return nil }
        guard secret.count >= 16 else {
            throw HTTPError.invalid("secret", "secret must be at least 16 characters; leave it out to have one generated.")
        }
        return secret
    }

    static func decodeEvents(_ text: String) -> [String] {
        guard case .array(let items)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return [] }
        return items.compactMap(\.stringValue)
    }

    // MARK: Storage

    static func load(_ db: Database, id: Int64) throws -> WebhookSubscription {
        guard let row = try db.queryRow("SELECT * FROM webhook_subscription WHERE id = ?", [id]) else {
            throw HTTPError.notFound("No webhook subscription \(id).", code: "webhook_not_found")
        }
        return try WebhookSubscription(row)
    }

    static func all(_ db: Database) throws -> [WebhookSubscription] {
        try db.query("SELECT * FROM webhook_subscription ORDER BY id").map { try WebhookSubscription($0) }
    }

    private init(_ row: Row) throws {
        id = try row.get("id")
        url = try row.get("url")
        events = Self.decodeEvents(try row.get("events"))
        secret = try row.get("secret")
        description = row["description"].textValue
        active = try row.get("active", as: Int64.self) == 1
        createdAt = try row.get("created_at")
        updatedAt = try row.get("updated_at")
    }

    private init(url: String, events: [String], secret: String, description: String?, active: Bool) {
        self.url = url
        self.events = events
        self.secret = secret
        self.description = description
        self.active = active
    }

    private var eventsText: String {
        String(decoding: JSONValue.array(events.map { .string($0) }).serialized(), as: UTF8.self)
    }

    /// Inserts or updates the row; returns the id.
    @discardableResult
    mutating func save(_ db: Database) throws -> Int64 {
        let now = Timestamp.now()
        updatedAt = now
        if let id {
            try db.execute(
                "UPDATE webhook_subscription SET url = ?, events = ?, secret = ?, description = ?, active = ?, updated_at = ? WHERE id = ?",
                [url, eventsText, secret, description, Int64(active ? 1 : 0), now, id])
            return id
        }
        createdAt = now
        try db.execute(
            """
            INSERT INTO webhook_subscription(url, events, secret, description, active, created_at, updated_at)
            VALUES(?, ?, ?, ?, ?, ?, ?)
            """, [url, eventsText, secret, description, Int64(active ? 1 : 0), now, now])
        id = db.lastInsertRowID
        return id!
    }

    /// The subscription as the API shows it: never the secret, unless `revealing` it once.
    func json(revealing: Bool = false) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": id.map { .int($0) } ?? .null, "url": .string(url), "events": .array(events.map { .string($0) }),
            "description": description.map { .string($0) } ?? .null, "active": .bool(active),
            "createdAt": createdAt.map { .string($0) } ?? .null, "updatedAt": updatedAt.map { .string($0) } ?? .null,
        ]
        if revealing { object["secret"] = .string(secret) }
        return .object(object)
    }
}
