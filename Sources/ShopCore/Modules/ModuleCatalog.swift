import SQLite

/// The modules this build has, each with what enables it. The executable builds it
/// from its plugin list and the tier matrix; everything else asks it.
public struct ModuleCatalog: Sendable {
    public struct Entry: Sendable {
        public let module: any FeatureModule
        public let availability: ModuleAvailability
    }

    public let entries: [Entry]
    private let byID: [String: Entry]

    /// Pairs each module with its availability from `matrix`. A module the matrix does not
    /// mention is a build mistake, reported at start-up rather than at the first request.
    public init(modules: [any FeatureModule], matrix: TierMatrix = .standard) throws {
        var entries: [Entry] = []
        var byID: [String: Entry] = [:]
        for module in modules {
            guard let availability = matrix.availability(of: module.id) else {
                throw CatalogError(message: "module \(module.id) has no row in the tier matrix")
            }
            guard byID[module.id] == nil, module.id != CoreSchema.owner else {
                throw CatalogError(message: "module id \(module.id) is used twice")
            }
            let entry = Entry(module: module, availability: availability)
            entries.append(entry)
            byID[module.id] = entry
        }
        self.entries = entries
        self.byID = byID
    }

    public func entry(_ moduleID: String) -> Entry? { byID[moduleID] }

    /// Ids of the modules a shop with this plan has, in catalog order.
    public func enabledModules(for shop: ShopRecord) -> [String] {
        entries.filter { $0.availability.isEnabled(for: shop) }.map(\.module.id)
    }

    /// The core's migrations followed by those of the given modules.
    public func migrator(for moduleIDs: [String]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in CoreSchema.migrations {
            migrator.registerMigration(owner: CoreSchema.owner, id: migration.id, migration.apply)
        }
        for id in moduleIDs {
            guard let module = byID[id]?.module else { continue }
            for migration in module.migrations {
                migrator.registerMigration(owner: module.id, id: migration.id, migration.apply)
            }
        }
        return migrator
    }

    /// The hooks of the enabled modules, ordered by stage and then by catalog order:
    /// the host decides the order, not registration.
    public func pricingHooks(for moduleIDs: [String]) -> [any PricingHook] {
        let enabled = Set(moduleIDs)
        return entries.filter { enabled.contains($0.module.id) }
            .flatMap { $0.module.pricingHooks }
            .enumerated()
            .sorted { ($0.element.stage, $0.offset) < ($1.element.stage, $1.offset) }
            .map(\.element)
    }

    /// The order guards of the enabled modules with the module each belongs to, in catalog
    /// order, so a refusal can name the module that refused.
    public func orderGuards(for moduleIDs: [String]) -> [(moduleID: String, hook: any PricingHook)] {
        let enabled = Set(moduleIDs)
        return entries.filter { enabled.contains($0.module.id) }.flatMap { entry in
            entry.module.pricingHooks.filter { $0.stage == .orderGuard }.map { (entry.module.id, $0) }
        }
    }

    /// The customer-list filters of the enabled modules.
    public func listFilters(for moduleIDs: [String]) -> [CustomerListFilter] {
        let enabled = Set(moduleIDs)
        return entries.filter { enabled.contains($0.module.id) }.flatMap { $0.module.customerListFilters }
    }

    /// What customers belong to in the enabled modules' terms (b2b: companies), and who else does.
    public func affiliations(for moduleIDs: [String]) -> ModuleAffiliations {
        let enabled = Set(moduleIDs)
        return ModuleAffiliations(modules: entries.map(\.module).filter { enabled.contains($0.id) })
    }

    /// Customer fields the enabled modules contribute.
    public func customerFields(for moduleIDs: [String]) -> [CustomerFieldDefinition] {
        let enabled = Set(moduleIDs)
        return entries.filter { enabled.contains($0.module.id) }.flatMap { $0.module.customerFields }
    }
}

/// A mistake in how the catalog was put together.
public struct CatalogError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
