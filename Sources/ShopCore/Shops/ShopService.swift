import Cryptography
import Foundation
import SQLite
import Synchronization

/// The operator's operations on shops: provision, change plan, suspend, resume, delete,
/// migrate, back up. Shared by the operator API and the CLI, so both behave the same.
public final class ShopService: Sendable {
    public let registry: ShopRegistry
    public let pool: ShopDatabasePool
    public let catalog: ModuleCatalog
    public let hasher: PasswordHasher
    /// Staff sessions verified moments ago, shared by every route that admits staff.
    public let staffSessions = StaffSessionCache()
    /// Tells the email delivery worker that a shop may have new email.
    public let outboxSignal = OutboxSignal()
    /// Each shop's price book, rebuilt when its pricing data changes.
    public let priceBooks = PriceBookCache()
    /// A hash of a random password at the current cost, verified against when a sign-in names
    /// an unknown account, so the answer takes as long as for a known one. Made on first use,
    /// so commands that sign nobody in do not pay for it.
    private let standIn = Mutex<String?>(nil)

    public init(registry: ShopRegistry, catalog: ModuleCatalog, hasher: PasswordHasher, poolCapacity: Int) throws {
        self.registry = registry
        self.catalog = catalog
        self.hasher = hasher
        let directory = registry.dataDirectory
        pool = ShopDatabasePool(
            capacity: poolCapacity,
            opener: { slug in
                // Request paths never create a database: a missing file is an error, not a new shop.
                try await DatabaseQueue.open(path: ShopService.databasePath(directory, slug), options: ShopService.openOptions)
            },
            migrator: { queue, modules in
                try await ShopService.migrate(queue, catalog.migrator(for: modules))
            })
    }

    public var dataDirectory: String { registry.dataDirectory }

    /// The stand-in hash for sign-ins that name an unknown account.
    func standInPasswordHash() async throws -> String {
        if let hash = standIn.withLock({ $0 }) { return hash }
        let hash = try await hasher.hash(SecureRandom.token())
        return standIn.withLock { stored in
            if stored == nil { stored = hash }
            return stored!
        }
    }

    /// How request paths open a shop: never creating it, erased bytes zeroed (GDPR), the
    /// first GiB memory-mapped for reads (a shop of a million customers, without a read() per
    /// page), locked for the one connection that owns it.
    static let openOptions = OpenOptions(create: false, secureDelete: true, memoryMapBytes: 1 << 30, exclusiveLocking: true)
    /// How provisioning opens a shop: the only place that creates one.
    static let creatingOptions = OpenOptions(create: true, secureDelete: true, memoryMapBytes: 1 << 30, exclusiveLocking: true)

    static func databasePath(_ directory: String, _ slug: ShopSlug) -> String {
        "\(directory)/\(slug.value)/shop.sqlite"
    }

    /// Where a shop's database lives.
    public func databasePath(_ slug: ShopSlug) -> String { ShopService.databasePath(dataDirectory, slug) }

    /// The shop, or a 404 naming it.
    public func record(_ slug: ShopSlug) throws -> ShopRecord {
        guard let record = registry.shop(slug) else {
            throw HTTPError.notFound("No shop named \(slug).", code: "shop_not_found")
        }
        return record
    }

    // MARK: Provisioning

    /// The outcome of provisioning; `ownerPassword` is set only when it was generated.
    public struct Provisioned: Sendable {
        public let record: ShopRecord
        public let ownerPassword: String?
    }

