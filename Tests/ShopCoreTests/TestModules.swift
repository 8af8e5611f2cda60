import Foundation
import HTTPServer
import SQLite
import ShopCore

/// Feature modules that exist only in the tests: real migrations, real routes and real
/// audit entries, so the module host is exercised the way a plugin would use it.
enum TestModules {
    /// The three modules most tests run with: one per kind of availability.
    static let all: [any FeatureModule] = [NotesModule(), LedgerModule(), HotlineModule()]

    /// Notes by tier (pro, platinum), the ledger by the account-balance add-on, the hotline
    /// by the b2b flag. `business` deliberately lacks notes, so a tier change can switch it off.
    static let matrix = TierMatrix([
        "notes": .tiers([.pro, .platinum]),
        "ledger": .addOn(.accountBalance),
        "hotline": .flag(.b2b),
    ])
}

/// Notes a shop's staff write: `GET|POST /shops/{shop}/api/notes`.
struct NotesModule: FeatureModule {
    let id = "notes"
    let name = "Staff notes"

    struct NewNote: Decodable { var text: String }

    var migrations: [ModuleMigration] {
        [
            ModuleMigration(id: "1-create-note") { db in
                try db.executeScript(
                    "CREATE TABLE note(id INTEGER PRIMARY KEY, text TEXT NOT NULL, created_at TEXT NOT NULL);")
            }
        ]
    }

    func addRoutes(to routes: RouteGroup) {
        routes.get("/notes") { _, context in
            let shop = try context.requireShop()
            let notes = try await shop.database.read { db in
                try db.query("SELECT id, text FROM note ORDER BY id").map { row -> JSONValue in
                    .object(["id": .int(try row.get("id")), "text": .string(try row.get("text"))])
                }
            }
            return .json(.object(["notes": .array(notes)]))
        }
        routes.post("/notes") { request, context in
            let shop = try context.requireShop()
            let body = try request.decode(NewNote.self, allowing: ["text"])
            guard !body.text.isEmpty else { throw HTTPError.invalid("text", "text must not be empty.") }
            let actor = context.auditActor
            let requestID = context.requestID
            let note = try await shop.database.write { db -> JSONValue in
                try db.execute("INSERT INTO note(text, created_at) VALUES(?, ?)", [body.text, Timestamp.now()])
                let note: JSONValue = .object(["id": .int(db.lastInsertRowID), "text": .string(body.text)])
                try AuditLog.record(
                    db, actor: actor, action: "note.created", entity: "note", entityID: String(db.lastInsertRowID),
                    after: note, requestID: requestID)
                return note
            }
            return .json(.object(["note": note]), status: .created)
        }
    }
}

/// A ledger unlocked by the account-balance add-on: `GET /shops/{shop}/api/ledger`.
struct LedgerModule: FeatureModule {
    let id = "ledger"
    let name = "Ledger"

    var migrations: [ModuleMigration] {
        [
            ModuleMigration(id: "1-create-ledger-entry") { db in
                try db.executeScript("CREATE TABLE ledger_entry(id INTEGER PRIMARY KEY, amount INTEGER NOT NULL);")
            }
        ]
    }

    func addRoutes(to routes: RouteGroup) {
        routes.get("/ledger") { _, context in
            let count = try await context.requireShop().database.read { db in
                try db.scalar("SELECT count(*) FROM ledger_entry", as: Int.self) ?? 0
            }
            return .json(.object(["entries": .int(Int64(count))]))
        }
    }
}

/// A B2B hotline set by support's flag: `GET /shops/{shop}/api/hotline`; no tables.
struct HotlineModule: FeatureModule {
    let id = "hotline"
    let name = "B2B hotline"

    func addRoutes(to routes: RouteGroup) {
        routes.get("/hotline") { _, _ in .json(.object(["hotline": .string("open")])) }
    }
}

/// A module whose migration refuses any shop with a store named `...FAILME...`: a real,
/// data-dependent failure for the resumable migrate-all run. Fixing the store's name fixes it.
struct FragileModule: FeatureModule {
    let id = "fragile"
    let name = "Fragile"

    struct Refused: Error, CustomStringConvertible {
        let store: String
        var description: String { "store \(store) is marked FAILME" }
    }

    var migrations: [ModuleMigration] {
        [
            ModuleMigration(id: "1-create-fragile") { db in
                if let store = try db.scalar("SELECT name FROM store WHERE name LIKE '%FAILME%'", as: String.self) {
                    throw Refused(store: store)
                }
                try db.executeScript("CREATE TABLE fragile(id INTEGER PRIMARY KEY);")
            }
        ]
    }
}