    /// Creates the shop's folder and database, applies the core's and its modules'
    /// migrations, seeds stores, built-in groups and the owner, then lists it in the
    /// registry. On any failure the half-made folder is removed and nothing is listed.
    public func provision(_ request: ProvisioningRequest, actor: String) async throws -> Provisioned {
        let (record, stores) = try request.validated()
        guard registry.shop(record.slug) == nil else {
            throw HTTPError.conflict("A shop named \(record.slug) already exists.", code: "shop_exists", field: "slug")
        }
        let folder = "\(dataDirectory)/\(record.slug.value)"
        do {
            // Not intermediate: the data directory exists, and mkdir failing on an existing
            // folder is what makes two concurrent provisions of one slug safe.
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw HTTPError.conflict(
                "The folder for shop \(record.slug) already exists; remove or restore it first.", code: "shop_exists",
                field: "slug")
        }
        let generated = request.ownerPassword == nil ? SecureRandom.token(byteCount: 12) : nil
        do {
            let passwordHash = try await hasher.hash(request.ownerPassword ?? generated!)
            let queue = try await DatabaseQueue.open(path: databasePath(record.slug), options: ShopService.creatingOptions)
            do {
                _ = try await ShopService.migrate(queue, catalog.migrator(for: catalog.enabledModules(for: record)))
                try await queue.write { db in
                    try ShopSeed.seed(db, record: record, stores: stores, owner: request, passwordHash: passwordHash)
                }
                await queue.close()
            } catch {
                await queue.close()
                throw error
            }
            try await registry.insert(record, actor: actor)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        return Provisioned(record: record, ownerPassword: generated)
    }

    // MARK: Plan and status

    /// Changes the tier. Modules it switches on get their migrations on the next request;
    /// modules it switches off disappear and keep their data.
    public func setTier(_ slug: ShopSlug, _ tier: Tier, actor: String) async throws -> ShopRecord {
        try await registry.update(slug, actor: actor, action: "shop.tier_changed") { $0.tier = tier }
    }

    public func setAddOn(_ slug: ShopSlug, _ addOn: AddOn, enabled: Bool, actor: String) async throws -> ShopRecord {
        try await registry.update(slug, actor: actor, action: enabled ? "shop.add_on_enabled" : "shop.add_on_disabled") {
            if enabled { $0.addOns.insert(addOn) } else { $0.addOns.remove(addOn) }
        }
    }

    public func setFlag(_ slug: ShopSlug, _ flag: ShopFlag, enabled: Bool, actor: String) async throws -> ShopRecord {
        try await registry.update(slug, actor: actor, action: enabled ? "shop.flag_set" : "shop.flag_cleared") {
            if enabled { $0.flags.insert(flag) } else { $0.flags.remove(flag) }
        }
    }

    public func rename(_ slug: ShopSlug, _ name: String, actor: String) async throws -> ShopRecord {
        let trimmed = name.trimmedWhitespace()
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw HTTPError.invalid("name", "name must be 1 to 200 characters.")
        }
        return try await registry.update(slug, actor: actor, action: "shop.renamed") { $0.name = trimmed }
    }

    /// Every route of a suspended shop answers 403 with the reason.
    public func suspend(_ slug: ShopSlug, reason: String, actor: String) async throws -> ShopRecord {
        let reason = reason.trimmedWhitespace()
        guard !reason.isEmpty, reason.count <= 500 else {
            throw HTTPError.invalid("reason", "Give a reason of 1 to 500 characters; the shop's staff will see it.")
        }
        return try await registry.update(slug, actor: actor, action: "shop.suspended") {
            $0.status = .suspended
            $0.suspendedReason = reason
        }
    }

    public func resume(_ slug: ShopSlug, actor: String) async throws -> ShopRecord {
        try await registry.update(slug, actor: actor, action: "shop.resumed") {
            $0.status = .active
            $0.suspendedReason = nil
        }
    }

    /// Removes the shop from the registry and moves its folder to `.trash/<slug>-<time>`:
    /// nothing is erased. Returns the folder's new path.
    public func delete(_ slug: ShopSlug, actor: String) async throws -> String {
        _ = try record(slug)
        let trash = "\(dataDirectory)/.trash"
        let destination = "\(trash)/\(slug.value)-\(Timestamp.compact(Date()))"
        try FileManager.default.createDirectory(atPath: trash, withIntermediateDirectories: true)
        try await registry.remove(slug, actor: actor, trashPath: destination)
        await pool.close(slug)
        try FileManager.default.moveItem(atPath: "\(dataDirectory)/\(slug.value)", toPath: destination)
        return destination
    }

    // MARK: Migrations and backups

    /// Applies the pending migrations of the core and the shop's enabled modules.
    public func migrate(_ slug: ShopSlug) async throws -> [String] {
        let record = try record(slug)
        let modules = catalog.enabledModules(for: record)
        // Leasing applies what is pending (the pool migrates on open and on a plan change).
        let (_, applied) = try await pool.acquireReporting(slug, modules: modules)
        pool.release(slug)
        return applied
    }

    /// Runs a migrator on the database's serial executor, each migration in its own transaction.
    static func migrate(_ queue: DatabaseQueue, _ migrator: DatabaseMigrator) async throws -> [String] {
        try await queue.migrate(migrator)
    }

    /// An online backup of a running shop into a new file.
    public func backup(_ slug: ShopSlug, to path: String) async throws {
        let record = try record(slug)
        guard !FileManager.default.fileExists(atPath: path) else {
            throw HTTPError.conflict("\(path) already exists; choose a new file.", code: "file_exists", field: "file")
        }
        try await pool.withDatabase(slug, modules: catalog.enabledModules(for: record)) { queue in
            try await queue.read { db in try db.backup(to: path) }
        }
    }
}
